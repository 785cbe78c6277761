import { type ActionSource, listProducts } from '../../automation/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { storeParams } from '../route-schemas.js';
import {
  actionErrors,
  actionPageOf,
  actionProductSchema,
  pagingProperties,
  runAction,
  windowProperties,
} from './action-route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reference: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'Only products with this reference.',
    },
    active: { type: 'boolean', description: 'Only active (true) or inactive (false) products.' },
    ...windowProperties,
    ...pagingProperties,
  },
} as const;

interface Query {
  readonly reference?: string;
  readonly active?: boolean;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  readonly source: ActionSource;
  readonly cursor?: string;
  readonly limit: number;
}

const schema = {
  summary: 'Action: list products',
  description:
    "Products of the store in id order, filtered by reference, active flag and date_upd window, read with the hub's key (one store request per page), or from the hub's copy with source=hub.",
  tags: ['actions'],
  params: storeParams,
  querystring,
  response: { 200: actionPageOf(actionProductSchema, 'A page of products.'), ...actionErrors },
} as const;

/** `GET /stores/:store/actions/products`. */
export const registerListActionProducts: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string }; Querystring: Query }>(
    '/stores/:store/actions/products',
    { schema, config: { access: 'viewer' } },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const { reference, active, updatedFrom, updatedTo, source, cursor, limit } = request.query;
      return runAction(() =>
        listProducts(
          { hub: ctx.hub, store, clientOverrides: ctx.clientOverrides },
          {
            ...(reference === undefined ? {} : { reference }),
            ...(active === undefined ? {} : { active }),
            ...(updatedFrom === undefined ? {} : { updatedFrom }),
            ...(updatedTo === undefined ? {} : { updatedTo }),
          },
          { source, limit, ...(cursor === undefined ? {} : { cursor }) },
        ),
      );
    },
  );
};
