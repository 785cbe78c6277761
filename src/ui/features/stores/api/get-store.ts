import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiStore } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /stores/{store}`: one store with every setting (the key masked). */
export const getStore = (store: string): Promise<ApiStore> => api.get(`/stores/${segment(store)}`);

export const getStoreQueryOptions = (store: string) =>
  queryOptions({ queryKey: queryKeys.store(store), queryFn: () => getStore(store) });

export const useStore = (store: string) => useQuery(getStoreQueryOptions(store));
