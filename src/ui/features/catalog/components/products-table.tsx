import { Link } from 'react-router';

import { EmptyState } from '../../../components/empty-state';
import { OnOffBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { decimalText } from '../../../lib/decimal-text';
import type { ApiProductRow } from '../api/catalog-types';

/** One row per sellable variant: SKU, barcode, name, family, price and the stores that sell it. */
export function ProductsTable({
  rows,
  storeNames,
}: {
  readonly rows: readonly ApiProductRow[];
  /** Store name by id. */
  readonly storeNames: ReadonlyMap<number, string>;
}) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No products match">
        Change the search, or import products from a store (Import and export).
      </EmptyState>
    );
  }
  return (
    <TableScroll label="Products">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Products and their variants</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">SKU</th>
            <th scope="col">Barcode</th>
            <th scope="col">Family</th>
            <th scope="col">Price excl. tax</th>
            <th scope="col">Stores</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.variantId}>
              <th scope="row" data-label="Product">
                <Link to={`/catalog/${row.productId}`}>{row.name}</Link>
              </th>
              <td data-label="SKU">
                {row.sku ?? '—'}
                {row.skuDerived && <span className="row-detail">made up by the hub</span>}
              </td>
              <td data-label="Barcode">{row.barcode ?? '—'}</td>
              <td data-label="Family">{row.family ?? '—'}</td>
              <td data-label="Price excl. tax">{decimalText(row.price)}</td>
              <td data-label="Stores">
                {row.storeIds.length === 0
                  ? 'hub only'
                  : row.storeIds.map((id) => storeNames.get(id) ?? `#${id}`).join(', ')}
              </td>
              <td data-label="Status">
                <OnOffBadge on={row.active} onLabel="active" offLabel="inactive" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
