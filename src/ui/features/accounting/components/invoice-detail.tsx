import { Link } from 'react-router';

import type { ApiInvoice } from '../../../api/back-office-types';
import { TableScroll } from '../../../components/table-scroll';
import { ExactTime } from '../../../components/time-display';
import { decimalText } from '../../../lib/decimal-text';
import { invoicePdfPath } from '../api/get-invoice';
import { KIND_LABELS } from './invoices-table';
import { rateText } from './rate-text';

/** One invoice or credit note: its lines, taxes per rate, totals beside the store's, payment. */
export function InvoiceDetail({
  invoice,
  storeName,
}: {
  readonly invoice: ApiInvoice;
  readonly storeName: string;
}) {
  const differs = invoice.totalsDifference !== null && Number(invoice.totalsDifference) !== 0;
  return (
    <>
      <p>
        <a className="button" href={invoicePdfPath(invoice.id)} target="_blank" rel="noreferrer">
          Open the PDF
        </a>
      </p>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{KIND_LABELS[invoice.kind]}</dd>
        <dt>Store</dt>
        <dd>{storeName}</dd>
        <dt>Order</dt>
        <dd>{invoice.orderId ?? '—'}</dd>
        {invoice.creditedInvoiceId !== null && (
          <>
            <dt>Credits</dt>
            <dd>
              <Link to={`/accounting/invoices/${invoice.creditedInvoiceId}`}>
                invoice #{invoice.creditedInvoiceId}
              </Link>
            </dd>
          </>
        )}
        <dt>Issued</dt>
        <dd>
          <ExactTime at={invoice.issuedAt} />
        </dd>
        <dt>Paid</dt>
        <dd>
          {invoice.paidAt ? (
            <>
              <ExactTime at={invoice.paidAt} /> {invoice.paymentMethod ?? ''} {invoice.paymentLabel ?? ''}
            </>
          ) : (
            'Not paid'
          )}
        </dd>
      </dl>

      <h2>Lines</h2>
      <TableScroll label="Lines">
        <table className="stack-on-phone">
          <caption className="visually-hidden">Lines</caption>
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col">Kind</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price without tax</th>
              <th scope="col">Tax rate</th>
              <th scope="col">Without tax</th>
              <th scope="col">Tax</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, index) => (
              <tr key={index}>
                <th scope="row" data-label="Description">
                  {line.description}
                  {line.familyCode && <span className="row-detail">family {line.familyCode}</span>}
                </th>
                <td data-label="Kind">{line.kind}</td>
                <td data-label="Quantity">{line.quantity}</td>
                <td data-label="Unit price without tax">{decimalText(line.unitPriceTaxExcl)}</td>
                <td data-label="Tax rate">{rateText(line.taxRate)} %</td>
                <td data-label="Without tax">{decimalText(line.totalTaxExcl)}</td>
                <td data-label="Tax">{decimalText(line.totalTax)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2>Taxes</h2>
      <TableScroll label="Taxes per rate">
        <table>
          <caption className="visually-hidden">Taxes per rate</caption>
          <thead>
            <tr>
              <th scope="col">Rate</th>
              <th scope="col">Base</th>
              <th scope="col">Tax</th>
            </tr>
          </thead>
          <tbody>
            {invoice.taxes.map((tax) => (
              <tr key={tax.rate}>
                <th scope="row">{rateText(tax.rate)} %</th>
                <td>{decimalText(tax.base)}</td>
                <td>{decimalText(tax.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2>Totals</h2>
      <dl className="facts">
        <dt>Without tax</dt>
        <dd>
          {decimalText(invoice.totalTaxExcl)} {invoice.currency}
        </dd>
        <dt>Tax</dt>
        <dd>
          {decimalText(invoice.totalTax)} {invoice.currency}
        </dd>
        <dt>Total</dt>
        <dd>
          {decimalText(invoice.totalTaxIncl)} {invoice.currency}
        </dd>
        <dt>The store’s total</dt>
        <dd>
          {invoice.storeTotalTaxIncl === null ? '—' : decimalText(invoice.storeTotalTaxIncl)}{' '}
          {invoice.currency}
        </dd>
      </dl>
      {differs && (
        <div className="notice notice-warn" role="status">
          <p className="notice-title">This total differs from the store’s by {invoice.totalsDifference}</p>
          <p>
            The hub keeps the difference rather than spreading it over the lines (gift wrapping it does not
            import, or a store module that edited the totals).
          </p>
        </div>
      )}
    </>
  );
}
