import type { Hub, ShipmentInput, ShipmentResult, Store } from '../../hub/index.js';
import { InvalidRecordError } from '../../hub/index.js';
import type { PrestaShopClient } from '../../webservice/index.js';
import { keyLacksMessage } from '../feed-permissions.js';
import { drainOutbox, type OutboxDrainReport } from '../outbox/drain-outbox.js';
import { outboxHandlerSet } from '../outbox/outbox-handler.js';
import { StoreLanguages } from '../store-languages.js';
import { ORDER_OUTBOX_HANDLERS } from './shipping-confirmation.feed.js';
import { type StoreOrderState, StoreOrderStates } from './store-order-states.js';

/**
 * Records a shipment in the hub — what the CLI and the HTTP API call: shipped quantities (given lines,
 * or everything left), the order's new status, the goods taken out of `fromLocation` (by default the
 * store's `defaults.stockLocation`; the stores' sellable quantities follow through the outbox), and
 * the shipping confirmation queued for the store when it has a state for it — in one transaction.
 * A store without a stock location is refused, with the command that sets one, rather than leave the
 * goods on hand; `fromLocation: null` records a shipment that takes no stock out on purpose.
 *
 * @example
 * await recordShipment(hub, { orderId: 12, trackingNumber: '3SABC123', carrier: 'Colissimo' });
 */
export async function recordShipment(
  hub: Hub,
  input: Omit<ShipmentInput, 'fromLocation'> & { readonly fromLocation?: string | null },
): Promise<ShipmentResult> {
  const order = await hub.orders.get(input.orderId);
  const store = await hub.stores.get(order.storeId);
  const fromLocation =
    input.fromLocation === undefined ? store.settings.defaults.stockLocation : input.fromLocation;
  if (fromLocation === null && input.fromLocation === undefined) {
    throw new InvalidRecordError(
      `Store '${store.name}' has no stock location, so shipping order ${order.id} would leave its goods on hand. ` +
        `Set the location its shipments leave from: prestabridge stores set ${store.name} defaults.stockLocation=CODE ` +
        '(prestabridge locations list shows the codes), or name one for this shipment (--from CODE; fromLocation in the API).',
    );
  }
  const { fromLocation: _ignored, ...rest } = input;
  return hub.shipments.record(fromLocation === null ? rest : { ...rest, fromLocation });
}

/**
 * Approves orders waiting for approval, so that they can ship. Their lines reserve stock already
 * (from their import on): approval moves no sellable quantity.
 * @returns how many orders were approved.
 */
export function approveOrders(hub: Hub, orderIds: readonly number[]): Promise<number> {
  return hub.orders.approve(orderIds);
}

/** The store state named by id (`4`) or by name in the store's default language (`Shipped`). */
export async function findStoreOrderState(
  store: Store,
  client: PrestaShopClient,
  idOrName: string,
): Promise<StoreOrderState> {
  const states = await StoreOrderStates.load(client, await StoreLanguages.load(store, client));
  const state = states.find(idOrName);
  if (state === undefined) {
    throw new InvalidRecordError(
      `Store '${store.name}' has no order state '${idOrName}'. Its states: ${states.all
        .map((entry) => `${entry.id} ${entry.name}`)
        .join(', ')}.`,
    );
  }
  return state;
}

/** What `setOrderState` did. */
export interface StateChangeResult {
  readonly state: StoreOrderState;
  /** The store has the new state (false: queued, retried by shipping-confirmation). */
  readonly delivered: boolean;
  /** Why it is not delivered yet (the store's refusal, a permission the key lacks, …); null when delivered. */
  readonly why: string | null;
  readonly drain: OutboxDrainReport;
}

/**
 * Moves a hub order's store order to a state: queues an `order_state` outbox entry (through
 * `order_histories`, so that the store's own side effects run) and delivers it at once; when the
 * store fails, the entry stays queued and shipping-confirmation retries it.
 *
 * @example
 * const { delivered } = await setOrderState(hub, store, client, 12, state, { sendEmail: true });
 */
export async function setOrderState(
  hub: Hub,
  store: Store,
  client: PrestaShopClient,
  orderId: number,
  state: StoreOrderState,
  options: { readonly sendEmail: boolean },
): Promise<StateChangeResult> {
  await hub.orders.requestStoreState(orderId, state.id, { sendEmail: options.sendEmail });
  const { delivered, why, drain } = await sendOrderConfirmations(hub, store, client, orderId);
  return { state, delivered, why, drain };
}

/**
 * Delivers, now, what the hub has queued to tell a store about its orders (shipments and state
 * changes) — what shipping-confirmation does on its schedule. With `orderId`, says whether that
 * order has nothing left waiting, and if it has, why: the store's refusal, the permission the key
 * lacks (`the key lacks PUT on order_carriers — give …`), or the store's last failure.
 *
 * @example
 * const { delivered } = await sendOrderConfirmations(hub, store, session.client, orderId);
 */
export async function sendOrderConfirmations(
  hub: Hub,
  store: Store,
  client: PrestaShopClient,
  orderId?: number,
): Promise<{ readonly delivered: boolean; readonly why: string | null; readonly drain: OutboxDrainReport }> {
  const drain = await drainOutbox({
    hub,
    store,
    client,
    handlers: outboxHandlerSet([...ORDER_OUTBOX_HANDLERS]),
    kinds: ORDER_OUTBOX_HANDLERS.map((handler) => handler.kind),
  });
  if (orderId === undefined) {
    const delivered = drain.retrying + drain.failed === 0;
    const why = delivered ? null : (drain.failures[0]?.error ?? drain.blocked ?? NOT_YET);
    return { delivered, why, drain };
  }
  const order = await hub.orders.get(orderId);
  const target = `order:${order.externalId ?? ''}`;
  const open = [
    ...(await hub.outbox.openEntries(store.id, 'order_state', [target])),
    ...(await hub.outbox.openEntries(store.id, 'shipment', [target])),
  ];
  const failure = drain.failures.find((failed) => failed.target === target);
  if (open.length === 0 && failure === undefined) return { delivered: true, why: null, drain };
  // What kept this order's changes from the store: its refusal, permissions, a blocked drain, the last error.
  const lacking = drain.waiting
    .filter((waiting) => open.some((entry) => entry.kind === waiting.kind))
    .flatMap((waiting) => waiting.permissions);
  const why =
    failure?.error ??
    (lacking.length > 0 ? keyLacksMessage(lacking) : undefined) ??
    drain.blocked ??
    open.find((entry) => entry.lastError !== null)?.lastError ??
    NOT_YET;
  return { delivered: false, why, drain };
}

/** Why a change is not delivered when nothing more precise is known. */
const NOT_YET = 'the store has not confirmed it yet';
