import type { OutboxHandler } from '../outbox/outbox-handler.js';
import { setStoreOrderState } from './store-order-state.js';

/** The payload of an `order_state` outbox entry (queued by `hub.orders.requestStoreState`). */
export interface OrderStatePayload {
  /** The store's order id. */
  readonly orderId: number;
  readonly stateId: number;
  readonly sendEmail: boolean;
}

function positiveId(value: unknown, field: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1)
    throw new Error(`${field} must be a store id, got ${JSON.stringify(value)}`);
  return id;
}

/** Checks a stored `order_state` payload. */
export function decodeOrderStatePayload(payload: unknown): OrderStatePayload {
  if (typeof payload !== 'object' || payload === null) throw new Error('the payload is not an object');
  const fields = payload as Record<string, unknown>;
  return {
    orderId: positiveId(fields.orderId, 'orderId'),
    stateId: positiveId(fields.stateId, 'stateId'),
    sendEmail: fields.sendEmail === true,
  };
}

/**
 * Delivers `order_state` entries: the store order moves to the state through `order_histories`
 * (the store's own side effects run; `sendemail=1` when asked), never twice (see
 * `setStoreOrderState`). A change the store made but whose e-mail it could not send is delivered,
 * with a warning.
 */
export const orderStateOutboxHandler: OutboxHandler<OrderStatePayload> = {
  kind: 'order_state',
  purpose: 'set order states',
  needs: [
    { resource: 'orders', verb: 'GET' },
    { resource: 'order_histories', verb: 'GET' },
    { resource: 'order_histories', verb: 'POST' },
  ],
  decode: decodeOrderStatePayload,
  async send(entry, { client, store }) {
    const { warning } = await setStoreOrderState(client, store.timeZone, entry.payload, entry);
    return warning === undefined ? 'done' : { warning };
  },
};
