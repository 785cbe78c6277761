import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiMasterDataKind, ApiMasterDataRecord } from '../../../api/back-office-types';
import { api, segment } from '../../../lib/api-client';
import { masterDataKeys } from './master-data-kinds';

/** `GET /master-data/{kind}?archived=include`: every record of a kind, archived ones too (marked). */
export const getMasterDataRecords = (
  kind: ApiMasterDataKind,
): Promise<{ items: readonly ApiMasterDataRecord[] }> =>
  api.get(`/master-data/${segment(kind)}`, { query: { archived: 'include' } });

export const getMasterDataRecordsQueryOptions = (kind: ApiMasterDataKind) =>
  queryOptions({ queryKey: masterDataKeys.kind(kind), queryFn: () => getMasterDataRecords(kind) });

export const useMasterDataRecords = (kind: ApiMasterDataKind) =>
  useQuery(getMasterDataRecordsQueryOptions(kind));
