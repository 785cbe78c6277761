import { apiInvoiceSummarySchema, toApiInvoiceSummary } from '../accounting-wire.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

/** An order has one invoice and the few credit notes cancelling it: one answer holds them all. */
const MOST_DOCUMENTS = 100;

const schema = {
  summary: "An order's invoice and credit notes",
  description: 'In number order; empty until the order is invoiced. Each has its PDF at /invoices/{id}/pdf.',
  tags: ['orders'],
  params: idParams,
  response: {
    200: {
      type: 'object',
      required: ['items'],
      additionalProperties: false,
      properties: { items: { type: 'array', items: apiInvoiceSummarySchema } },
    },
    404: errorRef,
  },
} as const;

/** `GET /orders/:id/invoices`. */
export const registerListOrderInvoices: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/orders/:id/invoices', { schema }, async (request) => {
    // A 404 for an order that does not exist, rather than an empty list.
    const order = await ctx.hub.orders.get(request.params.id);
    const invoices = await ctx.hub.accounting.listInvoices({ orderId: order.id, limit: MOST_DOCUMENTS });
    return { items: invoices.map(toApiInvoiceSummary) };
  });
};
