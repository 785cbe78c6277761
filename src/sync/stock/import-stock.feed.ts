import type { HubTransaction, StoreStockRow } from '../../hub/index.js';
import type { Feed, FeedContext } from '../feed.js';
import { FeedPreconditionError } from '../feed-errors.js';
import { dependsOnStockNotice } from './stock-push.js';
import { importStockNotReady, stockImportLocation } from './stock-readiness.js';
import { planStoreStockPage, type StockRowPlan, type VariantStockRow } from './stock-row-plan.js';
import { readStockRowPages } from './stock-row-reader.js';
import { readOpenOrderUnits } from './store-open-orders.js';

/** Differences listed in the refusal of a second import (all of them are counted). */
const LISTED_DIFFERENCES = 20;

const KIT_REASON = 'a kit: its quantity is computed from its components, not imported';
const UNBOUND_REASON = 'no hub variant is bound to this store product (import the catalog first)';

/** A hub variant's on-hand at the import location: now, and as the import would set it. */
interface ImportCount {
  readonly variantId: number;
  readonly externalId: string;
  readonly current: number | null;
  readonly imported: number;
  /** What `imported` holds beyond the store's quantity. */
  readonly addedBack: number;
}

/**
 * What the import adds to a store quantity to get what is on hand.
 * - `first`, the initial import: the store's quantities are PrestaShop's own, which took the units of
 *   every order out when it was placed and gives them back only on cancellation — so the units of the
 *   store's open orders (neither cancelled nor shipped), less what the hub has already shipped of them,
 *   are still in the warehouse. Added back whatever the hub does with those orders (waiting for
 *   approval, approved, not imported yet): the hub counts them itself, as reservations of its open
 *   orders and out of on hand when they ship — once.
 * - `again` (`--force` on a store imported before): the store's quantities are what the hub pushed
 *   (on hand − reserved), so this store's reservations are added back.
 */
type ImportBasis =
  | {
      readonly kind: 'first';
      readonly openUnits: ReadonlyMap<string, number>;
      readonly shipped: ReadonlyMap<number, number>;
    }
  | { readonly kind: 'again' };

/** What the import sets at the location: the store's quantity plus what {@link ImportBasis} adds back. */
async function importCounts(
  repos: Pick<HubTransaction, 'stock'>,
  storeId: number,
  location: string,
  plan: StockRowPlan,
  kits: ReadonlySet<number>,
  basis: ImportBasis,
): Promise<ImportCount[]> {
  const variants = plan.variants.filter((entry) => !kits.has(entry.variantId));
  const ids = variants.map((entry) => entry.variantId);
  const reserved =
    basis.kind === 'again' ? await repos.stock.reserved(ids, storeId) : new Map<number, number>();
  const current = new Map(
    (await repos.stock.onHand(ids))
      .filter((level) => level.location === location)
      .map((level) => [level.variantId, level.onHand]),
  );
  const addBack = (entry: VariantStockRow): number => {
    if (basis.kind === 'again') return reserved.get(entry.variantId) ?? 0;
    // Rows the warehouses drive are not moved by orders (`StockAvailable::dependsOnStock`).
    if (entry.row.dependsOnStock) return 0;
    const open = basis.openUnits.get(entry.externalId) ?? 0;
    return Math.max(0, open - (basis.shipped.get(entry.variantId) ?? 0));
  };
  return variants.map((entry) => {
    const addedBack = addBack(entry);
    return {
      variantId: entry.variantId,
      externalId: entry.externalId,
      current: current.get(entry.variantId) ?? null,
      imported: entry.row.quantity + addedBack,
      addedBack,
    };
  });
}

/** The basis of a first import: the store's open orders, and what the hub shipped of them. */
async function firstImportBasis(ctx: FeedContext): Promise<ImportBasis & { readonly orders: number }> {
  await ctx.progress({ step: 'open orders', done: 0, total: null });
  const open = await readOpenOrderUnits(ctx.client, ctx.store);
  const shipped = await ctx.hub.stock.shippedOfStoreOrders(ctx.store.id, open.orderIds);
  await ctx.progress({ done: open.orderIds.length });
  return { kind: 'first', openUnits: open.units, shipped, orders: open.orderIds.length };
}

async function kitsOf(ctx: FeedContext, plan: StockRowPlan): Promise<Set<number>> {
  const ids = plan.variants.map((entry) => entry.variantId);
  if (ids.length === 0) return new Set();
  return ctx.hub.stock.kitsAmong(ids);
}

/** The refusal of a second import, listing what it would overwrite. */
async function refuseReimport(ctx: FeedContext, location: string): Promise<never> {
  const differences: ImportCount[] = [];
  await ctx.progress({ step: 'compare', done: 0, total: null });
  for await (const page of readStockRowPages(ctx.client, ctx.store)) {
    const plan = await planStoreStockPage(ctx.hub, ctx.store.id, page.rows);
    const counts = await importCounts(ctx.hub, ctx.store.id, location, plan, await kitsOf(ctx, plan), {
      kind: 'again',
    });
    differences.push(...counts.filter((count) => (count.current ?? 0) !== count.imported));
    await ctx.progress({ done: page.rows.length, increment: true });
    ctx.throwIfStopped();
  }
  const skus = await ctx.hub.catalog.variants(
    differences.slice(0, LISTED_DIFFERENCES).map((difference) => difference.variantId),
  );
  const listed = differences
    .slice(0, LISTED_DIFFERENCES)
    .map(
      (difference) =>
        `${skus.get(difference.variantId)?.sku ?? `variant ${difference.variantId}`} (store ${difference.externalId}): ` +
        `hub ${difference.current ?? 0}, store ${difference.imported}`,
    );
  const more =
    differences.length > LISTED_DIFFERENCES ? `; … and ${differences.length - LISTED_DIFFERENCES} more` : '';
  const what =
    differences.length === 0
      ? 'every quantity at it already agrees with the store, so it would change nothing'
      : `it would overwrite the on-hand of ${differences.length} variant(s) at ${location}: ${listed.join('; ')}${more}`;
  throw new FeedPreconditionError(
    `The initial stock import of '${ctx.store.name}' already ran (${ctx.store.initialStockImportedAt ?? ''}); ` +
      `${what}. Run import-stock with --force to import the store's quantities again.`,
  );
}

/**
 * `import-stock`: the one-time initial import of the store's quantities into the store's stock
 * import location, as `initial_import` movements (the difference to what the hub had there). On
 * hand is what is in the warehouse: the store's quantity plus the units of its open orders, which
 * PrestaShop took out at placement (see {@link ImportBasis}) — so that every unit is counted once,
 * whether the hub imports those orders approved, waiting for approval or later. The store's rows
 * are remembered for later pushes; the store is marked imported in the transaction of the last page,
 * and from then on the hub's stock is the store's. A second run is refused, listing what it would
 * overwrite, unless `--force`.
 */
export const importStockFeed: Feed = {
  name: 'import-stock',
  description:
    "One-time initial import of the store's stock quantities into the stock import location (then the hub is the master).",
  direction: 'import',
  cadence: 'manual',
  needs: [
    { resource: 'stock_availables', verb: 'GET' },
    // The store's open orders, whose units its quantities no longer show.
    { resource: 'orders', verb: 'GET' },
    { resource: 'order_states', verb: 'GET' },
    { resource: 'configurations', verb: 'GET' },
  ],
  writes: ['stock movements', 'stock levels', 'store stock rows'],
  options: [
    {
      name: 'force',
      flag: 'force',
      kind: 'boolean',
      description: "import the store's quantities again, overwriting the hub's (import-stock)",
    },
  ],
  notReady: importStockNotReady,
  async run(ctx) {
    const location = stockImportLocation(ctx.store);
    if (location === null) throw new FeedPreconditionError(importStockNotReady(ctx.store) ?? '');
    // An unknown location is refused before anything is read.
    await ctx.hub.masterData.get('locations', location);
    if (ctx.store.initialStockImportedAt !== null && ctx.options.force !== true)
      await refuseReimport(ctx, location);

    const storeId = ctx.store.id;
    const reference = `import-stock run ${ctx.runId}`;
    // Read before the stock rows: an order placed during the import is then missed (its units counted
    // out of the store's quantity once more) rather than added to a quantity that had not lost them.
    const basis =
      ctx.store.initialStockImportedAt === null ? await firstImportBasis(ctx) : ({ kind: 'again' } as const);
    let addedBack = 0;
    const importPage = async (rows: readonly StoreStockRow[], last: boolean): Promise<void> => {
      const plan = await planStoreStockPage(ctx.hub, storeId, rows);
      const kits = await kitsOf(ctx, plan);
      const counts = await ctx.commit(async (tx, tally) => {
        const counts = await importCounts(tx, storeId, location, plan, kits, basis);
        await tx.stock.setOnHand(
          counts.map((count) => ({ variantId: count.variantId, location, onHand: count.imported })),
          'initial_import',
          { reference },
        );
        await tx.stock.rememberStoreRows(
          storeId,
          plan.variants.map((entry) => entry.row),
        );
        for (const count of counts) {
          if (count.current === null) tally.created();
          else if (count.current === count.imported) tally.unchanged();
          else tally.updated();
        }
        for (const entry of plan.variants) {
          if (kits.has(entry.variantId)) tally.skipped(entry.externalId, KIT_REASON);
        }
        for (const row of plan.unbound)
          tally.skipped(`${row.productId}:${row.combinationId}`, UNBOUND_REASON);
        // Other stores selling from this location see the new figures (and this one, on a forced import).
        await tx.stock.queueSellableUpdates(counts.map((count) => count.variantId));
        if (last) await tx.stores.markInitialStockImported(storeId, ctx.now());
        return counts;
      });
      for (const entry of plan.variants) {
        if (entry.row.dependsOnStock) ctx.notice(dependsOnStockNotice(entry.row.productId));
      }
      for (const count of counts) addedBack += count.addedBack;
    };

    await ctx.progress({ step: 'import', done: 0, total: null });
    // Each page is committed when the next one has been read, so that the last page's transaction is
    // known as such and marks the store imported together with its quantities.
    let pending: readonly StoreStockRow[] | undefined;
    for await (const page of readStockRowPages(ctx.client, ctx.store)) {
      for (const failure of page.failures) ctx.tally.failed(failure.stockAvailableId, failure.reason);
      if (pending !== undefined) {
        await importPage(pending, false);
        await ctx.progress({ done: pending.length, increment: true });
      }
      ctx.throwIfStopped();
      pending = page.rows;
    }
    await importPage(pending ?? [], true);
    await ctx.progress({ done: pending?.length ?? 0, increment: true });
    if (basis.kind === 'first' && addedBack > 0) {
      ctx.notice({
        kind: 'stock-open-orders',
        key: 'added-back',
        message:
          `${addedBack} unit(s) of the store's ${basis.orders} open order(s) were added to its quantities: PrestaShop took ` +
          `them out when the orders were placed, and they are still in the warehouse. The hub reserves them for the ` +
          `orders it imports (waiting for approval or approved) and takes them out of on hand when it ships them.`,
      });
    }
  },
};
