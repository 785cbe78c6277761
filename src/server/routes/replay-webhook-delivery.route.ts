import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { deliveryOf } from '../webhook-api.js';
import { deliveryParams } from './webhook-params.js';

const schema = {
  summary: 'Send a delivered or given-up delivery again (same webhook-id and body)',
  tags: ['webhooks'],
  params: deliveryParams,
  response: {
    202: {
      type: 'object',
      properties: {
        queued: { type: 'boolean', description: 'False when it was already waiting to be sent.' },
      },
    },
    404: errorRef,
  },
} as const;

/** `POST /webhooks/:id/deliveries/:delivery/replay` (operator: an operational retry, like Run now). */
export const registerReplayWebhookDelivery: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { id: number; delivery: number } }>(
    '/webhooks/:id/deliveries/:delivery/replay',
    { schema, config: { access: 'operator' } },
    async (request, reply) => {
      const message = await deliveryOf(ctx.hub, request.params.id, request.params.delivery);
      return reply.status(202).send({ queued: await ctx.hub.webhooks.replay(message.id) });
    },
  );
};
