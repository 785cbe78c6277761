import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `DELETE /stores/{store}`: the store and everything the hub holds for it (409 while a feed runs). */
export const deleteStore = (store: string): Promise<void> => api.delete(`/stores/${segment(store)}`);

export function useDeleteStore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteStore,
    onSuccess: async (_nothing, store) => {
      queryClient.removeQueries({ queryKey: queryKeys.store(store) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.stores });
      await queryClient.invalidateQueries({ queryKey: queryKeys.dashboardAll });
    },
  });
}
