import { renderInvoicePdf } from '../../sync/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const schema = {
  summary: 'An invoice or credit note as PDF',
  description: 'A4, DejaVu Sans embedded; rendered on the server without any network access.',
  tags: ['accounting'],
  params: idParams,
  response: {
    200: { type: 'string', format: 'binary', description: 'The PDF (application/pdf).' },
    404: errorRef,
  },
} as const;

/** `GET /invoices/:id/pdf`. */
export const registerGetInvoicePdf: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/invoices/:id/pdf', { schema }, async (request, reply) => {
    const invoice = await ctx.hub.accounting.getInvoice(request.params.id);
    const order = invoice.orderId === null ? undefined : await ctx.hub.orders.get(invoice.orderId);
    const store = invoice.storeId === null ? undefined : await ctx.hub.stores.find(invoice.storeId);
    const credited =
      invoice.creditedInvoiceId === null
        ? undefined
        : await ctx.hub.accounting.getInvoice(invoice.creditedInvoiceId);
    const pdf = await renderInvoicePdf(invoice, {
      seller: store?.shop?.name ?? store?.name ?? 'PrestaBridge',
      billingAddress: order?.billingAddress ?? null,
      orderReference: order?.reference ?? null,
      creditedNumber: credited?.number ?? null,
      ...(store === undefined ? {} : { timeZone: store.timeZone }),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${invoice.number}.pdf"`)
      .send(pdf);
  });
};
