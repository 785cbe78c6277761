import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiSettingsReference } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /settings/reference`: the one-line help (`meaning`) of every setting. */
export const getSettingsReference = (): Promise<ApiSettingsReference> => api.get('/settings/reference');

export const getSettingsReferenceQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.settingsReference, queryFn: getSettingsReference, staleTime: Infinity });

export const useSettingsReference = () => useQuery(getSettingsReferenceQueryOptions());
