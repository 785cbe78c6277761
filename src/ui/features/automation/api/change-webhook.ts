import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ApiAddWebhookBody, ApiWebhook, ApiWebhookWithSecret } from '../../../api/back-office-types';
import { api, segment } from '../../../lib/api-client';
import { automationKeys } from './automation-keys';

/** `POST /webhooks` (admin): the answer holds the signing secret, shown this once. */
export const addWebhook = (body: ApiAddWebhookBody): Promise<ApiWebhookWithSecret> =>
  api.post('/webhooks', body);

/** `POST /webhooks/{id}/pause` or `/resume` (admin). */
export const setWebhookPaused = ({ id, paused }: { id: number; paused: boolean }): Promise<ApiWebhook> =>
  api.post(`/webhooks/${segment(id)}/${paused ? 'pause' : 'resume'}`);

/** `POST /webhooks/{id}/rotate` (admin): a new secret, shown once; the old one signs too for a while. */
export const rotateWebhookSecret = (id: number): Promise<ApiWebhookWithSecret> =>
  api.post(`/webhooks/${segment(id)}/rotate`);

/** `DELETE /webhooks/{id}` (admin). */
export const deleteWebhook = (id: number): Promise<void> => api.delete(`/webhooks/${segment(id)}`);

function useInvalidateWebhooks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: automationKeys.webhooks });
}

export const useAddWebhook = () =>
  useMutation({ mutationFn: addWebhook, onSuccess: useInvalidateWebhooks() });
export const useSetWebhookPaused = () =>
  useMutation({ mutationFn: setWebhookPaused, onSuccess: useInvalidateWebhooks() });
export const useRotateWebhookSecret = () =>
  useMutation({ mutationFn: rotateWebhookSecret, onSuccess: useInvalidateWebhooks() });
export const useDeleteWebhook = () =>
  useMutation({ mutationFn: deleteWebhook, onSuccess: useInvalidateWebhooks() });
