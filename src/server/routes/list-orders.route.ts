import type { HubOrderStatus } from '../../hub/index.js';
import { nextPage, type RouteRegistration, storeNamed } from '../api-context.js';
import { toApiOrderSummary } from '../api-wire.js';
import { errorRef, listOf } from '../api-wire-schemas.js';
import { beforeQuery, limitQuery, storeQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    store: storeQuery,
    status: {
      type: 'string',
      enum: ['pending_approval', 'approved', 'partially_shipped', 'shipped', 'cancelled'],
      description: 'Only orders with this hub status.',
    },
    before: beforeQuery,
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly store?: string;
  readonly status?: HubOrderStatus;
  readonly before?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Orders, newest first',
  tags: ['orders'],
  querystring,
  response: { 200: listOf('ApiOrderSummary', 'Orders, newest first.'), 404: errorRef },
} as const;

/** `GET /orders`. */
export const registerListOrders: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/orders', { schema }, async (request) => {
    const { store, status, before, limit } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const orders = await ctx.hub.orders.list({
      ...(storeId === undefined ? {} : { storeId }),
      ...(status === undefined ? {} : { status }),
      ...(before === undefined ? {} : { beforeId: before }),
      limit,
    });
    return {
      items: orders.map(toApiOrderSummary),
      next: nextPage(
        '/orders',
        { store, status, limit },
        { name: 'before', value: orders.at(-1)?.id },
        orders.length,
        limit,
      ),
    };
  });
};
