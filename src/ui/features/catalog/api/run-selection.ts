import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiRun } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { catalogKeys } from './catalog-types';

/**
 * `POST /stores/{store}/feeds/{feed}/runs` with `only`: runs the feed for just the records chosen
 * in the plan (store ids for an import, hub product ids for the export; the feed's watermark is
 * left alone). Without `only`: the whole feed, with `options`.
 */
export const runSelection = ({
  store,
  feed,
  only,
  options,
}: {
  store: string;
  feed: string;
  only?: readonly number[];
  options?: Readonly<Record<string, string | number | boolean>>;
}): Promise<{ run: ApiRun }> =>
  api.post(`/stores/${segment(store)}/feeds/${segment(feed)}/runs`, {
    ...(only === undefined ? {} : { only }),
    ...(options === undefined ? {} : { options }),
  });

export function useRunSelection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runSelection,
    onSuccess: async (_answer, { store }) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.storeFeeds(store) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.runsAll });
      await queryClient.invalidateQueries({ queryKey: catalogKeys.productsAll });
    },
  });
}
