import type { RouteRegistration } from '../api-context.js';
import { toApiWebhook } from '../webhook-api.js';
import { webhookRef } from './webhook-params.js';

const schema = {
  summary: 'Webhook subscriptions (never their secrets)',
  tags: ['webhooks'],
  response: { 200: { type: 'object', properties: { webhooks: { type: 'array', items: webhookRef } } } },
} as const;

/** `GET /webhooks`. */
export const registerListWebhooks: RouteRegistration = (app, ctx) => {
  app.get('/webhooks', { schema, config: { access: 'viewer' } }, async () => ({
    webhooks: await Promise.all((await ctx.hub.webhooks.list()).map((s) => toApiWebhook(ctx.hub, s))),
  }));
};
