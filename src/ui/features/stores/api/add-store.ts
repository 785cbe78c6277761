import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiAddedStore, ApiAddStoreBody } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `POST /stores`: probes again and keeps the store with its key (encrypted). */
export const addStore = (body: ApiAddStoreBody): Promise<ApiAddedStore> => api.post('/stores', body);

export function useAddStore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addStore,
    onSuccess: async ({ store }) => {
      queryClient.setQueryData(queryKeys.store(store.name), store);
      await queryClient.invalidateQueries({ queryKey: queryKeys.stores });
      await queryClient.invalidateQueries({ queryKey: queryKeys.dashboardAll });
    },
  });
}
