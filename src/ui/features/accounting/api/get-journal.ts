import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiJournalEntry } from '../../../api/back-office-types';
import type { ApiList } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { accountingKeys } from './accounting-keys';

export interface JournalFilters {
  readonly store?: string | undefined;
  /** VE, BQ… */
  readonly journal?: string | undefined;
  /** YYYY-MM-DD, inclusive: entry days (store-local). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export const JOURNAL_PAGE_SIZE = 50;

/** `GET /journal`: entries in the order they were written, a page at a time. */
export const getJournal = (
  filters: JournalFilters,
  page: string | null,
): Promise<ApiList<ApiJournalEntry>> =>
  page !== null ? api.get(page) : api.get('/journal', { query: { ...filters, limit: JOURNAL_PAGE_SIZE } });

export const useJournal = (filters: JournalFilters, page: string | null) =>
  useQuery(
    queryOptions({
      queryKey: accountingKeys.journal(filters, page),
      queryFn: () => getJournal(filters, page),
      placeholderData: keepPreviousData,
    }),
  );
