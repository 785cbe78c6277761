import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { storesByCustomer, toApiCustomer } from '../customer-wire.js';
import { idParams } from '../route-schemas.js';

const schema = {
  summary: 'One customer with their addresses, phones, stores and orders',
  description:
    'Addresses carry their role (billing, delivery, both); choose them with PUT /customers/{id}/addresses.',
  tags: ['customers'],
  params: idParams,
  response: { 200: { $ref: 'ApiCustomer#' }, 404: errorRef },
} as const;

/** `GET /customers/:id`. */
export const registerGetCustomer: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/customers/:id', { schema }, async (request) => {
    const customer = await ctx.hub.customers.get(request.params.id);
    const [bindings, orders] = await Promise.all([
      ctx.hub.bindings.forLocal('customers', [customer.id]),
      ctx.hub.customers.orders(customer.id),
    ]);
    return toApiCustomer(customer, storesByCustomer(bindings).get(customer.id) ?? [], orders);
  });
};
