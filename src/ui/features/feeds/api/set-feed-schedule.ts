import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiFeedStatus } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Exactly one of: every N minutes, off (by hand only), the feed's own cadence. */
export type ScheduleBody =
  { readonly everyMinutes: number } | { readonly off: true } | { readonly default: true };

/** `PUT /stores/{store}/feeds/{feed}/schedule`: the store's `schedules.<feed>` setting. */
export const setFeedSchedule = ({
  store,
  feed,
  body,
}: {
  store: string;
  feed: string;
  body: ScheduleBody;
}): Promise<ApiFeedStatus> => api.put(`/stores/${segment(store)}/feeds/${segment(feed)}/schedule`, body);

export function useSetFeedSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setFeedSchedule,
    onSuccess: async (_row, { store }) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.storeFeeds(store) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.store(store) });
    },
  });
}
