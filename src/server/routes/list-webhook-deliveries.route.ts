import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { beforeQuery, limitQuery } from '../route-schemas.js';
import { toApiDelivery } from '../webhook-api.js';
import { webhookParams } from './webhook-params.js';

const schema = {
  summary: "A subscription's deliveries (messages), newest first",
  tags: ['webhooks'],
  params: webhookParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: ['pending', 'done', 'failed'] },
      before: beforeQuery,
      limit: limitQuery,
    },
  },
  response: {
    200: {
      type: 'object',
      properties: { deliveries: { type: 'array', items: { $ref: 'ApiWebhookDelivery#' } } },
    },
    404: errorRef,
  },
} as const;

/** `GET /webhooks/:id/deliveries`. */
export const registerListWebhookDeliveries: RouteRegistration = (app, ctx) => {
  app.get<{
    Params: { id: number };
    Querystring: { status?: 'pending' | 'done' | 'failed'; before?: number; limit: number };
  }>('/webhooks/:id/deliveries', { schema, config: { access: 'viewer' } }, async (request) => {
    await ctx.hub.webhooks.get(request.params.id);
    const { status, before, limit } = request.query;
    const messages = await ctx.hub.webhooks.messages(request.params.id, {
      ...(status === undefined ? {} : { status }),
      ...(before === undefined ? {} : { beforeId: before }),
      limit,
    });
    return { deliveries: messages.map((message) => toApiDelivery(message)) };
  });
};
