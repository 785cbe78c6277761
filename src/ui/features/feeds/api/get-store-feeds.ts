import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiFeedStatus, ApiList } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { type LiveStatus, useLiveStatus } from '../../../lib/live-events';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /stores/{store}/feeds`: every feed of a store with its schedule, last run and next time. */
export const getStoreFeeds = (store: string): Promise<ApiList<ApiFeedStatus>> =>
  api.get(`/stores/${segment(store)}/feeds`);

export const getStoreFeedsQueryOptions = (store: string, live: LiveStatus = 'live') =>
  queryOptions({
    queryKey: queryKeys.storeFeeds(store),
    queryFn: () => getStoreFeeds(store),
    // The event stream refreshes this list; without it, follow running feeds every few seconds.
    refetchInterval: (query) =>
      live !== 'live' && query.state.data?.items.some((feed) => feed.lastRun?.status === 'running')
        ? 3_000
        : false,
  });

export const useStoreFeeds = (store: string) => useQuery(getStoreFeedsQueryOptions(store, useLiveStatus()));
