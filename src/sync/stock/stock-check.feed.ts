import type { StoreStockRow, Variant } from '../../hub/index.js';
import type { Feed, FeedContext } from '../feed.js';
import { FeedPreconditionError } from '../feed-errors.js';
import { STOCK_PUSH_NEEDS, stockOutboxHandler } from './stock-outbox.handler.js';
import { dependsOnStockNotice, pushStockEntries } from './stock-push.js';
import { stockExportNotReady } from './stock-readiness.js';
import { planStoreStockPage, type VariantStockRow } from './stock-row-plan.js';
import { readStockRowPages } from './stock-row-reader.js';

/** Differences reported one by one; beyond, one notice counts the rest (each is still repaired). */
const LISTED_DIFFERENCES = 200;

const UNBOUND_REASON = 'no hub variant is bound to this store product';
const DEPENDS_REASON = "driven by the store's warehouse stock (depends_on_stock): never pushed";
const NOT_EXPORTED_REASON =
  'not exported: its quantity export field is off (exportFields.quantity / bomQuantity)';

/** A store row whose quantity is not the hub's. */
export interface StockDifference {
  readonly variantId: number;
  readonly externalId: string;
  readonly store: number;
  readonly hub: number;
}

/**
 * Compares a page of store rows with the hub's sellable quantities: the rows of exported variants
 * whose store quantity differs. Rows the store's warehouses drive are left out (never pushed).
 *
 * @example
 * compareStockRows(rows, new Map([[41, 12]]), (variantId) => true);
 */
export function compareStockRows(
  rows: readonly VariantStockRow[],
  sellable: ReadonlyMap<number, number>,
  exported: (variantId: number) => boolean,
): StockDifference[] {
  const differences: StockDifference[] = [];
  for (const { row, variantId, externalId } of rows) {
    if (row.dependsOnStock || !exported(variantId)) continue;
    const hub = sellable.get(variantId) ?? 0;
    if (row.quantity !== hub) differences.push({ variantId, externalId, store: row.quantity, hub });
  }
  return differences;
}

/**
 * Pushes running beside the sweep: the differences of a page go out while the next pages are
 * compared, so a check costs about the longer of the two rather than their sum.
 */
class PushBesideSweep {
  readonly #ctx: FeedContext;
  #running: Promise<void> | undefined;
  #error: { readonly error: unknown } | undefined;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  /** Starts a push of what is queued, unless one is running (it picks up what is due as it goes). */
  kick(): void {
    if (this.#running !== undefined || this.#error !== undefined) return;
    this.#running = pushStockEntries(this.#ctx, { quiet: true }).then(
      () => {
        this.#running = undefined;
      },
      (error: unknown) => {
        this.#running = undefined;
        this.#error = { error };
      },
    );
  }

  /** Waits for the running push; its failure is the run's. */
  async finish(): Promise<void> {
    await this.#running;
    if (this.#error !== undefined) throw this.#error.error;
  }
}

async function checkPage(
  ctx: FeedContext,
  rows: readonly StoreStockRow[],
  reported: { count: number },
): Promise<number> {
  const storeId = ctx.store.id;
  const plan = await planStoreStockPage(ctx.hub, storeId, rows);
  // One set query for the page's sellable quantities, whatever its size.
  const { quantities, kits } = await ctx.hub.stock.sellableWithKits(
    storeId,
    plan.variants.map((entry) => entry.variantId),
  );
  const fields = ctx.store.settings.exportFields;
  const exported = (variantId: number): boolean =>
    kits.has(variantId) ? fields.bomQuantity : fields.quantity;
  const differences = compareStockRows(plan.variants, quantities, exported);
  const skus =
    differences.length === 0
      ? new Map<number, Variant>()
      : await ctx.hub.catalog.variants(differences.map((difference) => difference.variantId));

  await ctx.commit(async (tx, tally) => {
    // The store's values as just read: a push compares with them, and skips what already agrees.
    await tx.stock.rememberStoreRows(
      storeId,
      plan.variants.map((entry) => entry.row),
    );
    // Queued with the value computed now, under the lock: a change since the comparison is not lost.
    await tx.stock.queueSellableUpdates(
      differences.map((difference) => difference.variantId),
      storeId,
    );
    let compared = 0;
    for (const entry of plan.variants) {
      if (entry.row.dependsOnStock) tally.skipped(entry.externalId, DEPENDS_REASON);
      else if (!exported(entry.variantId)) tally.skipped(entry.externalId, NOT_EXPORTED_REASON);
      else compared += 1;
    }
    // The differences are counted when they are pushed.
    tally.unchanged(compared - differences.length);
    for (const row of plan.unbound) tally.skipped(`${row.productId}:${row.combinationId}`, UNBOUND_REASON);
  });

  for (const entry of plan.variants) {
    if (entry.row.dependsOnStock) ctx.notice(dependsOnStockNotice(entry.row.productId));
  }
  for (const difference of differences) {
    reported.count += 1;
    if (reported.count > LISTED_DIFFERENCES) continue;
    const sku = skus.get(difference.variantId)?.sku;
    ctx.notice({
      kind: 'stock-difference',
      key: String(difference.variantId),
      message:
        `${sku ?? `variant ${difference.variantId}`} (store ${difference.externalId}): ` +
        `store ${difference.store}, hub ${difference.hub}`,
    });
  }
  return differences.length;
}

/**
 * `stock-check`: reads every stock row of the store in pages of a few fields, compares each with
 * the hub's sellable quantity (one set query per page), queues and pushes only the differences —
 * while the sweep goes on — and reports them (variant, store value, hub value). Rows driven by the store's warehouses are
 * reported per product and never pushed. Meant to run daily: it repairs whatever changed in the
 * store behind the hub's back.
 */
export const stockCheckFeed: Feed = {
  name: 'stock-check',
  description:
    "Compares every stock quantity of the store with the hub's sellable quantity and pushes only the differences.",
  direction: 'export',
  cadence: 'daily',
  // It pushes what it queues itself: without the push it is pointless, so the push's needs are its own.
  needs: STOCK_PUSH_NEEDS,
  outbox: [stockOutboxHandler],
  writes: ['outbox', 'store stock rows'],
  notReady: (store) => stockExportNotReady(store),
  async run(ctx) {
    const refusal = stockExportNotReady(ctx.store);
    if (refusal !== null) throw new FeedPreconditionError(refusal);
    const reported = { count: 0 };
    const pushes = new PushBesideSweep(ctx);
    await ctx.progress({ step: 'compare', done: 0, total: null });
    try {
      for await (const page of readStockRowPages(ctx.client, ctx.store)) {
        for (const failure of page.failures) ctx.tally.failed(failure.stockAvailableId, failure.reason);
        if ((await checkPage(ctx, page.rows, reported)) > 0) pushes.kick();
        await ctx.progress({ done: page.rows.length + page.failures.length, increment: true });
        ctx.throwIfStopped();
      }
    } catch (error) {
      // The sweep's failure (or Stop) is the run's; the push beside it stops with it.
      await pushes.finish().catch(() => undefined);
      throw error;
    }
    await pushes.finish();
    if (reported.count > LISTED_DIFFERENCES) {
      ctx.notice({
        kind: 'stock-difference',
        key: 'more',
        message: `… and ${reported.count - LISTED_DIFFERENCES} more store quantities differed from the hub's (all repaired).`,
      });
    }
    // What the pushes beside the sweep left: the last pages' differences, and retries now due.
    await pushStockEntries(ctx);
  },
};
