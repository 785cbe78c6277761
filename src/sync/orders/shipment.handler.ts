import type { ShipmentConfirmation } from '../../hub/index.js';
import { UndeliverableError } from '../outbox/outbox-failure.js';
import type { OutboxHandler } from '../outbox/outbox-handler.js';
import { setStoreOrderState } from './store-order-state.js';

/** A `shipment` payload as checked: the store order id as a number. */
export interface ShipmentPayload extends Omit<ShipmentConfirmation, 'orderId'> {
  readonly orderId: number;
}

/** Checks a stored `shipment` payload (written by `hub.shipments.record`). */
export function decodeShipmentPayload(payload: unknown): ShipmentPayload {
  if (typeof payload !== 'object' || payload === null) throw new Error('the payload is not an object');
  const fields = payload as Record<string, unknown>;
  const orderId = Number(fields.orderId);
  const stateId = Number(fields.stateId);
  if (!Number.isInteger(orderId) || orderId < 1) throw new Error(`orderId must be a store order id`);
  if (!Number.isInteger(stateId) || stateId < 1) throw new Error(`stateId must be a store state id`);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  return {
    orderId,
    shipmentId: Number(fields.shipmentId),
    complete: fields.complete === true,
    stateId,
    trackingNumber: text(fields.trackingNumber),
    carrier: text(fields.carrier),
  };
}

/**
 * Delivers `shipment` entries — the shipping confirmation: a full shipment puts its tracking number
 * on the store order's carrier row (`order_carriers`, read-merge PUT; unchanged when already there)
 * and moves the order to the store's `shipmentStates.full` state; a partial shipment moves it to
 * `shipmentStates.partial`. The state goes through `order_histories`, never twice; the customer is
 * e-mailed when the store's `orderStateEmails` setting is on. Stores with no state configured get no
 * entry at all (the hub queues none).
 */
export const shipmentOutboxHandler: OutboxHandler<ShipmentPayload> = {
  kind: 'shipment',
  purpose: 'confirm shipments',
  needs: [
    { resource: 'orders', verb: 'GET' },
    { resource: 'order_carriers', verb: 'GET' },
    { resource: 'order_carriers', verb: 'PUT' },
    { resource: 'order_histories', verb: 'GET' },
    { resource: 'order_histories', verb: 'POST' },
  ],
  decode: decodeShipmentPayload,
  async send(entry, { client, store }) {
    const { orderId, trackingNumber, complete, stateId } = entry.payload;
    if (complete && trackingNumber !== null) {
      const carriers = await client.list('order_carriers', {
        display: 'full',
        filter: { id_order: orderId },
      });
      const carrier = carriers.sort((a, b) => b.id - a.id)[0];
      if (carrier === undefined) {
        throw new UndeliverableError(
          `Store order ${orderId} has no carrier row to hold tracking number ${trackingNumber}; its state was not changed. ` +
            `Set the state with \`prestabridge orders set-state\`.`,
        );
      }
      if (String(carrier.tracking_number).trim() !== trackingNumber) {
        await client.update('order_carriers', carrier.id, { tracking_number: trackingNumber });
      }
    }
    const { warning } = await setStoreOrderState(
      client,
      store.timeZone,
      { orderId, stateId, sendEmail: store.settings.orderStateEmails },
      entry,
    );
    return warning === undefined ? 'done' : { warning };
  },
};
