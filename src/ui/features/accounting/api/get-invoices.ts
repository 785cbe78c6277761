import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiInvoiceKind, ApiInvoiceSummary } from '../../../api/back-office-types';
import type { ApiList } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { accountingKeys } from './accounting-keys';

export interface InvoiceFilters {
  readonly store?: string | undefined;
  readonly kind?: ApiInvoiceKind | undefined;
  /** YYYY-MM-DD, inclusive: issue days (UTC). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export const INVOICES_PAGE_SIZE = 50;

/** `GET /invoices`: invoices and credit notes in number order, a page at a time (`page`: the `next` path). */
export const getInvoices = (
  filters: InvoiceFilters,
  page: string | null,
): Promise<ApiList<ApiInvoiceSummary>> =>
  page !== null ? api.get(page) : api.get('/invoices', { query: { ...filters, limit: INVOICES_PAGE_SIZE } });

export const useInvoices = (filters: InvoiceFilters, page: string | null) =>
  useQuery(
    queryOptions({
      queryKey: accountingKeys.invoices(filters, page),
      queryFn: () => getInvoices(filters, page),
      placeholderData: keepPreviousData,
    }),
  );
