import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiWebhook } from '../../../api/back-office-types';
import { api, segment } from '../../../lib/api-client';
import { automationKeys } from './automation-keys';

/** `GET /webhooks`: every subscription (never its secret). */
export const getWebhooks = (): Promise<{ webhooks?: readonly ApiWebhook[] }> => api.get('/webhooks');

export const useWebhooks = () =>
  useQuery(
    queryOptions({ queryKey: automationKeys.webhooks, queryFn: getWebhooks, refetchInterval: 10_000 }),
  );

/** `GET /webhooks/{id}`: one subscription with its counts. */
export const getWebhook = (id: number): Promise<ApiWebhook> => api.get(`/webhooks/${segment(id)}`);

export const useWebhook = (id: number) =>
  useQuery(queryOptions({ queryKey: automationKeys.webhook(id), queryFn: () => getWebhook(id) }));
