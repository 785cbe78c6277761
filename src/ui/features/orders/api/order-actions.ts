import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import { orderKeys } from './order-keys';
import type { ApiOrder, ApiSetOrderStateAnswer, ApiShipOrderAnswer, ApiShipOrderBody } from './order-types';

/** After an action: the order, its list rows and what it queued for the store are read again. */
function useRefreshOrder() {
  const queryClient = useQueryClient();
  return async (id: number, order: ApiOrder) => {
    queryClient.setQueryData(orderKeys.one(id), order);
    await queryClient.invalidateQueries({ queryKey: orderKeys.listAll });
    await queryClient.invalidateQueries({ queryKey: orderKeys.confirmations(id) });
  };
}

/** `POST /orders/{id}/approve`: an order waiting for approval becomes approved (409 otherwise). */
export function useApproveOrder() {
  const refresh = useRefreshOrder();
  return useMutation({
    mutationFn: (id: number): Promise<ApiOrder> => api.post(`/orders/${segment(id)}/approve`),
    onSuccess: (order, id) => refresh(id, order),
  });
}

/**
 * `POST /orders/{id}/shipments`: ships the lines and quantities given (all that is left when none),
 * and says whether the store will be told and, if not, why.
 */
export function useShipOrder() {
  const refresh = useRefreshOrder();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ApiShipOrderBody }): Promise<ApiShipOrderAnswer> =>
      api.post(`/orders/${segment(id)}/shipments`, body),
    onSuccess: (answer, { id }) => refresh(id, answer.order),
  });
}

/** `PUT /orders/{id}/state`: moves the order to one of the store's states, in the store now. */
export function useSetOrderState() {
  const refresh = useRefreshOrder();
  return useMutation({
    mutationFn: ({
      id,
      state,
      sendEmail,
    }: {
      id: number;
      state: number;
      sendEmail: boolean;
    }): Promise<ApiSetOrderStateAnswer> => api.put(`/orders/${segment(id)}/state`, { state, sendEmail }),
    onSuccess: (answer, { id }) => refresh(id, answer.order),
  });
}
