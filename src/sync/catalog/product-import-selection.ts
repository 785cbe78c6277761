import type { FeedContext } from '../feed.js';
import { ProductLookupSession } from './product-lookups.js';
import { writeProducts } from './product-page-writer.js';
import { readProductsById } from './product-pages.js';
import { finishPendingKits, mapPage } from './product-sweep.js';

/**
 * import-products for a selection (`--only 12,15`): these store products read in bulk by id with
 * their combinations (`filter[id]=[12|15]`), mapped and written as the sweep writes them (new ones
 * added, imported ones updated), one transaction per page; Stop is honoured between pages. The
 * sweep's watermark is left alone: products outside the selection are still imported by the next
 * full run. Ids the store does not have are reported as skipped.
 */
export async function importSelectedProducts(
  ctx: FeedContext,
  ids: readonly number[],
  pageSize: number,
): Promise<void> {
  const { client, store } = ctx;
  const session = new ProductLookupSession(ctx);
  const found = new Set<number>();
  const pendingKits: number[] = [];
  await ctx.progress({ step: 'selected products', done: 0, total: ids.length });
  for await (const page of readProductsById(client, ids, pageSize)) {
    ctx.throwIfStopped();
    for (const product of page.products) found.add(product.id);
    if (page.products.length === 0) continue;
    const { mapped, failed } = mapPage(page, await session.lookups());
    const outcome = await ctx.commit(async (tx, tally) => {
      for (const failure of failed) tally.failed(failure.productId, failure.reason);
      return writeProducts(tx, tally, store, mapped);
    });
    pendingKits.push(...outcome.pendingKits);
    await session.reportCategoryNotices();
    await ctx.progress({ done: page.products.length, increment: true });
  }
  const missing = ids.filter((id) => !found.has(id));
  for (const id of missing) ctx.tally.skipped(id, 'not in the store (no product with this id)');
  if (pendingKits.length > 0) {
    await ctx.progress({ step: 'packs' });
    await finishPendingKits(ctx, [...new Set(pendingKits)], () => Promise.resolve());
  }
}
