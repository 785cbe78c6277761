import {
  filter,
  idRanges,
  type PrestaShopClient,
  type PsCombination,
  type PsProduct,
  type PsQuery,
} from '../../webservice/index.js';

/** One page of products with the combinations of those that have some. */
export interface ProductPage {
  /** Every product of the page, id order. */
  readonly products: readonly PsProduct[];
  /** The products to map (all of them, for the pages read here). */
  readonly toMap: readonly PsProduct[];
  /** Combinations of the products to map, by product id. */
  readonly combinations: ReadonlyMap<number, readonly PsCombination[]>;
}

export interface ProductPageOptions {
  /** Filters of the sweep (`display=full` is always asked). */
  readonly filter?: PsQuery['filter'];
  readonly pageSize: number;
  /** Resume after this product id. */
  readonly afterId: number;
  /**
   * Called once the ids are listed and before any page is asked for, when there are pages to read:
   * what the pages will need (the lookups) can be requested first, ahead of the pages in the queue.
   */
  readonly beforePages?: () => void;
}

/** Product ids per combinations request: keeps the `filter[id_product]=[1|2|…]` URL short. */
const PRODUCTS_PER_COMBINATION_REQUEST = 400;
/** Combinations per request (products with many combinations page on by id). */
const COMBINATION_PAGE = 2000;
/** Ids per request when products are read by id (`filter[id]=[1|2|…]`). */
const MAX_IDS_PER_REQUEST = 500;
/**
 * Pages started beyond the client's concurrency: while a page waits for its combinations, the next
 * page's products keep the store's slots busy.
 */
const PAGES_WAITING = 2;

/**
 * Pages of full products with their combinations, read in bulk and in parallel: one light listing of
 * the ids after `afterId` (`display=[id]`, one request per 50,000) cuts them into id ranges of
 * `pageSize` products, and each range is one request for its products and one (rarely a few) for
 * their combinations (`filter[id_product]=[1|2|…]`) — never one request per product. Since no page
 * waits for the previous page's last id, several are read at once, up to the client's concurrency,
 * while the caller commits the earlier ones; pages still come out in id order, so a watermark at a
 * page's last id means every product before it is committed. Products created after the listing are
 * the next run's.
 */
export async function* readProductPages(
  client: PrestaShopClient,
  options: ProductPageOptions,
): AsyncGenerator<ProductPage> {
  const filters = options.filter === undefined ? {} : { filter: options.filter };
  const ids = await client.ids('products', filters, { afterId: options.afterId });
  const query: PsQuery = { display: 'full', ...filters };
  if (ids.length > 0) options.beforePages?.();
  const pages = idRanges(ids, options.pageSize).map(
    (range) => async () => completePage(client, await client.readRange('products', query, range)),
  );
  yield* inOrder(pages, client.concurrency + PAGES_WAITING);
}

/**
 * Runs `tasks` with at most `window` of them started and not yet taken, and yields their results in
 * the tasks' order.
 */
async function* inOrder<T>(tasks: readonly (() => Promise<T>)[], window: number): AsyncGenerator<T> {
  const started: (Promise<T> | undefined)[] = [];
  let next = 0;
  for (let index = 0; index < tasks.length; index += 1) {
    for (; next < tasks.length && next < index + window; next += 1) {
      const pending = tasks[next]?.();
      // Awaited in turn below; a failure must not surface as unhandled before then.
      pending?.catch(() => undefined);
      started.push(pending);
    }
    const result = started[index];
    // Taken: the page's records are the caller's from here, not this window's to keep alive.
    started[index] = undefined;
    if (result !== undefined) yield await result;
  }
}

/**
 * Pages of full products named by id (`filter[id]=[1|2|…]`, up to 500 ids a request), in the order
 * given, with their combinations — pipelined like {@link readProductPages}. Ids the store no longer
 * has are simply absent.
 */
export function readProductsById(
  client: PrestaShopClient,
  ids: readonly number[],
  pageSize: number,
): AsyncGenerator<ProductPage> {
  return withCombinations(client, productsById(client, ids, Math.min(pageSize, MAX_IDS_PER_REQUEST)));
}

async function* productsById(
  client: PrestaShopClient,
  ids: readonly number[],
  size: number,
): AsyncGenerator<PsProduct[]> {
  const read = (start: number): Promise<PsProduct[]> => {
    const pending = client.list('products', {
      display: 'full',
      filter: { id: filter.oneOf(ids.slice(start, start + size)) },
    });
    pending.catch(() => undefined);
    return pending;
  };
  let next = ids.length > 0 ? read(0) : undefined;
  for (let start = 0; next !== undefined; start += size) {
    const current = next;
    // One request ahead, as the keyset iterator does.
    next = start + size < ids.length ? read(start + size) : undefined;
    const products = await current;
    yield products.sort((a, b) => a.id - b.id);
  }
}

async function* withCombinations(
  client: PrestaShopClient,
  pages: AsyncIterable<PsProduct[]>,
): AsyncGenerator<ProductPage> {
  let pending: Promise<ProductPage> | undefined;
  for await (const products of pages) {
    const next = completePage(client, products);
    // Awaited below; a failure must not surface as unhandled before then.
    next.catch(() => undefined);
    if (pending !== undefined) yield await pending;
    pending = next;
  }
  if (pending !== undefined) yield await pending;
}

async function completePage(client: PrestaShopClient, products: readonly PsProduct[]): Promise<ProductPage> {
  const withCombinationIds = products
    .filter((product) => (product.associations?.combinations?.length ?? 0) > 0)
    .map((product) => product.id);
  return { products, toMap: products, combinations: await readCombinations(client, withCombinationIds) };
}

/** The combinations of these products, by product id, in a few requests. */
export async function readCombinations(
  client: PrestaShopClient,
  productIds: readonly number[],
): Promise<Map<number, PsCombination[]>> {
  const byProduct = new Map<number, PsCombination[]>();
  const chunks: number[][] = [];
  for (let start = 0; start < productIds.length; start += PRODUCTS_PER_COMBINATION_REQUEST) {
    chunks.push(productIds.slice(start, start + PRODUCTS_PER_COMBINATION_REQUEST));
  }
  const lists = await Promise.all(
    chunks.map((ids) =>
      client
        .iterate(
          'combinations',
          { display: 'full', filter: { id_product: filter.oneOf(ids) } },
          { pageSize: COMBINATION_PAGE },
        )
        .toArray(),
    ),
  );
  for (const combination of lists.flat()) {
    const productId = Number(combination.id_product);
    const list = byProduct.get(productId);
    if (list === undefined) byProduct.set(productId, [combination]);
    else list.push(combination);
  }
  return byProduct;
}
