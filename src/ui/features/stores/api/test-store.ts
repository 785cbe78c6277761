import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiStoreTest } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `POST /stores/{store}/test`: probes the store with its saved key (version, missing permissions). */
export const testStore = (store: string): Promise<ApiStoreTest> => api.post(`/stores/${segment(store)}/test`);

export function useTestStore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testStore,
    onSuccess: (answer, store) => {
      queryClient.setQueryData(queryKeys.store(store), answer.store);
    },
  });
}
