import { withQuery } from '../../../lib/api-client';

/** A date range (YYYY-MM-DD, inclusive) and a store, as the export routes take them. */
export interface ExportRange {
  readonly store?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/**
 * The export routes answer files (CSV, FEC text) with `Content-Disposition: attachment`: the
 * browser downloads them through a plain link, with the session's cookie.
 */
export const invoicesCsvPath = (range: ExportRange): string => withQuery('/invoices/export', { ...range });

export const journalExportPath = (range: ExportRange, format: 'csv' | 'fec'): string =>
  withQuery('/journal/export', { ...range, format });
