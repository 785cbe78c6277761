import type { HubOrderStatus } from '../../hub/index.js';
import { nextPage, type RouteRegistration, storeNamed } from '../api-context.js';
import { toApiOrderSummary } from '../api-wire.js';
import { errorRef, listOf } from '../api-wire-schemas.js';
import { windowBoundQuery, windowEnd, windowStart } from '../order-list-window.js';
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
    storeState: {
      type: 'integer',
      minimum: 1,
      description: "Only orders in this store state (the store's order state id).",
    },
    placedFrom: windowBoundQuery('Placed on or after'),
    placedTo: windowBoundQuery('Placed on or before'),
    updatedFrom: windowBoundQuery('Last changed in the store on or after'),
    updatedTo: windowBoundQuery('Last changed in the store on or before'),
    customer: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description:
        "Only this customer's orders: the hub customer id, an e-mail address, or the start of the last name.",
    },
    reference: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'Only orders with this store reference (a cart split by carrier shares one).',
    },
    before: beforeQuery,
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly store?: string;
  readonly status?: HubOrderStatus;
  readonly storeState?: number;
  readonly placedFrom?: string;
  readonly placedTo?: string;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  readonly customer?: string;
  readonly reference?: string;
  readonly before?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Orders, newest first',
  description:
    'Every filter narrows the list; pages are keyed by id (`before`), so a deep page costs what the first does.',
  tags: ['orders'],
  querystring,
  response: { 200: listOf('ApiOrderSummary', 'Orders, newest first.'), 400: errorRef, 404: errorRef },
} as const;

/** `GET /orders`. */
export const registerListOrders: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/orders', { schema }, async (request) => {
    const { store, status, storeState, customer, reference, before, limit } = request.query;
    const { placedFrom, placedTo, updatedFrom, updatedTo } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const window = {
      placedFrom: windowStart(placedFrom, 'placedFrom'),
      placedTo: windowEnd(placedTo, 'placedTo'),
      updatedFrom: windowStart(updatedFrom, 'updatedFrom'),
      updatedTo: windowEnd(updatedTo, 'updatedTo'),
    };
    const orders = await ctx.hub.orders.list({
      ...(storeId === undefined ? {} : { storeId }),
      ...(status === undefined ? {} : { status }),
      ...(storeState === undefined ? {} : { storeStateId: storeState }),
      ...(window.placedFrom === undefined ? {} : { placedFrom: window.placedFrom }),
      ...(window.placedTo === undefined ? {} : { placedTo: window.placedTo }),
      ...(window.updatedFrom === undefined ? {} : { updatedFrom: window.updatedFrom }),
      ...(window.updatedTo === undefined ? {} : { updatedTo: window.updatedTo }),
      ...(customer === undefined ? {} : { customer }),
      ...(reference === undefined ? {} : { reference }),
      ...(before === undefined ? {} : { beforeId: before }),
      limit,
    });
    return {
      items: orders.map(toApiOrderSummary),
      next: nextPage(
        '/orders',
        {
          store,
          status,
          storeState,
          placedFrom,
          placedTo,
          updatedFrom,
          updatedTo,
          customer,
          reference,
          limit,
        },
        { name: 'before', value: orders.at(-1)?.id },
        orders.length,
        limit,
      ),
    };
  });
};
