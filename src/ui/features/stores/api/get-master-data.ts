import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiMasterData } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /master-data`: units, tax rates, locations, families, shipping and payment methods. */
export const getMasterData = (): Promise<ApiMasterData> => api.get('/master-data');

export const getMasterDataQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.masterData, queryFn: getMasterData, staleTime: 5 * 60_000 });

export const useMasterData = () => useQuery(getMasterDataQueryOptions());
