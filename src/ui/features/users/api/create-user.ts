import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiCreateUserBody, ApiUser } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `POST /users` (admin): 409 `already-exists` for a taken name; the password needs 10 characters or more. */
export const createUser = (body: ApiCreateUserBody): Promise<ApiUser> => api.post('/users', body);

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
