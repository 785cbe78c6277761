import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList, ApiRequestLogEntry } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface RequestLogFilters {
  readonly store?: string | undefined;
  /** `ok`, `failed`, or an exact status such as `404`. */
  readonly status?: string | undefined;
  readonly method?: string | undefined;
  /** A webservice resource: `stock_availables`. */
  readonly resource?: string | undefined;
  /** ISO instants. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export const REQUEST_LOG_PAGE_SIZE = 50;

/** `GET /request-log`: newest first, without bodies, one page at a time (`page`: the previous page's `next`). */
export const getRequestLog = (
  filters: RequestLogFilters,
  page: string | null,
): Promise<ApiList<ApiRequestLogEntry>> =>
  page !== null
    ? api.get(page)
    : api.get('/request-log', { query: { ...filters, limit: REQUEST_LOG_PAGE_SIZE } });

export const getRequestLogQueryOptions = (filters: RequestLogFilters, page: string | null) =>
  queryOptions({
    queryKey: queryKeys.requestLog(filters, page),
    queryFn: () => getRequestLog(filters, page),
    placeholderData: keepPreviousData,
  });

export const useRequestLog = (filters: RequestLogFilters, page: string | null) =>
  useQuery(getRequestLogQueryOptions(filters, page));
