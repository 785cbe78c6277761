import type { Feed } from '../feed.js';
import { ProductLookupSession } from './product-lookups.js';
import { writeProducts } from './product-page-writer.js';
import { readProductPages } from './product-pages.js';
import {
  finishPendingKits,
  latestProductUpdate,
  mapPage,
  markIds,
  markNumber,
  markText,
  PAGE_SIZE_OPTION,
  pageSizeOf,
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
  options: [PAGE_SIZE_OPTION],
  async run(ctx) {
    const { store, client, hub } = ctx;
    const mark = (await hub.watermarks.get(store.id, IMPORT_PRODUCTS))?.value;
    let lastId = markNumber(mark, 'lastId');
    const since = markText(mark, 'since') ?? (await latestProductUpdate(client));
    let pendingKits = markIds(mark, 'pendingKits');
    const save = (values: { lastId: number; pendingKits: readonly number[] }) => ({
      lastId: values.lastId,
      since,
      pendingKits: values.pendingKits.join(','),
    });
    const session = new ProductLookupSession(ctx);
    await ctx.progress({ step: 'products', done: 0 });
    for await (const page of readProductPages(client, {
      pageSize: pageSizeOf(ctx.options),
      afterId: lastId,
    })) {
      ctx.throwIfStopped();
      const { mapped, failed } = mapPage(page, await session.lookups());
      const pageLastId = page.products.at(-1)?.id ?? lastId;
      pendingKits = await ctx.commit(async (tx, tally) => {
        for (const failure of failed) tally.failed(failure.productId, failure.reason);
        const outcome = await writeProducts(tx, tally, store, mapped);
        const pending = [...new Set([...pendingKits, ...outcome.pendingKits])];
        await tx.watermarks.set(
          store.id,
          IMPORT_PRODUCTS,
          save({ lastId: pageLastId, pendingKits: pending }),
        );
        return pending;
      });
      lastId = pageLastId;
      await session.reportCategoryNotices();
      await ctx.progress({ done: page.products.length, increment: true });
    }
    if (pendingKits.length > 0) {
      await ctx.progress({ step: 'packs' });
      await finishPendingKits(ctx, pendingKits, (tx) =>
        tx.watermarks.set(store.id, IMPORT_PRODUCTS, save({ lastId, pendingKits: [] })),
      );
    } else if (mark === undefined && lastId === 0) {
      // Nothing read (an empty store): remember where update-products starts.
      await ctx.commit((tx) =>
        tx.watermarks.set(store.id, IMPORT_PRODUCTS, save({ lastId, pendingKits: [] })),
      );
    }
  },
};
