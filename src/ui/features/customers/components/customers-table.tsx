import { Link } from 'react-router';

import { EmptyState } from '../../../components/empty-state';
import { OnOffBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import type { ApiCustomerRow } from '../api/customer-types';

/** Customers with their e-mail, phones, addresses and the stores they come from (with their ids there). */
export function CustomersTable({
  rows,
  storeNames,
}: {
  readonly rows: readonly ApiCustomerRow[];
  readonly storeNames: ReadonlyMap<number, string>;
}) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No customers match">
        Change the search, or import customers from a store (Catalog → Import and export).
      </EmptyState>
    );
  }
  return (
    <TableScroll label="Customers">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Customers</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Phones</th>
            <th scope="col">Addresses</th>
            <th scope="col">Stores</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row" data-label="Name">
                <Link to={`/customers/${row.id}`}>
                  {`${row.firstName} ${row.lastName}`.trim() || row.email}
                </Link>
                {row.company && <span className="row-detail">{row.company}</span>}
              </th>
              <td data-label="E-mail">{row.email}</td>
              <td data-label="Phones">{row.phones.join(', ') || '—'}</td>
              <td data-label="Addresses">{row.addressCount}</td>
              <td data-label="Stores">
                {row.stores
                  .map(
                    (store) => `${storeNames.get(store.storeId) ?? `#${store.storeId}`} ${store.externalId}`,
                  )
                  .join(', ') || '—'}
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
