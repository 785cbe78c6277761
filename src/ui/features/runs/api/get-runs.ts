import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList, ApiRun, ApiRunStatus } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export interface RunFilters {
  readonly store?: string | undefined;
  readonly feed?: string | undefined;
  readonly status?: ApiRunStatus | undefined;
}

export const RUNS_PAGE_SIZE = 50;

/**
 * `GET /runs`: newest first, one page at a time. `page` is the `next` path of the page before
 * (the server builds it with the filters and the cursor); null for the first page.
 */
export const getRuns = (filters: RunFilters, page: string | null): Promise<ApiList<ApiRun>> =>
  page !== null
    ? api.get(page)
    : api.get('/runs', {
        query: { store: filters.store, feed: filters.feed, status: filters.status, limit: RUNS_PAGE_SIZE },
      });

export const getRunsQueryOptions = (filters: RunFilters, page: string | null) =>
  queryOptions({
    queryKey: queryKeys.runs(filters, page),
    queryFn: () => getRuns(filters, page),
    placeholderData: keepPreviousData,
  });

export const useRuns = (filters: RunFilters, page: string | null) =>
  useQuery(getRunsQueryOptions(filters, page));
