import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '../../../lib/api-client';
import { stockKeys } from './stock-keys';
import type { ApiOutboxPage } from './stock-types';

export interface OutboxFilters {
  readonly store?: string | undefined;
  /** `open`: pending and in flight. */
  readonly status?: 'open' | 'pending' | 'in_flight' | 'done' | 'failed' | undefined;
  readonly kind?: string | undefined;
}

/**
 * `GET /outbox`: what waits to be written to the stores, newest first, with the counts per status.
 * Looked at again every few seconds while something waits: entries leave as they are sent.
 */
export const useOutbox = (filters: OutboxFilters, page: string | null) =>
  useQuery(
    queryOptions({
      queryKey: stockKeys.outbox(filters, page),
      queryFn: (): Promise<ApiOutboxPage> =>
        page !== null ? api.get(page) : api.get('/outbox', { query: { ...filters, limit: 50 } }),
      placeholderData: keepPreviousData,
      refetchInterval: (query) =>
        (query.state.data?.counts.pending ?? 0) + (query.state.data?.counts.in_flight ?? 0) > 0
          ? 5_000
          : false,
    }),
  );
