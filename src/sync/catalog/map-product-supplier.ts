import { Decimal, type ProductSupplierLink } from '../../hub/index.js';
import type { PsProductSupplier } from '../../webservice/index.js';
import { variantExternalId } from './map-product.js';
import { scalar } from './ps-scalar.js';

/** What a product-supplier row needs resolved in the hub: its variant and its supplier, by store ids. */
export interface ProductSupplierRefs {
  readonly variantExternalId: string;
  readonly supplierExternalId: string;
}

export type ProductSupplierOutcome =
  | {
      readonly kind: 'link';
      readonly refs: ProductSupplierRefs;
      readonly link: Omit<ProductSupplierLink, 'variantId' | 'supplierId'>;
    }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'fail'; readonly reason: string };

/**
 * A `product_suppliers` row as a link between a hub variant (`<product>:<combination>`) and a supplier:
 * the supplier's reference and price excl. tax, with the currency's ISO code. Rows without a supplier
 * (packs have none) are skipped. Pure: the currency table is given.
 */
export function mapProductSupplier(
  row: PsProductSupplier,
  currencies: ReadonlyMap<number, string>,
): ProductSupplierOutcome {
  const supplier = Number(row.id_supplier) || 0;
  if (supplier === 0) return { kind: 'skip', reason: 'no supplier on the link' };
  const product = Number(row.id_product) || 0;
  if (product === 0) return { kind: 'skip', reason: 'no product on the link' };
  const price = scalar(row.product_supplier_price_te).trim();
  if (price !== '' && Decimal.tryParse(price) === undefined) {
    return { kind: 'fail', reason: `product_supplier_price_te '${price}' is not a decimal number` };
  }
  const reference = scalar(row.product_supplier_reference).trim();
  return {
    kind: 'link',
    refs: {
      variantExternalId: variantExternalId(product, Number(row.id_product_attribute) || 0),
      supplierExternalId: String(supplier),
    },
    link: {
      reference: reference === '' ? null : reference,
      price: price === '' ? null : price,
      currency: currencies.get(Number(row.id_currency)) ?? null,
    },
  };
}
