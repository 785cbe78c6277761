import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList, ApiStore } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /stores`: every store (a hub holds tens or hundreds, in one answer). */
export const getStores = (): Promise<ApiList<ApiStore>> => api.get('/stores');

export const getStoresQueryOptions = () => queryOptions({ queryKey: queryKeys.stores, queryFn: getStores });

export const useStores = () => useQuery(getStoresQueryOptions());
