import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiDashboard } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /dashboard?hours=72`: per store, feeds, failures of the last 24 h, outbox, hourly counts. */
export const getDashboard = (hours: number): Promise<ApiDashboard> =>
  api.get('/dashboard', { query: { hours } });

export const getDashboardQueryOptions = (hours: number) =>
  queryOptions({ queryKey: queryKeys.dashboard(hours), queryFn: () => getDashboard(hours) });

export const useDashboard = (hours: number) => useQuery(getDashboardQueryOptions(hours));
