import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { deliveryOf, toApiDelivery } from '../webhook-api.js';
import { deliveryParams } from './webhook-params.js';

const schema = {
  summary: 'One delivery with every attempt: status, duration, response excerpt',
  tags: ['webhooks'],
  params: deliveryParams,
  response: { 200: { $ref: 'ApiWebhookDelivery#' }, 404: errorRef },
} as const;

/** `GET /webhooks/:id/deliveries/:delivery`. */
export const registerGetWebhookDelivery: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number; delivery: number } }>(
    '/webhooks/:id/deliveries/:delivery',
    { schema, config: { access: 'viewer' } },
    async (request) => {
      const message = await deliveryOf(ctx.hub, request.params.id, request.params.delivery);
      return toApiDelivery(message, await ctx.hub.webhooks.attempts(message.id));
    },
  );
};
