import type { Store } from '../../hub/index.js';
import type { Feed, FeedContext, FeedOptions } from '../feed.js';
import { FeedPreconditionError } from '../feed-errors.js';
import { STOCK_PUSH_NEEDS, stockOutboxHandler } from './stock-outbox.handler.js';
import { pushStockEntries } from './stock-push.js';
import { stockExportNotReady } from './stock-readiness.js';

/** Bound variants queued per transaction when a forced export queues a whole store. */
const QUEUE_PAGE = 2000;

/**
 * Without an initial import, `--force` declares the hub's stock the truth for this store (a second
 * shop selling from the same warehouse, a new shop): every bound variant is queued, and the store is
 * marked as imported so that later changes are queued as they happen.
 */
async function takeOverStoreStock(ctx: FeedContext): Promise<void> {
  const storeId = ctx.store.id;
  let after = 0;
  let queued = 0;
  let marked = false;
  await ctx.progress({ step: 'queue', done: 0, total: null });
  for (;;) {
    const bound = await ctx.hub.bindings.page(storeId, 'variants', {
      afterLocalId: after,
      limit: QUEUE_PAGE,
    });
    const last = bound.at(-1);
    if (last === undefined) break;
    after = last.localId;
    await ctx.commit(async (tx) => {
      if (!marked) await tx.stores.markInitialStockImported(storeId, ctx.now());
      queued += await tx.stock.queueSellableUpdates(
        bound.filter((binding) => binding.deletedAt === null).map((binding) => binding.localId),
        storeId,
      );
    });
    marked = true;
    await ctx.progress({ done: queued });
    ctx.throwIfStopped();
  }
  if (!marked) await ctx.hub.stores.markInitialStockImported(storeId, ctx.now());
  ctx.notice({
    kind: 'stock-forced',
    key: 'export-stock',
    message:
      `Stock was exported to '${ctx.store.name}' without an initial stock import (--force): the hub's ` +
      `quantities replace the shop's, and from now on every change is pushed.`,
  });
}

/**
 * `export-stock`: pushes the sellable quantities waiting in the store's outbox — every stock
 * movement, reservation, release, shipment or kit change queued one, coalesced per variant — to
 * `stock_availables`, sending only values the store does not hold yet. Refused before the store's
 * initial stock import unless `--force`.
 */
export const exportStockFeed: Feed & { notReady(store: Store, options?: FeedOptions): string | null } = {
  name: 'export-stock',
  description:
    "Pushes the hub's sellable quantities that changed to the store (stock_availables), only the values that differ.",
  direction: 'export',
  cadence: 'frequency',
  // It pushes what it queues itself: without the push it is pointless, so the push's needs are its own.
  needs: STOCK_PUSH_NEEDS,
  outbox: [stockOutboxHandler],
  writes: ['outbox', 'store stock rows'],
  options: [
    {
      name: 'force',
      flag: 'force',
      kind: 'boolean',
      description:
        "export before the initial stock import: the hub's quantities replace the shop's (export-stock)",
    },
  ],
  notReady(store: Store, options: FeedOptions = {}) {
    return stockExportNotReady(store, { force: options.force === true });
  },
  async run(ctx) {
    const refusal = stockExportNotReady(ctx.store, { force: ctx.options.force === true });
    if (refusal !== null) throw new FeedPreconditionError(refusal);
    if (ctx.store.initialStockImportedAt === null) await takeOverStoreStock(ctx);
    await pushStockEntries(ctx);
  },
};
