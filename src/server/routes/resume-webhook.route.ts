import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { toApiWebhook } from '../webhook-api.js';
import { webhookParams, webhookRef } from './webhook-params.js';

const schema = {
  summary: 'Send again to a paused or failing subscription (given-up messages are sent again, in order)',
  tags: ['webhooks'],
  params: webhookParams,
  response: { 200: webhookRef, 404: errorRef },
} as const;

/** `POST /webhooks/:id/resume` (admin). */
export const registerResumeWebhook: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { id: number } }>(
    '/webhooks/:id/resume',
    { schema, config: { access: 'admin' } },
    async (request) => toApiWebhook(ctx.hub, await ctx.hub.webhooks.resume(request.params.id)),
  );
};
