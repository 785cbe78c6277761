import { filter, type PsOrder } from '../../webservice/index.js';
import type { Feed } from '../feed.js';
import { ORDER_NEEDS, ORDER_RECORD_WRITES } from './import-orders.feed.js';
import { ORDER_PAGE_SIZE_OPTION, orderPageSize } from './order-feed-options.js';
import { OrderImportSession } from './order-import-session.js';
import { nextCheckAt } from './order-page-writer.js';

export const RETRY_ORDERS = 'retry-orders';

/** Checks of an order that never leaves its retry state before it is forgotten (about two months). */
export const MAX_RETRY_CHECKS = 60;

/** The far future: with `--all`, every remembered order is due. */
const EVERY_RETRY = new Date('9999-12-31T00:00:00Z');

/**
 * retry-orders: the orders import-orders remembered because their state was a `retry` state, or
 * because they were refused (a value the hub could not read, a record the hub refused), read again
 * in bulk once due. An order waiting in a retry state that reached a state whose rule is import is
 * imported; one that reached a final state (cancelled, refunded, payment error) or left the store is
 * forgotten; the others are checked again later (15 minutes, doubling up to a day, forgotten after
 * {@link MAX_RETRY_CHECKS} checks). A refused order is decided as import-orders decides a new one
 * (imported in a final state too, when that state's rule is import), so that once repaired in the
 * store it enters the hub as a clean run would have brought it; while still unreadable it fails
 * again, named, and stays remembered. `--all` checks every remembered order now.
 */
export const retryOrdersFeed: Feed = {
  name: RETRY_ORDERS,
  description:
    'Check the orders waiting in a retry state (awaiting payment, …): import those that moved on, forget cancelled ones.',
  direction: 'import',
  cadence: 'frequency',
  needs: ORDER_NEEDS,
  outbox: ORDER_RECORD_WRITES,
  writes: ['orders', 'customers', 'addresses', 'order retries'],
  options: [
    ORDER_PAGE_SIZE_OPTION,
    {
      name: 'all',
      flag: 'all',
      kind: 'boolean',
      description: 'check every remembered order now, due or not',
    },
  ],
  async run(ctx) {
    const { store, client, hub, options } = ctx;
    const all = options.all === true;
    const limit = Math.min(orderPageSize(options), 500);
    const session = new OrderImportSession(ctx);
    const checked = new Set<string>();
    await ctx.progress({ step: 'retries', done: 0 });
    for (;;) {
      ctx.throwIfStopped();
      const due = (
        await hub.orders.dueRetries(store.id, {
          at: all ? EVERY_RETRY : ctx.now(),
          limit: limit + checked.size,
        })
      ).filter((retry) => !checked.has(retry.externalOrderId));
      const batch = due.slice(0, limit);
      if (batch.length === 0) break;
      for (const retry of batch) checked.add(retry.externalOrderId);
      const orders: PsOrder[] = await client.list('orders', {
        display: 'full',
        filter: { id: filter.oneOf(batch.map((retry) => Number(retry.externalOrderId))) },
      });
      const byId = new Map(orders.map((order) => [String(order.id), order]));
      const { rules } = await session.lookups();
      const remembered = new Map(batch.map((retry) => [retry.externalOrderId, retry.stateId]));
      const outcomes = new Map(
        orders.map((order) => {
          const stateId = Number(order.current_state);
          return [
            order.id,
            stateId > 0
              ? rules.recheck(remembered.get(String(order.id)) ?? stateId, stateId)
              : { action: 'wait' as const, reason: 'still being placed' },
          ];
        }),
      );
      const prepared = await session.prepare(
        orders.filter((order) => outcomes.get(order.id)?.action === 'import'),
        (order) => {
          const outcome = outcomes.get(order.id);
          return outcome?.action === 'import' ? outcome : { action: 'skip', reason: 'not importable yet' };
        },
      );
      const now = ctx.now();
      const written = await ctx.commit(async (tx, tally) => {
        const result = await session.write(tx, tally, prepared);
        const forget: string[] = [];
        for (const retry of batch) {
          const order = byId.get(retry.externalOrderId);
          if (order === undefined) {
            forget.push(retry.externalOrderId);
            tally.skipped(retry.externalOrderId, 'no longer in the store: forgotten');
            continue;
          }
          const outcome = outcomes.get(order.id);
          if (outcome === undefined || outcome.action === 'import') continue;
          if (outcome.action === 'forget') {
            forget.push(retry.externalOrderId);
            tally.skipped(order.id, outcome.reason);
          } else if (retry.attempts >= MAX_RETRY_CHECKS) {
            forget.push(retry.externalOrderId);
            tally.skipped(order.id, `${outcome.reason} after ${retry.attempts} checks: no longer checked`);
          } else {
            const stateId = Number(order.current_state);
            await tx.orders.rememberRetry(store.id, order.id, stateId, nextCheckAt(now, retry.attempts + 1));
            tally.skipped(order.id, `${outcome.reason}: checked again later`);
          }
        }
        await tx.orders.forgetRetries(store.id, forget);
        return result;
      });
      session.report(prepared, written);
      await ctx.progress({ done: batch.length, increment: true });
    }
    session.finish();
  },
};
