import {
  filter,
  InvalidRequestError,
  type PrestaShopClient,
  type PsOrder,
  type PsPermission,
  type PsQuery,
} from '../../webservice/index.js';
import { PRODUCT_NEEDS } from '../catalog/import-products.feed.js';
import type { Feed, FeedOutboxWrites } from '../feed.js';
import { stockOutboxHandler } from '../stock/stock-outbox.handler.js';
import { StoreDates } from '../store-dates.js';
import {
  markNumber,
  markText,
  ORDER_PAGE_SIZE_OPTION,
  orderPageSize,
  storeLocalBound,
} from './order-feed-options.js';
import { OrderImportSession, preparedPages } from './order-import-session.js';
import { orderStateOutboxHandler } from './order-state.handler.js';
import type { OrderDecision, OrderStateRules } from './order-state-rules.js';
import { shipmentOutboxHandler } from './shipment.handler.js';

export const IMPORT_ORDERS = 'import-orders';

/**
 * What the order feeds read: orders and what comes with them (customers, addresses, histories,
 * messages), what mapping reads (states, currencies, countries, carriers, configuration), and what
 * the catalog import reads for the products a line names that the hub lacks.
 */
export const ORDER_NEEDS: readonly PsPermission[] = [
  { resource: 'orders', verb: 'GET' },
  { resource: 'order_histories', verb: 'GET' },
  { resource: 'order_states', verb: 'GET' },
  { resource: 'customers', verb: 'GET' },
  { resource: 'addresses', verb: 'GET' },
  { resource: 'customer_threads', verb: 'GET' },
  { resource: 'customer_messages', verb: 'GET' },
  { resource: 'currencies', verb: 'GET' },
  { resource: 'states', verb: 'GET' },
  { resource: 'carriers', verb: 'GET' },
  { resource: 'categories', verb: 'GET' },
  ...PRODUCT_NEEDS,
];

/**
 * The writes imported orders lead to: the units they reserve are pushed to the store's stock (when
 * stock export is on), their shipments are confirmed to the store (when shipment states are set),
 * and `orders set-state` moves them through the store's order history.
 */
export const ORDER_RECORD_WRITES: readonly FeedOutboxWrites[] = [
  stockOutboxHandler,
  shipmentOutboxHandler,
  orderStateOutboxHandler,
];

/**
 * An order being placed is visible before PrestaShop gives it its first state (`current_state` 0):
 * the sweep stops before it and the next run starts there. One still without a state after this
 * long never completed and is skipped.
 */
const UNFINISHED_GRACE_MS = 60 * 60_000;

/** The store's newest order `date_upd` (store-local text), `''` when it has no order: one request. */
export async function latestOrderUpdate(client: PrestaShopClient): Promise<string> {
  const [newest] = await client.list('orders', { display: ['date_upd'], sort: ['date_upd_DESC'], limit: 1 });
  return typeof newest?.date_upd === 'string' ? newest.date_upd : '';
}

/** Whether an order is still being placed: no state yet, placed less than an hour ago. */
export function isBeingPlaced(order: PsOrder, now: Date, dates: StoreDates): boolean {
  if (Number(order.current_state) > 0) return false;
  let placed: string | null;
  try {
    placed = dates.toInstant(order.date_add);
  } catch (error) {
    // An unreadable date cannot say the order is recent: it must not hold the sweep back forever.
    if (error instanceof InvalidRequestError) return false;
    throw error;
  }
  return placed === null || now.getTime() - new Date(placed).getTime() < UNFINISHED_GRACE_MS;
}

/** The state rule's decision, or a skip for an order whose placement never completed. */
export function decideOrder(order: PsOrder, rules: OrderStateRules): OrderDecision {
  const stateId = Number(order.current_state);
  if (!(stateId > 0)) return { action: 'skip', reason: 'placement never completed (the order has no state)' };
  return rules.decide(stateId);
}

/**
 * import-orders: new store orders, by id — above the last imported id (or the `importOrdersFromId`
 * setting, or `--from-id`: a `--from-id` past orders never imported leaves the counter where it is,
 * and says so), or those placed within `--from`/`--to` (store-local dates; such a run
 * leaves the watermark alone). Pages of full orders with their rows; per order, the store state's
 * rule decides: import (entering the hub approved when the state is in `autoApproveStates`), skip,
 * or retry (remembered for retry-orders). The page, its customers, the remembered orders and the
 * watermark are committed together.
 *
 * Watermark `{ lastId, since }`: `since` is the newest order `date_upd` in the store when the first
 * import began; update-orders starts from there.
 */
export const importOrdersFeed: Feed = {
  name: IMPORT_ORDERS,
  description:
    'Import new orders (by id, from an id, or placed within a date range) with their customers, following the order state rules.',
  direction: 'import',
  cadence: 'frequency',
  needs: ORDER_NEEDS,
  outbox: ORDER_RECORD_WRITES,
  writes: ['orders', 'customers', 'addresses', 'order retries', 'products (unknown ones ordered)'],
  options: [
    ORDER_PAGE_SIZE_OPTION,
    {
      name: 'fromId',
      flag: 'from-id',
      kind: 'integer',
      description: 'import orders from this store order id on (this run)',
    },
    {
      name: 'from',
      flag: 'from',
      kind: 'date',
      description:
        'import orders placed from this store-local date (with --to: a range; watermark untouched)',
    },
    {
      name: 'to',
      flag: 'to',
      kind: 'date',
      description: 'import orders placed up to this store-local date (inclusive)',
    },
  ],
  async run(ctx) {
    const { store, client, hub, options } = ctx;
    const mark = (await hub.watermarks.get(store.id, IMPORT_ORDERS))?.value;
    const ranged = options.from !== undefined || options.to !== undefined;
    const fromIdOption = typeof options.fromId === 'number' ? options.fromId : undefined;
    let lastId = markNumber(mark, 'lastId');
    let start = ranged ? 0 : lastId;
    if (fromIdOption !== undefined) start = Math.max(0, fromIdOption - 1);
    // --from-id past orders never imported: they are not skipped for good by a side effect. The
    // counter stays; `sync reset import-orders --to-id N` moves it on purpose.
    const keepCounter = !ranged && fromIdOption !== undefined && start > lastId;
    if (keepCounter) {
      ctx.notice({
        kind: 'order-counter',
        key: 'from-id',
        message:
          `--from-id ${fromIdOption} starts after orders ${lastId + 1}–${start} that were never imported: ` +
          `the order counter stays at ${lastId}, so the next run imports them. To skip them for good: ` +
          `prestabridge sync reset import-orders --store ${store.name} --to-id ${start}`,
      });
    } else if (!ranged && store.settings.importOrdersFromId !== null)
      start = Math.max(start, store.settings.importOrdersFromId - 1);
    const since = ranged ? undefined : (markText(mark, 'since') ?? (await latestOrderUpdate(client)));

    const query: PsQuery = ranged
      ? {
          display: 'full',
          filter: {
            date_add: filter.between(
              storeLocalBound(String(options.from ?? '1970-01-01'), false),
              storeLocalBound(String(options.to ?? '9999-12-31'), true),
            ),
          },
        }
      : { display: 'full' };
    const dates = StoreDates.of(store);
    const session = new OrderImportSession(ctx);
    await ctx.progress({ step: 'orders', done: 0 });
    const pages = client.iterate('orders', query, { pageSize: orderPageSize(options), afterId: start });
    let committed = false;
    for await (const page of preparedPages(pages, async (orders) => {
      const cut = orders.findIndex((order) => isBeingPlaced(order, ctx.now(), dates));
      const ready = cut === -1 ? orders : orders.slice(0, cut);
      const rules = (await session.lookups()).rules;
      return {
        stop: cut !== -1,
        prepared: await session.prepare(ready, (order) => decideOrder(order, rules)),
      };
    })) {
      ctx.throwIfStopped();
      const { prepared } = page;
      const pageLastId = prepared.orders.at(-1)?.id;
      if (pageLastId !== undefined) {
        const outcome = await ctx.commit(async (tx, tally) => {
          const written = await session.write(tx, tally, prepared);
          if (!ranged) {
            if (!keepCounter) lastId = Math.max(lastId, pageLastId);
            await tx.watermarks.set(store.id, IMPORT_ORDERS, { lastId, since: since ?? '' });
          }
          return written;
        });
        committed = true;
        session.report(prepared, outcome);
        await ctx.progress({ done: prepared.orders.length, increment: true });
      }
      if (page.stop) break;
    }
    if (!ranged && !committed && mark === undefined) {
      // Nothing imported yet: remember where update-orders starts.
      await ctx.commit((tx) => tx.watermarks.set(store.id, IMPORT_ORDERS, { lastId, since: since ?? '' }));
    }
    session.finish();
  },
};
