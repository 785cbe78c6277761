import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { webhookParams } from './webhook-params.js';

const schema = {
  summary: 'Delete a subscription with its deliveries and attempts',
  tags: ['webhooks'],
  params: webhookParams,
  response: { 204: { type: 'null', description: 'Deleted.' }, 404: errorRef },
} as const;

/** `DELETE /webhooks/:id` (admin). */
export const registerDeleteWebhook: RouteRegistration = (app, ctx) => {
  app.delete<{ Params: { id: number } }>(
    '/webhooks/:id',
    { schema, config: { access: 'admin' } },
    async (request, reply) => {
      await ctx.hub.webhooks.remove(request.params.id);
      return reply.status(204).send();
    },
  );
};
