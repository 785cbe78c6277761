import type { RouteRegistration } from '../api-context.js';
import { toApiOrder } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const schema = {
  summary: 'One order with its lines, totals, state history and shipments',
  tags: ['orders'],
  params: idParams,
  response: { 200: { $ref: 'ApiOrder#' }, 404: errorRef },
} as const;

/** `GET /orders/:id`. */
export const registerGetOrder: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/orders/:id', { schema }, async (request) =>
    toApiOrder(await ctx.hub.orders.get(request.params.id)),
  );
};
