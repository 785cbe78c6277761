import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiCreatedToken } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `POST /users/{user}/tokens` (admin): the answer holds the secret, shown this once. */
export const createUserToken = ({ user, label }: { user: string; label: string }): Promise<ApiCreatedToken> =>
  api.post(`/users/${segment(user)}/tokens`, { label });

export function useCreateUserToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUserToken,
    onSuccess: (_created, { user }) =>
      queryClient.invalidateQueries({ queryKey: queryKeys.userTokens(user) }),
  });
}
