import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiGoLive } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /stores/{store}/golive`: the go-live steps in their safe order, each with its state. */
export const getGoLive = (store: string): Promise<ApiGoLive> => api.get(`/stores/${segment(store)}/golive`);

export const getGoLiveQueryOptions = (store: string) =>
  queryOptions({ queryKey: queryKeys.goLive(store), queryFn: () => getGoLive(store) });

export const useGoLive = (store: string) => useQuery(getGoLiveQueryOptions(store));
