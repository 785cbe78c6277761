import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiFeed, ApiList } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /feeds`: every feed the server runs, with its description, cadence and options. */
export const getFeeds = (): Promise<ApiList<ApiFeed>> => api.get('/feeds');

export const getFeedsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.feeds, queryFn: getFeeds, staleTime: Infinity });

export const useFeeds = () => useQuery(getFeedsQueryOptions());
