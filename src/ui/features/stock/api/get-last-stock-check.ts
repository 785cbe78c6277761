import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList, ApiRun, ApiRunDetail } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { stockKeys } from './stock-keys';

/**
 * A store's last stock-check run with its report (`GET /runs?feed=stock-check`, then `GET /runs/{id}`):
 * its differences are notices of kind `stock-difference`, its repairs the quantities it pushed.
 * Null when the store never ran it.
 */
export const getLastStockCheck = async (store: string): Promise<ApiRunDetail | null> => {
  const runs = await api.get<ApiList<ApiRun>>('/runs', { query: { store, feed: 'stock-check', limit: 1 } });
  const last = runs.items[0];
  return last === undefined ? null : api.get<ApiRunDetail>(`/runs/${segment(last.id)}`);
};

export const useLastStockCheck = (store: string) =>
  useQuery(queryOptions({ queryKey: stockKeys.lastCheck(store), queryFn: () => getLastStockCheck(store) }));
