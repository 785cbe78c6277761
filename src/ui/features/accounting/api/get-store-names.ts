import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList, ApiStore } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /stores`, for the store filter of the accounting screens. */
const getStores = (): Promise<ApiList<ApiStore>> => api.get('/stores');

export function useStoreNames(): readonly string[] {
  const stores = useQuery(queryOptions({ queryKey: queryKeys.stores, queryFn: getStores }));
  return (stores.data?.items ?? []).map((store) => store.name);
}
