import type { RouteRegistration } from '../api-context.js';
import { toApiProduct } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const schema = {
  summary: 'One product with its variants',
  tags: ['products'],
  params: idParams,
  response: { 200: { $ref: 'ApiProduct#' }, 404: errorRef },
} as const;

/** `GET /products/:id`. */
export const registerGetProduct: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/products/:id', { schema }, async (request) =>
    toApiProduct(await ctx.hub.catalog.getProduct(request.params.id)),
  );
};
