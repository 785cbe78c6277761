import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiUpdateUserBody, ApiUser } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `PATCH /users/{user}` (admin): role, password, disabled; 409 `last-admin` protects the last admin. */
export const updateUser = ({ user, body }: { user: string; body: ApiUpdateUserBody }): Promise<ApiUser> =>
  api.patch(`/users/${segment(user)}`, body);

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
