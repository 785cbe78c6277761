import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList, ApiUser } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /users` (admin): every user of the console and the API. */
export const getUsers = (): Promise<ApiList<ApiUser>> => api.get('/users');

export const getUsersQueryOptions = () => queryOptions({ queryKey: queryKeys.users, queryFn: getUsers });

export const useUsers = () => useQuery(getUsersQueryOptions());
