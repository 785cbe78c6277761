import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `DELETE /users/{user}/tokens/{id}` (admin): the token stops working at once. */
export const revokeUserToken = ({ user, token }: { user: string; token: number }): Promise<void> =>
  api.delete(`/users/${segment(user)}/tokens/${segment(token)}`);

export function useRevokeUserToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeUserToken,
    onSuccess: (_nothing, { user }) =>
      queryClient.invalidateQueries({ queryKey: queryKeys.userTokens(user) }),
  });
}
