import { type ActionSource, DEFAULT_IDLE_MINUTES, listCarts } from '../../automation/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { storeParams } from '../route-schemas.js';
import {
  actionCartSchema,
  actionErrors,
  actionPageOf,
  pagingProperties,
  runAction,
  windowProperties,
} from './action-route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    customer: {
      type: 'integer',
      minimum: 1,
      description: "Only this customer's carts (the store's customer id).",
    },
    abandoned: {
      type: 'boolean',
      description:
        "Only abandoned carts: a customer's carts with no order placed from them, untouched for idleMinutes.",
    },
    idleMinutes: {
      type: 'integer',
      minimum: 0,
      maximum: 525600,
      default: DEFAULT_IDLE_MINUTES,
      description: `How long a cart must be idle to count as abandoned (default ${DEFAULT_IDLE_MINUTES}).`,
    },
    ...windowProperties,
    ...pagingProperties,
  },
} as const;

interface Query {
  readonly customer?: number;
  readonly abandoned?: boolean;
  readonly idleMinutes: number;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  readonly source: ActionSource;
  readonly cursor?: string;
  readonly limit: number;
}

const schema = {
  summary: 'Action: list carts',
  description:
    'Carts of the store in id order, each with the order placed from it, filtered by customer and date_upd window, or only the abandoned ones. From the store only (source=hub answers 400: the hub keeps no carts).',
  tags: ['actions'],
  params: storeParams,
  querystring,
  response: { 200: actionPageOf(actionCartSchema, 'A page of carts.'), ...actionErrors },
} as const;

/** `GET /stores/:store/actions/carts`. */
export const registerListActionCarts: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string }; Querystring: Query }>(
    '/stores/:store/actions/carts',
    { schema, config: { access: 'viewer' } },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const { customer, abandoned, idleMinutes, updatedFrom, updatedTo, source, cursor, limit } =
        request.query;
      return runAction(() =>
        listCarts(
          { hub: ctx.hub, store, clientOverrides: ctx.clientOverrides, clock: ctx.clock },
          {
            ...(customer === undefined ? {} : { customerId: customer }),
            ...(abandoned === undefined ? {} : { abandoned }),
            idleMinutes,
            ...(updatedFrom === undefined ? {} : { updatedFrom }),
            ...(updatedTo === undefined ? {} : { updatedTo }),
          },
          { source, limit, ...(cursor === undefined ? {} : { cursor }) },
        ),
      );
    },
  );
};
