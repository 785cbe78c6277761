import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { toApiWebhook } from '../webhook-api.js';
import { webhookParams, webhookRef } from './webhook-params.js';

const schema = {
  summary: 'One webhook subscription with its counts',
  tags: ['webhooks'],
  params: webhookParams,
  response: { 200: webhookRef, 404: errorRef },
} as const;

/** `GET /webhooks/:id`. */
export const registerGetWebhook: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>(
    '/webhooks/:id',
    { schema, config: { access: 'viewer' } },
    async (request) => toApiWebhook(ctx.hub, await ctx.hub.webhooks.get(request.params.id)),
  );
};
