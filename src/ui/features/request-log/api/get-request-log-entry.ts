import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiRequestLogDetail } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /request-log/{id}`: one request with its bodies (keys redacted by the server). */
export const getRequestLogEntry = (id: number): Promise<ApiRequestLogDetail> =>
  api.get(`/request-log/${segment(id)}`);

export const getRequestLogEntryQueryOptions = (id: number) =>
  queryOptions({
    queryKey: queryKeys.requestLogEntry(id),
    queryFn: () => getRequestLogEntry(id),
    staleTime: Infinity,
  });

export const useRequestLogEntry = (id: number) => useQuery(getRequestLogEntryQueryOptions(id));
