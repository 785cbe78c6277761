import { rotateWebhookSecret } from '../../automation/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { toApiWebhook } from '../webhook-api.js';
import { addedWebhookResponse, webhookParams } from './webhook-params.js';

const schema = {
  summary: 'A new signing secret, answered once; the old one keeps signing beside it for 24 hours',
  tags: ['webhooks'],
  params: webhookParams,
  response: { 200: addedWebhookResponse, 404: errorRef },
} as const;

/** `POST /webhooks/:id/rotate` (admin). */
export const registerRotateWebhookSecret: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { id: number } }>(
    '/webhooks/:id/rotate',
    { schema, config: { access: 'admin' } },
    async (request) => {
      const { subscription, secret } = await rotateWebhookSecret(ctx.hub, request.params.id);
      request.log.info(
        { event: 'webhook-rotated', webhook: subscription.id, by: request.principal?.name },
        'webhook secret rotated',
      );
      return { webhook: await toApiWebhook(ctx.hub, subscription), secret };
    },
  );
};
