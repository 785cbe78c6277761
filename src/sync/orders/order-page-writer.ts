import {
  type HubTransaction,
  InvalidRecordError,
  type OrderRecord,
  type OrderUpsertResult,
  type UpsertedItem,
} from '../../hub/index.js';
import type { PageTally } from '../feed.js';
import type { HeldOrder, OrderPagePlan, PlannedOrder } from './order-page-plan.js';

/** First re-check of an order held back: 15 minutes, doubling up to a day. */
const FIRST_CHECK_MS = 15 * 60_000;
const LONGEST_CHECK_MS = 24 * 60 * 60_000;

/** When to look at a held order again after its `attempts`-th check. */
export function nextCheckAt(now: Date, attempts: number): Date {
  const delay = Math.min(LONGEST_CHECK_MS, FIRST_CHECK_MS * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + delay);
}

/** What a written page did, beyond its counts. */
export interface OrderPageOutcome {
  /** Orders written whose totals do not add up (flagged on the order). */
  readonly mismatches: readonly PlannedOrder[];
}

/**
 * Writes a planned page in the caller's transaction: the customers and addresses it brought, the
 * orders (an order the hub refuses is reported and remembered for retry-orders; the rest of the page
 * still goes in), the entry status of new orders (cancelled or shipped when the store says so), and
 * the orders held in a retry state. New open orders (waiting for approval or approved) reserve their
 * lines: the hub queues the stores' new sellable quantities with them. Counts go to `tally`.
 */
export async function writeOrderPlan(
  tx: HubTransaction,
  tally: PageTally,
  storeId: number,
  plan: OrderPagePlan,
  now: Date,
): Promise<OrderPageOutcome> {
  if (plan.customers.length > 0) await tx.customers.upsertCustomers(storeId, plan.customers);
  if (plan.addresses.length > 0) await tx.customers.upsertAddresses(storeId, plan.addresses);
  // Addresses the hub does not hold (a customer it lacks) leave that customer's roles as they are.
  if (plan.addressChoices.length > 0) await tx.customers.setAddressRoles(storeId, plan.addressChoices);

  const held: HeldOrder[] = [...plan.waiting];
  for (const failure of plan.failed) {
    tally.failed(failure.orderId, failure.reason);
    held.push(failure);
  }
  for (const skip of plan.skipped) tally.skipped(skip.orderId, skip.reason);
  for (const wait of plan.waiting) tally.skipped(wait.orderId, wait.reason);

  const result = await upsertIsolating(tx, storeId, plan.orders, (order, reason) => {
    tally.failed(order.record.externalId, reason);
    held.push({ orderId: Number(order.record.externalId), stateId: order.record.storeStateId ?? 0, reason });
  });
  tally.created(result.counts.created);
  tally.updated(result.counts.updated);
  tally.unchanged(result.counts.unchanged);

  const written = new Map(result.items.map((item) => [item.externalId, item.localId]));
  const created = new Set(
    result.items.filter((item) => item.outcome === 'created').map((item) => item.externalId),
  );
  const byStatus = (status: PlannedOrder['status']): number[] =>
    plan.orders
      .filter((order) => order.status === status && created.has(String(order.record.externalId)))
      .flatMap((order) => {
        const id = written.get(String(order.record.externalId));
        return id === undefined ? [] : [id];
      });
  // New orders the store already cancelled or shipped: nothing for the hub to approve or reserve (their
  // reservation, queued with the import, is released in the same transaction).
  await tx.orders.setStatus(byStatus('cancelled'), 'cancelled', { from: ['pending_approval'] });
  await tx.orders.setStatus(byStatus('shipped'), 'shipped', { from: ['pending_approval'] });

  for (const order of held) {
    await tx.orders.rememberRetry(storeId, order.orderId, order.stateId, nextCheckAt(now, 1));
  }
  if (written.size > 0) await tx.orders.forgetRetries(storeId, [...written.keys()]);
  return {
    mismatches: plan.orders.filter(
      (order) => !order.totals.ok && written.has(String(order.record.externalId)),
    ),
  };
}

/**
 * Upserts the page's orders; when the hub refuses one (it checks a page before writing anything, so
 * the transaction is still clean), the page is written order by order to isolate it.
 */
async function upsertIsolating(
  tx: HubTransaction,
  storeId: number,
  orders: readonly PlannedOrder[],
  onRefused: (order: PlannedOrder, reason: string) => void,
): Promise<Pick<OrderUpsertResult, 'items' | 'counts'>> {
  const records: OrderRecord[] = orders.map((order) => order.record);
  if (records.length === 0) return { items: [], counts: { created: 0, updated: 0, unchanged: 0 } };
  try {
    return await tx.orders.upsertOrders(storeId, records);
  } catch (error) {
    if (!(error instanceof InvalidRecordError)) throw error;
  }
  const items: UpsertedItem[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const order of orders) {
    try {
      const one = await tx.orders.upsertOrders(storeId, [order.record]);
      items.push(...one.items);
      counts.created += one.counts.created;
      counts.updated += one.counts.updated;
      counts.unchanged += one.counts.unchanged;
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      onRefused(order, error.message);
    }
  }
  return { items, counts };
}
