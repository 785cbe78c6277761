import type { StoreStockRow, StoreStockRowRest } from '../../hub/index.js';
import type { PsRecord } from '../../webservice/index.js';

/**
 * The writable fields of a `stock_availables` row (8.1.2), all of which a push sends: a PUT empties
 * the optional ones it leaves out. The stock feeds read rows with `display=full` (these and the id):
 * naming `location`, which 1.6 does not have, would fail there (400, code 35).
 */
export const STOCK_ROW_FIELDS = [
  'id_product',
  'id_product_attribute',
  'id_shop',
  'id_shop_group',
  'quantity',
  'depends_on_stock',
  'out_of_stock',
  'location',
] as const;

/** A store row read, or why it could not be (reported on the row; the rest of the page goes on). */
export type StockRowOutcome =
  | { readonly ok: true; readonly row: StoreStockRow }
  | { readonly ok: false; readonly stockAvailableId: number; readonly reason: string };

/** A scalar field as text ('' for anything else: a language map, an association). */
function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function whole(value: unknown): number | undefined {
  const raw = text(value);
  return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Reads one `stock_availables` record: ids and the quantity as whole numbers, `depends_on_stock` as a
 * flag. A quantity or id that is not a whole number fails the row.
 *
 * @example
 * mapStockRow({ id: 20, id_product: '1', id_product_attribute: '1', quantity: '77', depends_on_stock: '0' });
 * // { ok: true, row: { stockAvailableId: 20, productId: 1, combinationId: 1, quantity: 77, dependsOnStock: false } }
 * // (and `rest` when the record holds out_of_stock, id_shop, id_shop_group and location)
 */
export function mapStockRow(record: PsRecord): StockRowOutcome {
  const productId = whole(record.id_product);
  const combinationId = whole(record.id_product_attribute);
  const quantity = whole(record.quantity);
  if (productId === undefined || productId <= 0 || combinationId === undefined || combinationId < 0) {
    return {
      ok: false,
      stockAvailableId: record.id,
      reason: `stock row ${record.id} names no product (id_product '${text(record.id_product)}', id_product_attribute '${text(record.id_product_attribute)}')`,
    };
  }
  if (quantity === undefined) {
    return {
      ok: false,
      stockAvailableId: record.id,
      reason: `stock row ${record.id} has quantity '${text(record.quantity)}', not a whole number`,
    };
  }
  const rest = rowRest(record);
  return {
    ok: true,
    row: {
      stockAvailableId: record.id,
      productId,
      combinationId,
      quantity,
      dependsOnStock: text(record.depends_on_stock) === '1',
      ...(rest === undefined ? {} : { rest }),
    },
  };
}

/**
 * The rest of a row a PUT sends back, when the record holds all of it. JSON leaves out a field whose
 * value is empty or `0` on a single record: an absent shop, group or location reads as `0` / `''`
 * there; an absent `out_of_stock` (required, never empty) leaves the rest unknown.
 */
function rowRest(record: PsRecord): StoreStockRowRest | undefined {
  const outOfStock = whole(record.out_of_stock);
  const shopId = record.id_shop === undefined ? 0 : whole(record.id_shop);
  const shopGroupId = record.id_shop_group === undefined ? 0 : whole(record.id_shop_group);
  const location = record.location === undefined ? '' : record.location;
  if (outOfStock === undefined || shopId === undefined || shopGroupId === undefined) return undefined;
  if (typeof location !== 'string') return undefined;
  return { outOfStock, shopId, shopGroupId, location };
}

/** The hub's variant external id of a store row: `<product id>:<combination id>`. */
export function rowExternalId(row: Pick<StoreStockRow, 'productId' | 'combinationId'>): string {
  return `${row.productId}:${row.combinationId}`;
}

/** `12:45` → product 12, combination 45; anything else is not a variant external id. */
export function parseVariantExternalId(
  externalId: string,
): { readonly productId: number; readonly combinationId: number } | undefined {
  const match = /^(\d+):(\d+)$/.exec(externalId);
  if (!match) return undefined;
  return { productId: Number(match[1]), combinationId: Number(match[2]) };
}
