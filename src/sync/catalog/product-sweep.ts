import type { HubTransaction, WatermarkValue } from '../../hub/index.js';
import { filter, type PrestaShopClient, type PsProduct } from '../../webservice/index.js';
import type { FeedContext, FeedOptions, FeedOptionSpec } from '../feed.js';
import {
  type BundleItem,
  MapFailure,
  type MappedProduct,
  mapProduct,
  packBundle,
  type ProductLookups,
} from './map-product.js';
import { ProductLookupSession } from './product-lookups.js';
import { reportConflicts, writePendingKits, writeProducts } from './product-page-writer.js';
import type { ProductPage } from './product-pages.js';

/**
 * What import-products and update-products share: paging options, watermark fields, mapping and
 * writing a sweep's pages, pending packs.
 */

export const DEFAULT_PRODUCT_PAGE = 500;

export const PAGE_SIZE_OPTION: FeedOptionSpec = {
  name: 'pageSize',
  flag: 'page-size',
  kind: 'integer',
  description: `Products per request (default ${DEFAULT_PRODUCT_PAGE}); smaller pages suit slow or limited hosts.`,
};

export function pageSizeOf(options: FeedOptions): number {
  const value = options.pageSize;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5000
    ? value
    : DEFAULT_PRODUCT_PAGE;
}

/** A watermark field as a whole number (0 when absent). */
export function markNumber(value: WatermarkValue | undefined, key: string): number {
  const field = value?.[key];
  return typeof field === 'number' && Number.isFinite(field) ? field : 0;
}

/** A watermark field as text, or undefined when absent. */
export function markText(value: WatermarkValue | undefined, key: string): string | undefined {
  const field = value?.[key];
  return typeof field === 'string' ? field : undefined;
}

/** Pack ids kept in a watermark (`"15,27"`). */
export function markIds(value: WatermarkValue | undefined, key: string): number[] {
  return (markText(value, key) ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
}

/**
 * The newest `date_upd` of the store's products (store-local text), `''` when it has none: one
 * request. Every product changed after this read gets a `date_upd` at least this late.
 */
export async function latestProductUpdate(client: PrestaShopClient): Promise<string> {
  const [newest] = await client.list('products', {
    display: ['date_upd'],
    sort: ['date_upd_DESC'],
    limit: 1,
  });
  return typeof newest?.date_upd === 'string' ? newest.date_upd : '';
}

/** Maps the products of a page that need it; failures are values, with their reason. */
export function mapPage(
  page: ProductPage,
  lookups: ProductLookups,
): { mapped: MappedProduct[]; failed: { productId: number; reason: string }[] } {
  const mapped: MappedProduct[] = [];
  const failed: { productId: number; reason: string }[] = [];
  for (const product of page.toMap) {
    const outcome = mapProduct(product, page.combinations.get(product.id) ?? [], lookups);
    if (outcome.ok) mapped.push(outcome.product);
    else failed.push({ productId: outcome.productId, reason: outcome.reason });
  }
  return { mapped, failed };
}

/**
 * Sets the bills of materials of packs whose components came later in the sweep: the packs are read
 * again (one request per 400), and the watermark is written by `saveMark` in the same transaction.
 */
export async function finishPendingKits(
  ctx: FeedContext,
  packIds: readonly number[],
  saveMark: (tx: HubTransaction) => Promise<void>,
): Promise<void> {
  const packs: { productId: number; bundle: BundleItem[] }[] = [];
  for (let start = 0; start < packIds.length; start += 400) {
    const products: PsProduct[] = await ctx.client.list('products', {
      display: 'full',
      filter: { id: filter.oneOf(packIds.slice(start, start + 400)) },
    });
    for (const product of products) {
      try {
        packs.push({ productId: product.id, bundle: packBundle(product) });
      } catch (error) {
        if (!(error instanceof MapFailure)) throw error;
        ctx.notice({
          kind: 'kit-components',
          key: String(product.id),
          message: `Pack ${product.id}: ${error.message}.`,
        });
      }
    }
  }
  await ctx.commit(async (tx) => {
    await writePendingKits(tx, ctx.store, packs, (notice) => ctx.notice(notice));
    await saveMark(tx);
  });
}

/** Where a product sweep stands: the last product committed, and packs waiting for their components. */
export interface SweepPosition {
  readonly lastId: number;
  readonly pendingKits: readonly number[];
}

/**
 * Writes a sweep's pages, one transaction each: the page's products mapped and written, failures
 * tallied, and the watermark `markOf(position)` saved under `feed`; then sets the bills of materials
 * of the packs that waited for components read later. Starts from `from` (a resumed sweep).
 * @returns the last product id committed.
 */
export async function sweepProductPages(
  ctx: FeedContext,
  pages: AsyncIterable<ProductPage>,
  sweep: {
    feed: string;
    from: SweepPosition;
    markOf: (position: SweepPosition) => WatermarkValue;
    /** The lookups, when the caller started reading them already (default: read at the first page). */
    session?: ProductLookupSession;
  },
): Promise<number> {
  const { store } = ctx;
  const saveMark = (tx: HubTransaction, position: SweepPosition): Promise<void> =>
    tx.watermarks.set(store.id, sweep.feed, sweep.markOf(position));
  let { lastId, pendingKits } = sweep.from;
  const session = sweep.session ?? new ProductLookupSession(ctx);
  for await (const page of pages) {
    ctx.throwIfStopped();
    if (page.products.length === 0) continue;
    const { mapped, failed } = mapPage(page, await session.lookups());
    // Never back: a store answering an earlier page again must not move the sweep to its start.
    const pageLastId = Math.max(lastId, page.products.at(-1)?.id ?? lastId);
    const written = await ctx.commit(async (tx, tally) => {
      for (const failure of failed) tally.failed(failure.productId, failure.reason);
      const outcome = await writeProducts(tx, tally, store, mapped);
      const pending = [...new Set([...pendingKits, ...outcome.pendingKits])];
      await saveMark(tx, { lastId: pageLastId, pendingKits: pending });
      return { pending, conflicts: outcome.conflicts };
    });
    pendingKits = written.pending;
    reportConflicts(written.conflicts, (notice) => ctx.notice(notice));
    lastId = pageLastId;
    await session.reportCategoryNotices();
    await ctx.progress({ done: page.products.length, increment: true });
  }
  if (pendingKits.length > 0) {
    await ctx.progress({ step: 'packs' });
    await finishPendingKits(ctx, pendingKits, (tx) => saveMark(tx, { lastId, pendingKits: [] }));
  }
  return lastId;
}
