import type { Store, StoreStockRow } from '../../hub/index.js';
import { filter, type PrestaShopClient, type PsFilter, type PsQuery } from '../../webservice/index.js';
import { mapStockRow, rowExternalId } from './store-stock-row.js';

/** Store rows per page: few fields each, so a page this size stays small (about 200 bytes a row). */
export const STOCK_PAGE_SIZE = 2000;

/** Ids (or product ids) named in one filter: a URL of a few kilobytes. */
const IDS_PER_READ = 500;

/** One page of store rows, and the rows that could not be read. */
export interface StockRowPage {
  readonly rows: readonly StoreStockRow[];
  readonly failures: readonly { readonly stockAvailableId: number; readonly reason: string }[];
  /** The last row id of the page (the position of the sweep). */
  readonly lastId: number;
}

/**
 * The rows that are the store's shop's stock: its own (`id_shop`), or its group's shared rows
 * (`id_shop` 0, `id_shop_group`) when the group shares its stock. Named in the filter because
 * PrestaShop's list of `stock_availables` ignores the shop context: a real 8.2.1 multistore asked
 * with `id_shop=2` answered every shop's and group's rows (one row read a single id is refused
 * with 404 code 131, but the list is not restricted).
 */
export function stockRowsOfShop(store: Pick<Store, 'shopId' | 'shop'>): Readonly<Record<string, PsFilter>> {
  if (store.shopId === null || store.shop === null) return {};
  return store.shop.stockShared
    ? { id_shop: 0, id_shop_group: store.shop.groupId }
    : { id_shop: store.shopId };
}

function query(store: Pick<Store, 'shopId' | 'shop'>, extra: PsQuery = {}): PsQuery {
  return {
    // Every field: a push sends the whole row back (see STOCK_ROW_FIELDS for why not a list).
    display: 'full',
    ...(store.shopId === null ? {} : { idShop: store.shopId }),
    ...extra,
    filter: { ...stockRowsOfShop(store), ...extra.filter },
  };
}

/**
 * Every `stock_availables` row of the store (in its shop), in keyset pages of the few fields the
 * stock feeds need.
 *
 * @example
 * for await (const page of readStockRowPages(client, store)) console.log(page.rows.length);
 */
export async function* readStockRowPages(
  client: PrestaShopClient,
  store: Pick<Store, 'shopId' | 'shop'>,
  pageSize = STOCK_PAGE_SIZE,
): AsyncGenerator<StockRowPage> {
  for await (const records of client.iterate('stock_availables', query(store), { pageSize })) {
    const rows: StoreStockRow[] = [];
    const failures: { stockAvailableId: number; reason: string }[] = [];
    for (const record of records) {
      const outcome = mapStockRow(record);
      if (outcome.ok) rows.push(outcome.row);
      else failures.push({ stockAvailableId: outcome.stockAvailableId, reason: outcome.reason });
    }
    yield { rows, failures, lastId: records.at(-1)?.id ?? 0 };
  }
}

/** The store row of one (product, combination) pair, or undefined when the store has none. */
export async function findStockRow(
  client: PrestaShopClient,
  store: Pick<Store, 'shopId' | 'shop'>,
  productId: number,
  combinationId: number,
): Promise<StoreStockRow | undefined> {
  const records = await client.list(
    'stock_availables',
    query(store, { filter: { id_product: productId, id_product_attribute: combinationId } }),
  );
  for (const record of records) {
    const outcome = mapStockRow(record);
    if (outcome.ok) return outcome.row;
  }
  return undefined;
}

/**
 * The store rows of these (product, combination) pairs that exist, by `<product>:<combination>`: one
 * request per 500 products.
 *
 * @example
 * const rows = await findStockRows(client, store, [{ productId: 12, combinationId: 45 }]);
 */
export async function findStockRows(
  client: PrestaShopClient,
  store: Pick<Store, 'shopId' | 'shop'>,
  pairs: readonly { readonly productId: number; readonly combinationId: number }[],
): Promise<Map<string, StoreStockRow>> {
  const wanted = new Set(pairs.map(rowExternalId));
  const found = new Map<string, StoreStockRow>();
  const products = [...new Set(pairs.map((pair) => pair.productId))];
  for (let start = 0; start < products.length; start += IDS_PER_READ) {
    const chunk = products.slice(start, start + IDS_PER_READ);
    const records = await client.list(
      'stock_availables',
      query(store, { filter: { id_product: filter.oneOf(chunk) } }),
    );
    for (const record of records) {
      const outcome = mapStockRow(record);
      if (outcome.ok && wanted.has(rowExternalId(outcome.row)))
        found.set(rowExternalId(outcome.row), outcome.row);
    }
  }
  return found;
}

/**
 * These store rows as the store holds them now, by row id (a row the store no longer has is absent):
 * one request per 500 rows. What a push reads after a batch the store refused part of.
 *
 * @example
 * const now = await readStockRowsById(client, store, [20, 21, 22]);
 */
export async function readStockRowsById(
  client: PrestaShopClient,
  store: Pick<Store, 'shopId' | 'shop'>,
  ids: readonly number[],
): Promise<Map<number, StoreStockRow>> {
  const rows = new Map<number, StoreStockRow>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += IDS_PER_READ) {
    const chunk = unique.slice(start, start + IDS_PER_READ);
    const records = await client.list(
      'stock_availables',
      query(store, { filter: { id: filter.oneOf(chunk) } }),
    );
    for (const record of records) {
      const outcome = mapStockRow(record);
      if (outcome.ok) rows.set(outcome.row.stockAvailableId, outcome.row);
    }
  }
  return rows;
}
