import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { toApiWebhook } from '../webhook-api.js';
import { webhookParams, webhookRef } from './webhook-params.js';

const schema = {
  summary: 'Stop sending to a subscription (events keep being queued for it)',
  tags: ['webhooks'],
  params: webhookParams,
  response: { 200: webhookRef, 404: errorRef },
} as const;

/** `POST /webhooks/:id/pause` (admin). */
export const registerPauseWebhook: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { id: number } }>(
    '/webhooks/:id/pause',
    { schema, config: { access: 'admin' } },
    async (request) => toApiWebhook(ctx.hub, await ctx.hub.webhooks.pause(request.params.id)),
  );
};
