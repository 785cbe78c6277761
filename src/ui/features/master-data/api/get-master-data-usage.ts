import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiMasterDataKind, ApiMasterDataUsage } from '../../../api/back-office-types';
import { api, segment } from '../../../lib/api-client';
import { masterDataKeys } from './master-data-kinds';

/**
 * `GET /master-data/{kind}/usage`: for every record of a kind, the store settings that name it and
 * how many products, variants, stock rows, orders, invoices or journal lines carry it — computed by
 * the server, which knows the settings and the records.
 */
export const getMasterDataUsage = (
  kind: ApiMasterDataKind,
): Promise<{ items: readonly ApiMasterDataUsage[] }> => api.get(`/master-data/${segment(kind)}/usage`);

export const getMasterDataUsageQueryOptions = (kind: ApiMasterDataKind) =>
  queryOptions({ queryKey: masterDataKeys.usage(kind), queryFn: () => getMasterDataUsage(kind) });

export const useMasterDataUsage = (kind: ApiMasterDataKind) => useQuery(getMasterDataUsageQueryOptions(kind));
