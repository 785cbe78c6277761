import { nextPage, type RouteRegistration } from '../api-context.js';
import { errorRef, listOf } from '../api-wire-schemas.js';
import { storesByCustomer, toApiCustomerRow } from '../customer-wire.js';
import { limitQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    search: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Matches e-mail, first or last name, anywhere, ignoring case.',
    },
    after: { type: 'integer', minimum: 0, description: 'Only customers with a larger id (the next page).' },
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly search?: string;
  readonly after?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Customers of every store, by id, searchable',
  tags: ['customers'],
  querystring,
  response: { 200: listOf('ApiCustomerRow', 'Customers by id.'), 404: errorRef },
} as const;

/** `GET /customers`. */
export const registerListCustomers: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/customers', { schema }, async (request) => {
    const { search, after, limit } = request.query;
    const customers = await ctx.hub.customers.list({
      ...(search === undefined ? {} : { search }),
      ...(after === undefined ? {} : { afterId: after }),
      limit,
    });
    const stores = storesByCustomer(
      await ctx.hub.bindings.forLocal(
        'customers',
        customers.map((customer) => customer.id),
      ),
    );
    return {
      items: customers.map((customer) => toApiCustomerRow(customer, stores.get(customer.id) ?? [])),
      next: nextPage(
        '/customers',
        { search, limit },
        { name: 'after', value: customers.at(-1)?.id },
        customers.length,
        limit,
      ),
    };
  });
};
