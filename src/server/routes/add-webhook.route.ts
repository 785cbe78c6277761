import { addWebhook } from '../../automation/index.js';
import { HUB_EVENT_TYPES } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { asRefusal, toApiWebhook } from '../webhook-api.js';
import { addedWebhookResponse } from './webhook-params.js';

interface Body {
  url: string;
  events: string[];
  store?: string;
  form?: 'event' | 'batch';
  intervalSeconds?: number;
  ceiling?: number;
  allowPrivate?: boolean;
  description?: string;
}

const schema = {
  summary: 'Subscribe a URL to events; answers the signing secret once',
  description:
    'The URL must be http(s); a receiver on a private, loopback or link-local address is refused unless `allowPrivate` (an admin saying so).',
  tags: ['webhooks'],
  body: {
    type: 'object',
    required: ['url', 'events'],
    additionalProperties: false,
    properties: {
      url: { type: 'string', minLength: 1, maxLength: 2000 },
      events: { type: 'array', minItems: 1, items: { type: 'string', enum: [...HUB_EVENT_TYPES, '*'] } },
      store: { type: 'string', minLength: 1, maxLength: 64, description: 'Only events of this store.' },
      form: { type: 'string', enum: ['event', 'batch'], default: 'event' },
      intervalSeconds: { type: 'integer', minimum: 1, maximum: 86400 },
      ceiling: { type: 'integer', minimum: 1, maximum: 1000 },
      allowPrivate: { type: 'boolean', default: false },
      description: { type: 'string', maxLength: 200 },
    },
  },
  response: { 201: addedWebhookResponse, 404: errorRef, 422: errorRef },
} as const;

/** `POST /webhooks` (admin). */
export const registerAddWebhook: RouteRegistration = (app, ctx) => {
  app.post<{ Body: Body }>('/webhooks', { schema, config: { access: 'admin' } }, async (request, reply) => {
    const body = request.body;
    const storeId = body.store === undefined ? null : (await ctx.hub.stores.get(body.store)).id;
    const { subscription, secret } = await addWebhook(ctx.hub, {
      url: body.url,
      eventTypes: body.events,
      storeId,
      mode: body.form ?? 'event',
      ...(body.intervalSeconds === undefined ? {} : { pollIntervalSeconds: body.intervalSeconds }),
      ...(body.ceiling === undefined ? {} : { ceiling: body.ceiling }),
      allowPrivate: body.allowPrivate === true,
      description: body.description ?? null,
    }).catch(asRefusal);
    request.log.info(
      {
        event: 'webhook-added',
        webhook: subscription.id,
        url: subscription.url,
        by: request.principal?.name,
      },
      'webhook added',
    );
    return reply.status(201).send({ webhook: await toApiWebhook(ctx.hub, subscription), secret });
  });
};
