import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiRun } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export type RunOptions = Readonly<Record<string, string | number | boolean>>;

/** `POST /stores/{store}/feeds/{feed}/runs`: Run now, in the background (202 with the run; 409 while it runs). */
export const runFeed = ({
  store,
  feed,
  options,
}: {
  store: string;
  feed: string;
  options: RunOptions;
}): Promise<{ run: ApiRun }> =>
  api.post(
    `/stores/${segment(store)}/feeds/${segment(feed)}/runs`,
    Object.keys(options).length === 0 ? undefined : { options },
  );

export function useRunFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runFeed,
    onSuccess: async (_answer, { store }) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.storeFeeds(store) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.runsAll });
    },
  });
}
