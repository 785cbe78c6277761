import { type ActionSource, listCustomers } from '../../automation/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { storeParams } from '../route-schemas.js';
import {
  actionCustomerSchema,
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
    email: {
      type: 'string',
      minLength: 3,
      maxLength: 255,
      description: 'Only the customer with this e-mail address.',
    },
    active: { type: 'boolean', description: 'Only active (true) or inactive (false) customers.' },
    ...windowProperties,
    ...pagingProperties,
  },
} as const;

interface Query {
  readonly email?: string;
  readonly active?: boolean;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  readonly source: ActionSource;
  readonly cursor?: string;
  readonly limit: number;
}

const schema = {
  summary: 'Action: list customers',
  description:
    "Customers of the store in id order, filtered by e-mail, active flag and date_upd window, read with the hub's key, or from the hub's copy with source=hub.",
  tags: ['actions'],
  params: storeParams,
  querystring,
  response: { 200: actionPageOf(actionCustomerSchema, 'A page of customers.'), ...actionErrors },
} as const;

/** `GET /stores/:store/actions/customers`. */
export const registerListActionCustomers: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string }; Querystring: Query }>(
    '/stores/:store/actions/customers',
    { schema, config: { access: 'viewer' } },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const { email, active, updatedFrom, updatedTo, source, cursor, limit } = request.query;
      return runAction(() =>
        listCustomers(
          { hub: ctx.hub, store, clientOverrides: ctx.clientOverrides },
          {
            ...(email === undefined ? {} : { email }),
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
