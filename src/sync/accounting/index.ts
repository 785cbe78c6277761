// Accounting: invoices and credit notes of imported orders, their journal entries, and their exports.
import type { Feed } from '../feed.js';
import { invoiceOrdersFeed } from './invoice-orders.feed.js';

export {
  draftInvoice,
  type DraftLine,
  type InvoiceDraft,
  type InvoiceSourceLine,
  type InvoiceSourceOrder,
  negateDraft,
} from './invoice-draft.js';
export { INVOICE_ORDERS, invoiceOrdersFeed } from './invoice-orders.feed.js';
export {
  type JournalAccounts,
  journalAccounts,
  type JournalCustomer,
  paymentEntryLines,
  saleEntryLines,
} from './journal-draft.js';
export {
  draftSlipCreditNote,
  type PsSlip,
  type PsSlipDetail,
  readSlip,
  remainderToCredit,
  type SlipOrder,
} from './slip-credit-note.js';

/** The accounting feeds: they run after the order feeds, on the orders those imported. */
export const accountingFeeds: readonly Feed[] = [invoiceOrdersFeed];
export {
  FEC_COLUMNS,
  type FecOptions,
  type FecSeparator,
  formatFec,
  formatInvoicesCsv,
  formatJournalCsv,
  validateFec,
} from './accounting-export.js';
export { InvoiceFontMissingError, type InvoicePdfParties, renderInvoicePdf } from './invoice-pdf.js';
