import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiStoreLive } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /stores/{store}/live`: order states, carriers, categories and payment modules, read from the store now. */
export const getStoreLive = (store: string): Promise<ApiStoreLive> =>
  api.get(`/stores/${segment(store)}/live`);

export const getStoreLiveQueryOptions = (store: string) =>
  queryOptions({
    queryKey: queryKeys.storeLive(store),
    queryFn: () => getStoreLive(store),
    // Each read costs the store requests: keep the lists a few minutes, and do not insist when it is down.
    staleTime: 5 * 60_000,
    retry: false,
    refetchOnWindowFocus: false,
  });

export const useStoreLive = (store: string) => useQuery(getStoreLiveQueryOptions(store));
