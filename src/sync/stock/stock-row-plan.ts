import type { Hub, StoreStockRow } from '../../hub/index.js';
import { rowExternalId } from './store-stock-row.js';

/** A store row of a hub variant. */
export interface VariantStockRow {
  readonly row: StoreStockRow;
  readonly variantId: number;
  /** `<product>:<combination>`, the variant's binding in the store. */
  readonly externalId: string;
}

/** What a page of store rows is to the hub. */
export interface StockRowPlan {
  readonly variants: readonly VariantStockRow[];
  /**
   * Product-level rows of products with combinations: the store keeps them equal to the sum of the
   * combinations' rows, so the hub neither imports nor writes them.
   */
  readonly aggregates: readonly StoreStockRow[];
  /** Rows of store products the hub has not imported. */
  readonly unbound: readonly StoreStockRow[];
}

/**
 * Sorts a page of store rows by what the hub knows: the variant bound to each row's
 * `<product>:<combination>`, else the product-level row of a bound product (whose variants are its
 * combinations), else a product the hub does not know.
 *
 * @example
 * planStockRows(rows, new Map([['1:0', 41]]), new Set([1, 2]));
 */
export function planStockRows(
  rows: readonly StoreStockRow[],
  variantIds: ReadonlyMap<string, number>,
  boundProducts: ReadonlySet<number>,
): StockRowPlan {
  const variants: VariantStockRow[] = [];
  const aggregates: StoreStockRow[] = [];
  const unbound: StoreStockRow[] = [];
  for (const row of rows) {
    const externalId = rowExternalId(row);
    const variantId = variantIds.get(externalId);
    if (variantId !== undefined) variants.push({ row, variantId, externalId });
    else if (row.combinationId === 0 && boundProducts.has(row.productId)) aggregates.push(row);
    else unbound.push(row);
  }
  return { variants, aggregates, unbound };
}

/**
 * {@link planStockRows} with what the hub knows of a page: the store's variant and product bindings
 * of the page's rows (two queries).
 */
export async function planStoreStockPage(
  hub: Pick<Hub, 'bindings'>,
  storeId: number,
  rows: readonly StoreStockRow[],
): Promise<StockRowPlan> {
  const variants = await hub.bindings.resolve(storeId, 'variants', rows.map(rowExternalId));
  const products = await hub.bindings.resolve(
    storeId,
    'products',
    rows.filter((row) => row.combinationId === 0).map((row) => row.productId),
  );
  return planStockRows(
    rows,
    new Map(
      [...variants.values()]
        .filter((binding) => binding.deletedAt === null)
        .map((binding) => [binding.externalId, binding.localId]),
    ),
    new Set([...products.values()].map((binding) => Number(binding.externalId))),
  );
}
