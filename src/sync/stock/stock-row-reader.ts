import type { Store, StoreStockRow } from '../../hub/index.js';
import type { PrestaShopClient, PsFilter, PsQuery } from '../../webservice/index.js';
import { mapStockRow, STOCK_ROW_FIELDS } from './store-stock-row.js';

/** Store rows per page: few fields each, so a page this size stays small (about 100 bytes a row). */
export const STOCK_PAGE_SIZE = 2000;

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
    display: [...STOCK_ROW_FIELDS],
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
