import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList, ApiStore } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /stores`: every store with its settings, where master-data codes are used. */
export const getStoresWithSettings = (): Promise<ApiList<ApiStore>> => api.get('/stores');

export const useStoresWithSettings = () =>
  useQuery(queryOptions({ queryKey: queryKeys.stores, queryFn: getStoresWithSettings }));
