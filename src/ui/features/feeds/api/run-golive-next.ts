import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiGoLiveNext, ApiGoLiveNextBody } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/**
 * `POST /stores/{store}/golive/next`: runs the next step in the background. The first stock export
 * needs `confirmStockExport: true` (422 `confirm-stock-export` without it).
 */
export const runGoLiveNext = ({
  store,
  body,
}: {
  store: string;
  body: ApiGoLiveNextBody;
}): Promise<ApiGoLiveNext> => api.post(`/stores/${segment(store)}/golive/next`, body);

export function useRunGoLiveNext() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runGoLiveNext,
    onSuccess: async (_answer, { store }) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.goLive(store) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.storeFeeds(store) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.runsAll });
    },
  });
}
