import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiRun } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `POST /runs/{id}/stop`: the run stops at its next page boundary (committed pages stay). */
export const stopRun = (runId: number): Promise<{ run: ApiRun; where: string }> =>
  api.post(`/runs/${segment(runId)}/stop`);

export function useStopRun(store: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: stopRun,
    onSuccess: async (_answer, runId) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.storeFeeds(store) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.run(runId) });
    },
  });
}
