import { TableScroll } from '../../../components/table-scroll';
import { ExactTime } from '../../../components/time-display';
import { decimalText } from '../../../lib/decimal-text';
import type { ApiOrder, ApiOrderAddress, ApiOrderInvoice, ApiOutboxEntry } from '../api/order-types';
import { HubStatusBadge, storeStateLabel } from './order-status';

function Address({ title, address }: { readonly title: string; readonly address: ApiOrderAddress }) {
  const lines = [
    `${address.firstName} ${address.lastName}`.trim(),
    address.company,
    address.address1,
    address.address2,
    [address.postcode, address.city].filter(Boolean).join(' '),
    [address.state, address.countryIso].filter(Boolean).join(', '),
    address.phone ?? address.phoneMobile,
    address.vatNumber && `VAT ${address.vatNumber}`,
  ].filter((line): line is string => Boolean(line));
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <address>
        {lines.map((line) => (
          <div key={line}>{line}</div>
        ))}
      </address>
    </section>
  );
}

/** Who the order is, where it goes, how it is paid and carried — with the hub's mappings beside the store's values. */
export function OrderFacts({
  order,
  store,
  stateNames,
}: {
  readonly order: ApiOrder;
  readonly store: string;
  readonly stateNames: ReadonlyMap<number, string> | undefined;
}) {
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Store</dt>
          <dd>
            {store}
            {order.externalId !== null && <span className="muted"> · order #{order.externalId}</span>}
          </dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>
            <time dateTime={order.placedAt.instant}>{order.placedAt.local}</time>
          </dd>
        </div>
        <div>
          <dt>Hub status</dt>
          <dd>
            <HubStatusBadge status={order.hubStatus} />
          </dd>
        </div>
        <div>
          <dt>Store state</dt>
          <dd data-testid="order-store-state">{storeStateLabel(order.storeStateId, stateNames)}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{order.customerName ?? '—'}</dd>
        </div>
        <div>
          <dt>Payment</dt>
          <dd>
            {order.paymentLabel ?? order.paymentModule ?? '—'}
            {order.paymentModule && <span className="muted"> ({order.paymentModule})</span>} →{' '}
            {order.paymentMethod ?? <span className="muted">not mapped</span>}
          </dd>
        </div>
        <div>
          <dt>Carrier</dt>
          <dd>
            {order.carrierId === null ? '—' : `carrier reference ${order.carrierId}`} →{' '}
            {order.shippingMethod ?? <span className="muted">not mapped</span>}
          </dd>
        </div>
        {order.salesLocation && (
          <div>
            <dt>Sales location</dt>
            <dd>{order.salesLocation}</dd>
          </div>
        )}
      </dl>
      <div className="charts">
        <Address title="Billing address" address={order.billingAddress} />
        <Address title="Delivery address" address={order.deliveryAddress} />
      </div>
    </>
  );
}

/** The lines with what has shipped of each. */
export function OrderLines({ order }: { readonly order: ApiOrder }) {
  return (
    <TableScroll label="Order lines">
      <table className="stack-on-phone">
        <caption>Lines</caption>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Ordered</th>
            <th scope="col">Shipped</th>
            <th scope="col">Unit price (tax excl.)</th>
            <th scope="col">Unit price (tax incl.)</th>
            <th scope="col">Tax rate</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <th scope="row" data-label="SKU">
                {line.sku ?? '—'}
                {line.kind !== 'product' && <span className="row-detail">{line.kind}</span>}
              </th>
              <td data-label="Name">{line.name}</td>
              <td data-label="Ordered">{line.quantity}</td>
              <td data-label="Shipped">{line.kind === 'product' ? line.quantityShipped : '—'}</td>
              <td data-label="Unit price (tax excl.)">{decimalText(line.unitPriceTaxExcl)}</td>
              <td data-label="Unit price (tax incl.)">{decimalText(line.unitPriceTaxIncl)}</td>
              <td data-label="Tax rate">{line.taxRate === null ? '—' : `${line.taxRate} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The store's totals as it computed them (the hub keeps them, and flags a recomputation that differs). */
export function OrderTotals({ order }: { readonly order: ApiOrder }) {
  const { totals, currency } = order;
  const rows: readonly [string, string, string][] = [
    ['Products', totals.productsTaxExcl, totals.productsTaxIncl],
    ['Shipping', totals.shippingTaxExcl, totals.shippingTaxIncl],
    ['Discounts', totals.discountsTaxExcl, totals.discountsTaxIncl],
    ['Total', totals.paidTaxExcl, totals.paidTaxIncl],
  ];
  return (
    <section aria-label="Totals">
      <TableScroll label="Totals">
        <table>
          <caption>The store&apos;s totals ({currency})</caption>
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col">Tax excl.</th>
              <th scope="col">Tax incl.</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, excl, incl]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{decimalText(excl)}</td>
                <td>{decimalText(incl)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Paid</th>
              <td></td>
              <td>{decimalText(totals.paid)}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      {order.totalsMismatch && (
        <p className="notice notice-warn">
          The hub&apos;s recomputation from the lines differs from the store&apos;s totals: the store&apos;s
          are kept as it sent them.
        </p>
      )}
    </section>
  );
}

const CONFIRMATION_TEXT: Readonly<Record<ApiOutboxEntry['status'], string>> = {
  pending: 'waiting to be sent',
  in_flight: 'being sent',
  done: 'the store has it',
  failed: 'failed (given up)',
};

/** Shipments with their tracking, and whether the store was told of each. */
export function OrderShipments({
  order,
  confirmations,
}: {
  readonly order: ApiOrder;
  readonly confirmations: readonly ApiOutboxEntry[] | undefined;
}) {
  if (order.shipments.length === 0) return <p className="muted">Nothing shipped yet.</p>;
  const linesById = new Map(order.lines.map((line) => [line.id, line]));
  const toldOf = (shipmentId: number) =>
    confirmations?.find(
      (entry) =>
        entry.kind === 'shipment' &&
        typeof entry.payload === 'object' &&
        entry.payload !== null &&
        (entry.payload as { shipmentId?: unknown }).shipmentId === shipmentId,
    );
  return (
    <TableScroll label="Shipments">
      <table className="stack-on-phone">
        <caption>Shipments</caption>
        <thead>
          <tr>
            <th scope="col">Shipped</th>
            <th scope="col">Lines</th>
            <th scope="col">Carrier</th>
            <th scope="col">Tracking</th>
            <th scope="col">Store told</th>
          </tr>
        </thead>
        <tbody>
          {order.shipments.map((shipment) => {
            const told = toldOf(shipment.id);
            return (
              <tr key={shipment.id}>
                <th scope="row" data-label="Shipped">
                  <ExactTime at={shipment.shippedAt} />
                  <span className="row-detail">{shipment.complete ? 'completes the order' : 'partial'}</span>
                </th>
                <td data-label="Lines">
                  {shipment.lines
                    .map(
                      (line) =>
                        `${line.quantity} × ${linesById.get(line.orderLineId)?.sku ?? `line ${line.orderLineId}`}`,
                    )
                    .join(', ')}
                </td>
                <td data-label="Carrier">{shipment.carrier ?? '—'}</td>
                <td data-label="Tracking">
                  {shipment.trackingUrl && shipment.trackingNumber ? (
                    <a href={shipment.trackingUrl} rel="noreferrer" target="_blank">
                      {shipment.trackingNumber}
                    </a>
                  ) : (
                    (shipment.trackingNumber ?? '—')
                  )}
                </td>
                <td data-label="Store told">
                  {told ? (
                    <>
                      {CONFIRMATION_TEXT[told.status]}
                      {told.lastError && <span className="row-warn-text">{told.lastError}</span>}
                    </>
                  ) : (
                    <span className="muted">not told (nothing queued)</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The store's state changes, oldest first. */
export function OrderHistory({
  order,
  stateNames,
}: {
  readonly order: ApiOrder;
  readonly stateNames: ReadonlyMap<number, string> | undefined;
}) {
  if (order.stateHistory.length === 0) return <p className="muted">No state history.</p>;
  return (
    <ol className="plain-list" aria-label="State history">
      {order.stateHistory.map((entry, index) => (
        <li key={`${entry.changedAt}-${index}`}>
          {entry.changedAtLocal ?? <ExactTime at={entry.changedAt} />} —{' '}
          {entry.stateName ?? storeStateLabel(entry.stateId, stateNames)}
        </li>
      ))}
    </ol>
  );
}

export function OrderMessages({ order }: { readonly order: ApiOrder }) {
  if (order.messages.length === 0) return <p className="muted">No messages.</p>;
  return (
    <ul className="plain-list" aria-label="Messages">
      {order.messages.map((message, index) => (
        <li key={`${message.writtenAt}-${index}`}>
          <strong>{message.author}</strong> <ExactTime at={message.writtenAt} />
          {message.private && <span className="badge badge-info">private</span>}
          <p>{message.body}</p>
        </li>
      ))}
    </ul>
  );
}

/** The order's invoice and credit notes, each with its PDF. */
export function OrderInvoices({ invoices }: { readonly invoices: readonly ApiOrderInvoice[] | undefined }) {
  if (invoices === undefined) return null;
  if (invoices.length === 0) return <p className="muted">Not invoiced yet.</p>;
  return (
    <ul className="plain-list" aria-label="Invoices">
      {invoices.map((invoice) => (
        <li key={invoice.id}>
          {invoice.kind === 'invoice' ? 'Invoice' : 'Credit note'} {invoice.number} —{' '}
          {decimalText(invoice.totalTaxIncl)} {invoice.currency}
          {invoice.paidAt && <span className="badge badge-ok">paid</span>}{' '}
          <a href={`/invoices/${invoice.id}/pdf`} target="_blank" rel="noreferrer">
            PDF of {invoice.number}
          </a>
        </li>
      ))}
    </ul>
  );
}
