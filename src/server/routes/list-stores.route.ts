import type { RouteRegistration } from '../api-context.js';
import { toApiStore } from '../api-wire.js';
import { listOf } from '../api-wire-schemas.js';

const schema = {
  summary: 'List the stores',
  tags: ['stores'],
  response: { 200: listOf('ApiStore', 'Every store, by name; keys are masked.') },
} as const;

/** `GET /stores`. */
export const registerListStores: RouteRegistration = (app, ctx) => {
  app.get('/stores', { schema }, async () => ({
    items: (await ctx.hub.stores.list()).map(toApiStore),
    next: null,
  }));
};
