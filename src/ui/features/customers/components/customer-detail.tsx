import { Link } from 'react-router';

import { EmptyState } from '../../../components/empty-state';
import { TableScroll } from '../../../components/table-scroll';
import { ExactTime } from '../../../components/time-display';
import { decimalText } from '../../../lib/decimal-text';
import type { ApiCustomer } from '../api/customer-types';
import { AddressChoiceForm, addressLine } from './address-choice-form';

const ROLE_LABELS: Readonly<Record<string, string>> = {
  billing: 'billing',
  delivery: 'delivery',
  both: 'billing and delivery',
};

const CHOICE_LABELS: Readonly<Record<string, string>> = {
  'last-order': "the store's rule: the last order's addresses",
  'store-default': "the store's rule: the store's default",
  user: 'chosen by a user (imports leave them alone)',
};

/** A customer: who, the stores they come from, their addresses (and the choice), phones and orders. */
export function CustomerDetail({
  customer,
  storeNames,
  canChoose,
}: {
  readonly customer: ApiCustomer;
  readonly storeNames: ReadonlyMap<number, string>;
  /** Operators and admins choose addresses. */
  readonly canChoose: boolean;
}) {
  const usable = customer.addresses.filter((address) => !address.deleted);
  return (
    <>
      <dl className="facts">
        <div>
          <dt>E-mail</dt>
          <dd>{customer.email}</dd>
        </div>
        <div>
          <dt>Phones</dt>
          <dd>{customer.phones.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Company</dt>
          <dd>{customer.company ?? '—'}</dd>
        </div>
        <div>
          <dt>Gender</dt>
          <dd>{customer.gender}</dd>
        </div>
        <div>
          <dt>Newsletter</dt>
          <dd>{customer.newsletter ? 'yes' : 'no'}</dd>
        </div>
        <div>
          <dt>Stores</dt>
          <dd>
            {customer.stores
              .map(
                (store) => `${storeNames.get(store.storeId) ?? `#${store.storeId}`} (id ${store.externalId})`,
              )
              .join(', ') || 'none'}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="addresses-title">
        <h2 id="addresses-title">Addresses</h2>
        <p className="muted">
          Billing and delivery:{' '}
          {customer.addressChoice ? CHOICE_LABELS[customer.addressChoice] : 'not chosen yet'}.
        </p>
        {customer.addresses.length === 0 ? (
          <EmptyState title="No address in the hub" />
        ) : (
          <TableScroll label="Addresses of the customer">
            <table className="stack-on-phone">
              <caption className="visually-hidden">Addresses of the customer</caption>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Name</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {customer.addresses.map((address) => (
                  <tr key={address.id}>
                    <th scope="row" data-label="Address">
                      {addressLine(address)}
                      {address.deleted && <span className="row-detail">deleted in the store</span>}
                    </th>
                    <td data-label="Name">
                      {`${address.firstName} ${address.lastName}`}
                      {address.company && <span className="row-detail">{address.company}</span>}
                    </td>
                    <td data-label="Phone">
                      {[address.phone, address.phoneMobile].filter((phone) => phone !== null).join(', ') ||
                        '—'}
                    </td>
                    <td data-label="Role">{address.role ? ROLE_LABELS[address.role] : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {canChoose && usable.length > 1 && <AddressChoiceForm key={customer.updatedAt} customer={customer} />}
      </section>

      <section aria-labelledby="orders-title">
        <h2 id="orders-title">Orders</h2>
        {customer.orders.length === 0 ? (
          <EmptyState title="No orders in the hub" />
        ) : (
          <TableScroll label="Orders of the customer">
            <table className="stack-on-phone">
              <caption className="visually-hidden">Orders of the customer, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Store</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Total paid</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {customer.orders.map((order) => (
                  <tr key={order.id}>
                    <th scope="row" data-label="Reference">
                      <Link to={`/orders/${order.id}`}>{order.reference ?? `#${order.id}`}</Link>
                    </th>
                    <td data-label="Store">{storeNames.get(order.storeId) ?? `#${order.storeId}`}</td>
                    <td data-label="Placed">
                      <ExactTime at={order.placedAt} />
                    </td>
                    <td data-label="Total paid">
                      {decimalText(order.totalPaidTaxIncl)} {order.currency}
                    </td>
                    <td data-label="Status">{order.hubStatus.replace(/_/g, ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}
