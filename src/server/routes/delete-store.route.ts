import { type RouteRegistration, storeNamed } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeParams } from '../route-schemas.js';

const schema = {
  summary: 'Remove a store and everything the hub holds for it',
  description:
    'Bindings, watermarks, runs, outbox and its orders go with it; hub products other stores sell or the hub created stay, products that existed only for this store are archived. Refused while one of its feeds runs.',
  tags: ['stores'],
  params: storeParams,
  response: {
    204: { type: 'null', description: 'Removed.' },
    404: errorRef,
    409: errorRef,
  },
} as const;

/** `DELETE /stores/:store`. */
export const registerDeleteStore: RouteRegistration = (app, ctx) => {
  app.delete<{ Params: { store: string } }>('/stores/:store', { schema }, async (request, reply) => {
    const store = await storeNamed(ctx.hub, request.params.store);
    const [running] = await ctx.hub.runs.list({ storeId: store.id, status: 'running', limit: 1 });
    if (running) {
      throw new ApiError(
        409,
        'store-busy',
        `${running.feed} is running for store '${store.name}' (run ${running.id}); stop it first (POST /runs/${running.id}/stop).`,
      );
    }
    const { archivedProducts } = await ctx.hub.stores.delete(store.id);
    request.log.info({ store: store.name, archivedProducts }, 'store removed');
    ctx.live.publish({
      type: 'store.changed',
      data: { storeId: store.id, store: store.name, change: 'removed' },
    });
    return reply.status(204).send();
  });
};
