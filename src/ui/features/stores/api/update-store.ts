import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiStore } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `PATCH /stores/{store}` body: settings nested as GET shows them; in maps, null removes an entry. */
export interface UpdateStoreBody {
  readonly url?: string;
  readonly key?: string;
  /** How the key is sent: HTTP Basic (`header`) or the ws_key parameter (`query`). */
  readonly auth?: 'header' | 'query';
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** `PATCH /stores/{store}`: validated as a whole; one wrong setting and nothing changes (422 with `fields`). */
export const updateStore = ({ store, body }: { store: string; body: UpdateStoreBody }): Promise<ApiStore> =>
  api.patch(`/stores/${segment(store)}`, body);

export function useUpdateStore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStore,
    onSuccess: async (store, { store: name }) => {
      queryClient.setQueryData(queryKeys.store(name), store);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.stores }),
        queryClient.invalidateQueries({ queryKey: queryKeys.storeFeeds(name) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.goLive(name) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.dashboardAll }),
      ]);
    },
  });
}
