import { type RouteRegistration, storeNamed } from '../api-context.js';
import { toApiStore } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeParams } from '../route-schemas.js';

const schema = {
  summary: 'One store with every setting (the key masked)',
  tags: ['stores'],
  params: storeParams,
  response: { 200: { $ref: 'ApiStore#' }, 404: errorRef },
} as const;

/** `GET /stores/:store`. */
export const registerGetStore: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string } }>('/stores/:store', { schema }, async (request) =>
    toApiStore(await storeNamed(ctx.hub, request.params.store)),
  );
};
