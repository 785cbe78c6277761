import { NotFoundError } from '../../hub/index.js';
import {
  builtInOutboxHandlers,
  drainOutbox,
  findStoreOrderState,
  type OrderTrackingPayload,
  type OutboxDrainReport,
  outboxHandlerSet,
  setOrderState,
} from '../../sync/index.js';
import type { PrestaShopClient } from '../../webservice/index.js';
import { type ActionContext, withStoreClient } from './action-context.js';
import { ActionInputError } from './action-errors.js';

/** What a write action did: queued in the hub's outbox, and sent to the store at once when it could be. */
export interface OrderWriteResult {
  /** The store's order id. */
  readonly orderId: number;
  /** The hub's order, when the hub has imported it (null: the change is still recorded in the outbox). */
  readonly hubOrderId: number | null;
  /** The store has the change (false: it stays queued, and is retried; `why` says what kept it). */
  readonly delivered: boolean;
  readonly why: string | null;
  readonly sendEmail: boolean;
}

export interface OrderStateChange extends OrderWriteResult {
  readonly state: { readonly id: number; readonly name: string };
}

export interface TrackingChange extends OrderWriteResult {
  readonly trackingNumber: string;
}

/**
 * Moves a store order to a state — by state id or name in the store's default language — through the
 * hub's outbox and the order's history (`POST order_histories`, `sendemail=1` when `sendEmail`; by
 * default the store's `orderStateEmails` setting), so that the store's own side effects run and the
 * hub keeps the record of what it asked: an order the hub has imported goes the way `orders
 * set-state` goes; any other order of the store gets an outbox entry of its own. Sent at once;
 * `delivered` says whether the store has it.
 *
 * @example
 * const change = await setOrderStateAction({ hub, store }, 41, { state: 'Shipped', sendEmail: true });
 * change.delivered; // true
 */
export async function setOrderStateAction(
  ctx: ActionContext,
  orderId: number,
  input: { readonly state: string | number; readonly sendEmail?: boolean },
): Promise<OrderStateChange> {
  return withStoreClient(ctx, 'setting an order state', async (client) => {
    await requireStoreOrder(ctx, client, orderId);
    const state = await findStoreOrderState(ctx.store, client, String(input.state));
    const sendEmail = input.sendEmail ?? ctx.store.settings.orderStateEmails;
    const hubOrder = await ctx.hub.orders.findByExternalId(ctx.store.id, orderId);
    const answer = { orderId, state: { id: state.id, name: state.name }, sendEmail };
    if (hubOrder !== undefined) {
      const { delivered, why } = await setOrderState(ctx.hub, ctx.store, client, hubOrder.id, state, {
        sendEmail,
      });
      return { ...answer, hubOrderId: hubOrder.id, delivered, why };
    }
    await ctx.hub.outbox.enqueue({
      storeId: ctx.store.id,
      kind: 'order_state',
      target: `order:${orderId}`,
      payload: { orderId, stateId: state.id, sendEmail },
    });
    return { ...answer, hubOrderId: null, ...(await deliver(ctx, client, 'order_state', orderId)) };
  });
}

/**
 * Puts a tracking number on a store order's carrier row (`order_carriers`) through the hub's outbox
 * (an `order_tracking` entry; `sendemail=1` when `sendEmail`, the store's "in transit" e-mail). The
 * order's state does not change. Sent at once; `delivered` says whether the store has it.
 *
 * @example
 * await setTrackingAction({ hub, store }, 41, { trackingNumber: '3SABC0001' });
 */
export async function setTrackingAction(
  ctx: ActionContext,
  orderId: number,
  input: { readonly trackingNumber: string; readonly sendEmail?: boolean },
): Promise<TrackingChange> {
  const trackingNumber = input.trackingNumber.trim();
  if (trackingNumber === '' || trackingNumber.length > 64) {
    throw new ActionInputError('trackingNumber must be 1 to 64 characters (PrestaShop keeps 64 at most).');
  }
  return withStoreClient(ctx, 'setting a tracking number', async (client) => {
    await requireStoreOrder(ctx, client, orderId);
    const sendEmail = input.sendEmail ?? false;
    const hubOrder = await ctx.hub.orders.findByExternalId(ctx.store.id, orderId);
    const payload: OrderTrackingPayload = { orderId, trackingNumber, sendEmail };
    await ctx.hub.outbox.enqueue({
      storeId: ctx.store.id,
      kind: 'order_tracking',
      target: `order:${orderId}`,
      payload,
    });
    return {
      orderId,
      hubOrderId: hubOrder?.id ?? null,
      trackingNumber,
      sendEmail,
      ...(await deliver(ctx, client, 'order_tracking', orderId)),
    };
  });
}

/** The store has the order (one request): a workflow naming an order it does not have gets a 404. */
async function requireStoreOrder(
  ctx: ActionContext,
  client: PrestaShopClient,
  orderId: number,
): Promise<void> {
  const [order] = await client.list('orders', { display: ['id_customer'], filter: { id: orderId } });
  if (order === undefined) throw new NotFoundError(`Store '${ctx.store.name}' has no order ${orderId}.`);
}

/** Sends the store's entries of `kind` now, and says whether this order's are all delivered, or why not. */
async function deliver(
  ctx: ActionContext,
  client: PrestaShopClient,
  kind: string,
  orderId: number,
): Promise<{ delivered: boolean; why: string | null }> {
  const drain: OutboxDrainReport = await drainOutbox({
    hub: ctx.hub,
    store: ctx.store,
    client,
    handlers: outboxHandlerSet(builtInOutboxHandlers),
    kinds: [kind],
  });
  const target = `order:${orderId}`;
  const open = await ctx.hub.outbox.openEntries(ctx.store.id, kind, [target]);
  const failure = drain.failures.find((failed) => failed.target === target);
  if (open.length === 0 && failure === undefined) return { delivered: true, why: null };
  const why =
    failure?.error ??
    drain.waiting.find((waiting) => waiting.kind === kind)?.missing ??
    drain.blocked ??
    open.find((entry) => entry.lastError !== null)?.lastError ??
    'the store has not confirmed it yet';
  return { delivered: false, why };
}
