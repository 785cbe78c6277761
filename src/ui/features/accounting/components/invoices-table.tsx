import { Link } from 'react-router';

import type { ApiInvoiceSummary } from '../../../api/back-office-types';
import { EmptyState } from '../../../components/empty-state';
import { TableScroll } from '../../../components/table-scroll';
import { ExactTime } from '../../../components/time-display';
import { decimalText } from '../../../lib/decimal-text';
import { invoicePdfPath } from '../api/get-invoice';

export const KIND_LABELS = { invoice: 'Invoice', credit_note: 'Credit note' } as const;

/** Invoices and credit notes, in number order, each with its PDF; a flagged total difference shown. */
export function InvoicesTable({
  invoices,
  storeName,
}: {
  readonly invoices: readonly ApiInvoiceSummary[];
  readonly storeName: (id: number | null) => string;
}) {
  if (invoices.length === 0)
    return (
      <EmptyState title="No invoices in this range">
        <p>
          Invoices come from the invoice-orders feed once a store’s <code>invoices.enabled</code> is on and
          its orders are paid.
        </p>
      </EmptyState>
    );
  return (
    <TableScroll label="Invoices and credit notes">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Invoices and credit notes</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Kind</th>
            <th scope="col">Store</th>
            <th scope="col">Issued</th>
            <th scope="col">Without tax</th>
            <th scope="col">Tax</th>
            <th scope="col">Total</th>
            <th scope="col">Paid</th>
            <th scope="col">
              <span className="visually-hidden">PDF</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row" data-label="Number">
                <Link to={`/accounting/invoices/${invoice.id}`}>{invoice.number}</Link>
                {invoice.totalsDifference !== null && Number(invoice.totalsDifference) !== 0 && (
                  <span className="row-detail">differs from the store by {invoice.totalsDifference}</span>
                )}
              </th>
              <td data-label="Kind">{KIND_LABELS[invoice.kind]}</td>
              <td data-label="Store">{storeName(invoice.storeId)}</td>
              <td data-label="Issued">
                <ExactTime at={invoice.issuedAt} />
              </td>
              <td data-label="Without tax">{decimalText(invoice.totalTaxExcl)}</td>
              <td data-label="Tax">{decimalText(invoice.totalTax)}</td>
              <td data-label="Total">
                {decimalText(invoice.totalTaxIncl)} {invoice.currency}
              </td>
              <td data-label="Paid">
                {invoice.paidAt ? (
                  <>
                    <ExactTime at={invoice.paidAt} />
                    {invoice.paymentMethod && <span className="row-detail">{invoice.paymentMethod}</span>}
                  </>
                ) : (
                  'Not paid'
                )}
              </td>
              <td data-label="PDF">
                <a href={invoicePdfPath(invoice.id)} target="_blank" rel="noreferrer">
                  PDF<span className="visually-hidden"> of {invoice.number}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
