import { Link } from 'react-router';

import { TableScroll } from '../../../components/table-scroll';
import { decimalText } from '../../../lib/decimal-text';
import type { ApiOrderSummary } from '../api/order-types';
import { HubStatusBadge, storeStateLabel } from './order-status';

/** One page of orders: every store's, newest first. */
export function OrdersTable({
  orders,
  storeNames,
  stateNames,
}: {
  readonly orders: readonly ApiOrderSummary[];
  /** Store names by id (orders carry the id). */
  readonly storeNames: ReadonlyMap<number, string>;
  /** Each store's order state names by state id, for the stores whose states are known. */
  readonly stateNames: ReadonlyMap<number, ReadonlyMap<number, string>>;
}) {
  return (
    <TableScroll label="Orders">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Orders, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Store</th>
            <th scope="col">Placed</th>
            <th scope="col">Customer</th>
            <th scope="col">Hub status</th>
            <th scope="col">Store state</th>
            <th scope="col">Lines</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id}>
              <th scope="row" data-label="Order">
                <Link to={`/orders/${order.id}`}>{order.reference ?? `#${order.id}`}</Link>
                <span className="row-detail">
                  hub #{order.id}
                  {order.externalId !== null && ` · store #${order.externalId}`}
                </span>
              </th>
              <td data-label="Store">{storeNames.get(order.storeId) ?? `#${order.storeId}`}</td>
              <td data-label="Placed">
                <time dateTime={order.placedAt.instant}>{order.placedAt.local}</time>
              </td>
              <td data-label="Customer">{order.customerName ?? '—'}</td>
              <td data-label="Hub status">
                <HubStatusBadge status={order.hubStatus} />
              </td>
              <td data-label="Store state">
                {storeStateLabel(order.storeStateId, stateNames.get(order.storeId))}
              </td>
              <td data-label="Lines">{order.lineCount}</td>
              <td data-label="Total">
                {decimalText(order.totalPaidTaxIncl)} {order.currency}
                {order.totalsMismatch && (
                  <span
                    className="row-warn-text"
                    title="The store's totals differ from a recomputation from the lines."
                  >
                    totals differ
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
