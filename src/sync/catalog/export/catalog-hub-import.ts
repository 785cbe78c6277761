import { filter, type PsProduct } from '../../../webservice/index.js';
import type { FeedContext } from '../../feed.js';
import { ProductLookupSession } from '../product-lookups.js';
import { reportConflicts, writeProducts } from '../product-page-writer.js';
import { readCombinations } from '../product-pages.js';
import { finishPendingKits, mapPage } from '../product-sweep.js';
import type { HubProductImport } from './hub-product-import.js';

/** Products read per request (the id list stays a short URL). */
const PRODUCTS_PER_REQUEST = 200;

/** One lookup session per run: the lookups are read once, whatever the number of pages. */
const sessions = new WeakMap<FeedContext, ProductLookupSession>();

/**
 * "Add to hub" / "update hub" with the catalog import's own steps: the store products are read in
 * bulk with their combinations, mapped by import-products' mapping, and written with its page
 * writer (bindings with the store's `date_upd` and the content hash, categories, packs), one
 * transaction per request's worth of products.
 */
export const catalogHubImport: HubProductImport = {
  async importProducts(ctx, productIds) {
    let session = sessions.get(ctx);
    if (session === undefined) {
      session = new ProductLookupSession(ctx);
      sessions.set(ctx, session);
    }
    const unique = [...new Set(productIds)];
    for (let start = 0; start < unique.length; start += PRODUCTS_PER_REQUEST) {
      const products: PsProduct[] = await ctx.client.list('products', {
        display: 'full',
        filter: { id: filter.oneOf(unique.slice(start, start + PRODUCTS_PER_REQUEST)) },
      });
      const combinations = await readCombinations(
        ctx.client,
        products
          .filter((product) => (product.associations?.combinations?.length ?? 0) > 0)
          .map((product) => product.id),
      );
      const { mapped, failed } = mapPage(
        { products, toMap: products, combinations },
        await session.lookups(),
      );
      const { store } = ctx;
      const outcome = await ctx.commit(async (tx, tally) => {
        for (const failure of failed) tally.failed(failure.productId, failure.reason);
        return writeProducts(tx, tally, store, mapped);
      });
      reportConflicts(outcome.conflicts, (notice) => ctx.notice(notice));
      // Packs whose components are not in the hub yet: set once the page's products are in.
      if (outcome.pendingKits.length > 0) {
        await finishPendingKits(ctx, outcome.pendingKits, () => Promise.resolve());
      }
      await session.reportCategoryNotices();
    }
  },
};
