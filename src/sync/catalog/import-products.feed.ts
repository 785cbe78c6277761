import type { Feed } from '../feed.js';
import { ONLY_OPTION, onlyIdsOf } from '../import-plan.js';
import { productImportPlanner } from './product-import-plan.js';
import { importSelectedProducts } from './product-import-selection.js';
import { ProductLookupSession } from './product-lookups.js';
import { readProductPages } from './product-pages.js';
import {
  latestProductUpdate,
  markIds,
  markNumber,
  markText,
  PAGE_SIZE_OPTION,
  pageSizeOf,
  type SweepPosition,
  sweepProductPages,
} from './product-sweep.js';

export const IMPORT_PRODUCTS = 'import-products';

/** The needs of the product feeds: products, combinations, and what mapping them reads. */
export const PRODUCT_NEEDS = [
  { resource: 'products', verb: 'GET' },
  { resource: 'combinations', verb: 'GET' },
  { resource: 'product_options', verb: 'GET' },
  { resource: 'product_option_values', verb: 'GET' },
  { resource: 'tax_rule_groups', verb: 'GET' },
  { resource: 'tax_rules', verb: 'GET' },
  { resource: 'taxes', verb: 'GET' },
  { resource: 'countries', verb: 'GET' },
  { resource: 'configurations', verb: 'GET' },
] as const;

/**
 * import-products: the store's products the hub does not have yet, by id — pages of full products
 * and their combinations, each page committed with the last product id as watermark. Changes to
 * products already imported are update-products' job.
 *
 * `--only 12,15` imports (or updates) those store products alone and leaves the watermark; `--plan`
 * (the planner) lists what a run would do with each store product first.
 *
 * Watermark `{ lastId, since, pendingKits }`: `since` is the newest `date_upd` in the store when the
 * first sweep began (update-products starts from there); `pendingKits` are packs whose components
 * were not imported yet when the pack was.
 */
export const importProductsFeed: Feed = {
  name: IMPORT_PRODUCTS,
  description: 'Import new products with their combinations (variants), prices, tax rates and packs.',
  direction: 'import',
  cadence: 'frequency',
  needs: PRODUCT_NEEDS,
  writes: ['products', 'variants', 'kit components', 'product categories'],
  options: [PAGE_SIZE_OPTION, ONLY_OPTION],
  planner: productImportPlanner,
  async run(ctx) {
    const { store, client, hub } = ctx;
    const only = onlyIdsOf(ctx.options);
    if (only !== undefined) return importSelectedProducts(ctx, only, pageSizeOf(ctx.options));
    const mark = (await hub.watermarks.get(store.id, IMPORT_PRODUCTS))?.value;
    const since = markText(mark, 'since') ?? (await latestProductUpdate(client));
    const markOf = (position: SweepPosition) => ({
      lastId: position.lastId,
      since,
      pendingKits: position.pendingKits.join(','),
    });
    const from = { lastId: markNumber(mark, 'lastId'), pendingKits: markIds(mark, 'pendingKits') };
    await ctx.progress({ step: 'products', done: 0 });
    const session = new ProductLookupSession(ctx);
    // The lookups are asked for before the pages, so that they do not queue behind them.
    const beforePages = (): void => void session.lookups().catch(() => undefined);
    const lastId = await sweepProductPages(
      ctx,
      readProductPages(client, { pageSize: pageSizeOf(ctx.options), afterId: from.lastId, beforePages }),
      { feed: IMPORT_PRODUCTS, from, markOf, session },
    );
    if (mark === undefined && lastId === 0) {
      // Nothing read (an empty store): remember where update-products starts.
      await ctx.commit((tx) =>
        tx.watermarks.set(store.id, IMPORT_PRODUCTS, markOf({ lastId, pendingKits: [] })),
      );
    }
  },
};
