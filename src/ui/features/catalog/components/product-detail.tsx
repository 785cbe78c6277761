import { Link } from 'react-router';

import { EmptyState } from '../../../components/empty-state';
import { OnOffBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { decimalText } from '../../../lib/decimal-text';
import type { ApiProduct, ApiProductStores, ApiProductVariant } from '../api/catalog-types';

function attributesOf(variant: ApiProductVariant): string {
  return variant.attributes
    .map(
      (attribute) => `${Object.values(attribute.name)[0] ?? ''}: ${Object.values(attribute.value)[0] ?? ''}`,
    )
    .join(', ');
}

/** A product's facts, its variants (SKU, barcode, attributes, price impact) and the stores that sell it. */
export function ProductDetail({
  product,
  stores,
}: {
  readonly product: ApiProduct;
  readonly stores: ApiProductStores | undefined;
}) {
  const externalIdOf = (variantId: number) =>
    (stores ?? [])
      .flatMap((store) =>
        store.variants
          .filter((variant) => variant.variantId === variantId)
          .map((variant) => `${store.store} ${variant.externalId}`),
      )
      .join(', ');
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Kind</dt>
          <dd>{product.kind}</dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd>{product.reference ?? '—'}</dd>
        </div>
        <div>
          <dt>Price excl. tax</dt>
          <dd>{decimalText(product.price)}</dd>
        </div>
        <div>
          <dt>Family</dt>
          <dd>{product.family ?? '—'}</dd>
        </div>
        <div>
          <dt>Tax rate</dt>
          <dd>{product.taxRate ?? '—'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <OnOffBadge on={product.active} onLabel="active" offLabel="inactive" />
          </dd>
        </div>
      </dl>

      <section aria-labelledby="product-stores-title">
        <h2 id="product-stores-title">Stores</h2>
        {stores && stores.length === 0 && (
          <EmptyState title="No store sells it yet">
            A product of the hub reaches the stores whose product master is the hub (or both) at the next
            export-products.
          </EmptyState>
        )}
        {stores && stores.length > 0 && (
          <TableScroll label="Stores selling the product">
            <table className="stack-on-phone">
              <caption className="visually-hidden">Stores selling the product, and its ids there</caption>
              <thead>
                <tr>
                  <th scope="col">Store</th>
                  <th scope="col">Product id there</th>
                  <th scope="col">Variants there</th>
                </tr>
              </thead>
              <tbody>
                {stores.map((store) => (
                  <tr key={store.storeId}>
                    <th scope="row" data-label="Store">
                      <Link to={`/stores/${encodeURIComponent(store.store)}`}>{store.store}</Link>
                    </th>
                    <td data-label="Product id there">
                      {store.externalId}
                      {store.deleted && <span className="row-detail">deleted in the store</span>}
                    </td>
                    <td data-label="Variants there">{store.variants.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="product-variants-title">
        <h2 id="product-variants-title">Variants</h2>
        <TableScroll label="Variants of the product">
          <table className="stack-on-phone">
            <caption className="visually-hidden">Variants of the product</caption>
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Barcode</th>
                <th scope="col">Attributes</th>
                <th scope="col">Price impact</th>
                <th scope="col">Store ids</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {product.variants.map((variant) => (
                <tr key={variant.id}>
                  <th scope="row" data-label="SKU">
                    {variant.sku ?? '—'}
                    {variant.skuDerived && <span className="row-detail">made up by the hub</span>}
                  </th>
                  <td data-label="Barcode">{variant.barcode ?? '—'}</td>
                  <td data-label="Attributes">{attributesOf(variant) || '—'}</td>
                  <td data-label="Price impact">{decimalText(variant.priceImpact)}</td>
                  <td data-label="Store ids">{externalIdOf(variant.id) || '—'}</td>
                  <td data-label="Status">
                    <OnOffBadge on={variant.active} onLabel="active" offLabel="inactive" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}
