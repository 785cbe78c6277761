import type { Store, StoreStockRow } from '../../hub/index.js';
import type { PrestaShopClient, PsQuery } from '../../webservice/index.js';
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

function query(store: Pick<Store, 'shopId'>, extra: PsQuery = {}): PsQuery {
  return {
    display: [...STOCK_ROW_FIELDS],
    ...(store.shopId === null ? {} : { idShop: store.shopId }),
    ...extra,
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
  store: Pick<Store, 'shopId'>,
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
  store: Pick<Store, 'shopId'>,
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
