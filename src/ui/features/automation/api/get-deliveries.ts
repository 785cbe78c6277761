import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ApiWebhookDelivery } from '../../../api/back-office-types';
import { api, segment } from '../../../lib/api-client';
import { automationKeys } from './automation-keys';

/** `GET /webhooks/{id}/deliveries`: newest first. */
export const getDeliveries = (id: number): Promise<{ deliveries?: readonly ApiWebhookDelivery[] }> =>
  api.get(`/webhooks/${segment(id)}/deliveries`, { query: { limit: 100 } });

export const useDeliveries = (id: number) =>
  useQuery(
    queryOptions({
      queryKey: automationKeys.deliveries(id),
      queryFn: () => getDeliveries(id),
      // Deliveries are sent by the worker, not by this screen: look again while some wait.
      refetchInterval: (query) =>
        query.state.data?.deliveries?.some((delivery) => delivery.status === 'pending') ? 2_000 : 10_000,
    }),
  );

/** `GET /webhooks/{id}/deliveries/{delivery}`: one delivery with every attempt. */
export const getDelivery = (id: number, delivery: number): Promise<ApiWebhookDelivery> =>
  api.get(`/webhooks/${segment(id)}/deliveries/${segment(delivery)}`);

export const useDelivery = (id: number, delivery: number) =>
  useQuery(
    queryOptions({
      queryKey: automationKeys.delivery(id, delivery),
      queryFn: () => getDelivery(id, delivery),
    }),
  );

/** `POST /webhooks/{id}/deliveries/{delivery}/replay` (operator): the same message sent again. */
export const replayDelivery = ({
  id,
  delivery,
}: {
  id: number;
  delivery: number;
}): Promise<{ queued?: boolean }> =>
  api.post(`/webhooks/${segment(id)}/deliveries/${segment(delivery)}/replay`);

export function useReplayDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayDelivery,
    onSuccess: (_answer, { id }) => queryClient.invalidateQueries({ queryKey: automationKeys.webhook(id) }),
  });
}
