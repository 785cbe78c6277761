import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiRunDetail } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { type LiveStatus, useLiveStatus } from '../../../lib/live-events';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /runs/{id}`: one run with its report, notice groups and failed records. */
export const getRun = (id: number): Promise<ApiRunDetail> => api.get(`/runs/${segment(id)}`);

export const getRunQueryOptions = (id: number, live: LiveStatus = 'live') =>
  queryOptions({
    queryKey: queryKeys.run(id),
    queryFn: () => getRun(id),
    // While it runs: counts move. The stream tells when it ends; without the stream, look every few seconds.
    refetchInterval: (query) =>
      query.state.data?.status === 'running' ? (live === 'live' ? 10_000 : 3_000) : false,
  });

export const useRun = (id: number) => useQuery(getRunQueryOptions(id, useLiveStatus()));
