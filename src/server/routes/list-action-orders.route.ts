import { type ActionSource, listOrders } from '../../automation/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { storeParams } from '../route-schemas.js';
import {
  actionErrors,
  actionOrderSchema,
  actionPageOf,
  pagingProperties,
  runAction,
  windowProperties,
} from './action-route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description:
        "Only orders in these states, separated by commas: ids (2,3) or names in the store's default language (Payment accepted).",
    },
    customer: {
      type: 'integer',
      minimum: 1,
      description: "Only this customer's orders (the store's customer id).",
    },
    ...windowProperties,
    ...pagingProperties,
  },
} as const;

interface Query {
  readonly state?: string;
  readonly customer?: number;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  readonly source: ActionSource;
  readonly cursor?: string;
  readonly limit: number;
}

const schema = {
  summary: 'Action: list orders',
  description:
    "Orders of the store in id order with their lines, filtered by state, customer and date_upd window, read with the hub's key, or from the hub's copy with source=hub.",
  tags: ['actions'],
  params: storeParams,
  querystring,
  response: { 200: actionPageOf(actionOrderSchema, 'A page of orders.'), ...actionErrors },
} as const;

/** `GET /stores/:store/actions/orders`. */
export const registerListActionOrders: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string }; Querystring: Query }>(
    '/stores/:store/actions/orders',
    { schema, config: { access: 'viewer' } },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const { state, customer, updatedFrom, updatedTo, source, cursor, limit } = request.query;
      return runAction(() =>
        listOrders(
          { hub: ctx.hub, store, clientOverrides: ctx.clientOverrides },
          {
            ...(state === undefined ? {} : { states: state.split(',') }),
            ...(customer === undefined ? {} : { customerId: customer }),
            ...(updatedFrom === undefined ? {} : { updatedFrom }),
            ...(updatedTo === undefined ? {} : { updatedTo }),
          },
          { source, limit, ...(cursor === undefined ? {} : { cursor }) },
        ),
      );
    },
  );
};
