import { apiInvoiceSchema, toApiInvoice } from '../accounting-wire.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const schema = {
  summary: 'One invoice or credit note with its lines and taxes per rate',
  tags: ['accounting'],
  params: idParams,
  response: { 200: apiInvoiceSchema, 404: errorRef },
} as const;

/** `GET /invoices/:id`. */
export const registerGetInvoice: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/invoices/:id', { schema }, async (request) =>
    toApiInvoice(await ctx.hub.accounting.getInvoice(request.params.id)),
  );
};
