import { Link } from 'react-router';

import { TableScroll } from '../../../components/table-scroll';
import type { ApiStockItem } from '../api/stock-types';

/** Variants × locations: on hand at each location, reserved by open orders, sellable in each store. */
export function StockTable({
  items,
  onChange,
}: {
  readonly items: readonly ApiStockItem[];
  /** Adjust or count a variant (absent: the user may not). */
  readonly onChange?: ((item: ApiStockItem) => void) | undefined;
}) {
  return (
    <TableScroll label="Stock">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Stock per variant</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">On hand</th>
            <th scope="col">Reserved</th>
            <th scope="col">Sellable per store</th>
            {onChange && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.variantId}>
              <th scope="row" data-label="Variant">
                <Link to={`/stock/variants/${item.variantId}`}>{item.sku ?? `#${item.variantId}`}</Link>
                <span className="row-detail">
                  {item.name}
                  {item.kit && ' · kit'}
                </span>
              </th>
              <td data-label="On hand">
                {item.kit ? (
                  <span className="muted">from its components</span>
                ) : item.onHand.length === 0 ? (
                  '0'
                ) : (
                  item.onHand.map((level) => (
                    <div key={level.location}>
                      {level.location}: {level.onHand}
                    </div>
                  ))
                )}
              </td>
              <td data-label="Reserved">{item.reserved}</td>
              <td data-label="Sellable per store">
                {item.sellable.length === 0 ? (
                  <span className="muted">no store exports it</span>
                ) : (
                  item.sellable.map((entry) => (
                    <div key={entry.storeId}>
                      {entry.store}: {entry.quantity}
                    </div>
                  ))
                )}
              </td>
              {onChange && (
                <td data-label="Change">
                  {!item.kit && (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Adjust or count ${item.sku ?? `variant ${item.variantId}`}`}
                      onClick={() => onChange(item)}
                    >
                      Adjust or count
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
