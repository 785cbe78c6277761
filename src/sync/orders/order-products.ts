import type { HubTransaction } from '../../hub/index.js';
import { filter, type PsProduct } from '../../webservice/index.js';
import type { MappedProduct } from '../catalog/map-product.js';
import { ProductLookupSession } from '../catalog/product-lookups.js';
import { reportConflicts, writeProducts } from '../catalog/product-page-writer.js';
import { readCombinations } from '../catalog/product-pages.js';
import { mapPage } from '../catalog/product-sweep.js';
import type { FeedContext } from '../feed.js';
import { RunTally } from '../run-tally.js';

/** Product ids per `filter[id]=[…]` request. */
const PRODUCTS_PER_REQUEST = 400;

/** Products read for order lines, mapped by the catalog import's own code, ready to write. */
export interface FetchedProducts {
  readonly mapped: readonly MappedProduct[];
  /** Asked for but not in the store any more: their lines keep name and reference, without a variant. */
  readonly missing: readonly number[];
}

/**
 * Order lines whose product the hub does not know yet trigger one bulk catalog fetch of those
 * products (a few requests for a whole page of orders: the products by id, their combinations),
 * mapped with the catalog import's lookups — never a failure of the order. Products the catalog
 * import refuses, or that the store no longer has, are reported; their lines keep name and SKU.
 */
export class OrderProductFetcher {
  readonly #ctx: FeedContext;
  readonly #session: ProductLookupSession;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
    this.#session = new ProductLookupSession(ctx);
  }

  async fetch(productIds: readonly number[]): Promise<FetchedProducts> {
    const wanted = [...new Set(productIds)].sort((a, b) => a - b);
    if (wanted.length === 0) return { mapped: [], missing: [] };
    const chunks: number[][] = [];
    for (let start = 0; start < wanted.length; start += PRODUCTS_PER_REQUEST)
      chunks.push(wanted.slice(start, start + PRODUCTS_PER_REQUEST));
    const products: PsProduct[] = (
      await Promise.all(
        chunks.map((ids) =>
          this.#ctx.client.list('products', { display: 'full', filter: { id: filter.oneOf(ids) } }),
        ),
      )
    ).flat();
    const withCombinations = products
      .filter((product) => (product.associations?.combinations?.length ?? 0) > 0)
      .map((product) => product.id);
    const [combinations, lookups] = await Promise.all([
      readCombinations(this.#ctx.client, withCombinations),
      this.#session.lookups(),
    ]);
    const { mapped, failed } = mapPage({ products, toMap: products, combinations }, lookups);
    for (const failure of failed) {
      this.#ctx.notice({
        kind: 'order-product',
        key: String(failure.productId),
        message: `Product ${failure.productId}, ordered, could not be imported (${failure.reason}); its order lines keep name and reference without a hub variant.`,
      });
    }
    const found = new Set(products.map((product) => product.id));
    const missing = wanted.filter((id) => !found.has(id));
    for (const id of missing) {
      this.#ctx.notice({
        kind: 'order-product',
        key: String(id),
        message: `Product ${id}, ordered, is no longer in the store; its order lines keep name and reference without a hub variant.`,
      });
    }
    await this.#session.reportCategoryNotices();
    return { mapped, missing };
  }

  /** Writes fetched products in the page's transaction; their counts are not the order run's. */
  async write(tx: HubTransaction, fetched: FetchedProducts): Promise<void> {
    if (fetched.mapped.length === 0) return;
    const tally = new RunTally();
    const outcome = await writeProducts(tx, tally, this.#ctx.store, fetched.mapped);
    reportConflicts(outcome.conflicts, (notice) => this.#ctx.notice(notice));
    for (const failure of tally.failedRecords) {
      this.#ctx.notice({
        kind: 'order-product',
        key: failure.recordId,
        message: `Product ${failure.recordId}, ordered, could not be imported (${failure.reason}); its order lines keep name and reference without a hub variant.`,
      });
    }
  }
}
