import { Link } from 'react-router';

import { TableScroll } from '../../../components/table-scroll';
import type { ApiStockKit } from '../api/stock-types';

/** Kits and their bills of materials: a kit sells min(component on hand / quantity per kit). */
export function StockKitsTable({ kits }: { readonly kits: readonly ApiStockKit[] }) {
  return (
    <TableScroll label="Kits">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Kits with their components</caption>
        <thead>
          <tr>
            <th scope="col">Kit</th>
            <th scope="col">Components (per kit)</th>
            <th scope="col">Kits the components make</th>
          </tr>
        </thead>
        <tbody>
          {kits.map((kit) => (
            <tr key={kit.variantId}>
              <th scope="row" data-label="Kit">
                <Link to={`/stock/variants/${kit.variantId}`}>{kit.sku ?? `#${kit.variantId}`}</Link>
                <span className="row-detail">{kit.name}</span>
              </th>
              <td data-label="Components (per kit)">
                {kit.components.map((component) => (
                  <div key={component.variantId}>
                    {component.quantity} ×{' '}
                    <Link to={`/stock/variants/${component.variantId}`}>
                      {component.sku ?? `#${component.variantId}`}
                    </Link>{' '}
                    <span className="muted">({component.onHand} on hand)</span>
                  </div>
                ))}
              </td>
              <td data-label="Kits the components make">
                {kit.components.length === 0
                  ? 0
                  : Math.min(
                      ...kit.components.map((component) => Math.floor(component.onHand / component.quantity)),
                    )}
                <span className="row-detail">on hand everywhere, before reservations</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
