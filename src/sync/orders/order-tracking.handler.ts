import { UndeliverableError } from '../outbox/outbox-failure.js';
import type { OutboxHandler } from '../outbox/outbox-handler.js';

/** The payload of an `order_tracking` outbox entry: a tracking number for a store order, nothing else. */
export interface OrderTrackingPayload {
  /** The store's order id. */
  readonly orderId: number;
  readonly trackingNumber: string;
  /** Let the store send its "in transit" e-mail (`sendemail=1` on the carrier row's PUT). */
  readonly sendEmail: boolean;
}

/** Checks a stored `order_tracking` payload. */
export function decodeOrderTrackingPayload(payload: unknown): OrderTrackingPayload {
  if (typeof payload !== 'object' || payload === null) throw new Error('the payload is not an object');
  const fields = payload as Record<string, unknown>;
  const orderId = Number(fields.orderId);
  if (!Number.isInteger(orderId) || orderId < 1) throw new Error('orderId must be a store order id');
  const trackingNumber = typeof fields.trackingNumber === 'string' ? fields.trackingNumber.trim() : '';
  if (trackingNumber === '') throw new Error('trackingNumber must be a text');
  return { orderId, trackingNumber, sendEmail: fields.sendEmail === true };
}

/**
 * Delivers `order_tracking` entries (queued by the automation action "set a tracking number"): the
 * tracking number goes on the store order's carrier row (`order_carriers`, the newest when there are
 * several; a read-merge PUT), left alone when it is there already — so a retry never writes it twice.
 * The order's state does not change: that is a shipment's work (`shipment` entries).
 */
export const orderTrackingOutboxHandler: OutboxHandler<OrderTrackingPayload> = {
  kind: 'order_tracking',
  purpose: 'set tracking numbers',
  needs: [
    { resource: 'order_carriers', verb: 'GET' },
    { resource: 'order_carriers', verb: 'PUT' },
  ],
  decode: decodeOrderTrackingPayload,
  async send(entry, { client }) {
    const { orderId, trackingNumber, sendEmail } = entry.payload;
    const carriers = await client.list('order_carriers', { display: 'full', filter: { id_order: orderId } });
    const carrier = carriers.sort((a, b) => b.id - a.id)[0];
    if (carrier === undefined) {
      throw new UndeliverableError(
        `Store order ${orderId} has no carrier row to hold tracking number ${trackingNumber} (an order without ` +
          'a carrier, or no order of that id): nothing was changed.',
      );
    }
    if (String(carrier.tracking_number).trim() !== trackingNumber) {
      await client.update(
        'order_carriers',
        carrier.id,
        { tracking_number: trackingNumber },
        sendEmail ? { params: { sendemail: 1 } } : {},
      );
    }
    return 'done';
  },
};
