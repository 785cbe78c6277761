import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiApiToken } from '../../../api/types';
import { api, segment } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /users/{user}/tokens` (admin): the user's API tokens, without their secrets. */
export const getUserTokens = (user: string): Promise<{ items: readonly ApiApiToken[] }> =>
  api.get(`/users/${segment(user)}/tokens`);

export const getUserTokensQueryOptions = (user: string) =>
  queryOptions({ queryKey: queryKeys.userTokens(user), queryFn: () => getUserTokens(user) });

export const useUserTokens = (user: string) => useQuery(getUserTokensQueryOptions(user));
