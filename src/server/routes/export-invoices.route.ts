import type { InvoiceKind, InvoiceSummary } from '../../hub/index.js';
import { formatInvoicesCsv } from '../../sync/index.js';
import { dateQuery } from '../accounting-wire.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    store: storeQuery,
    kind: {
      type: 'string',
      enum: ['invoice', 'credit_note'],
      description: 'Only invoices, or only credit notes.',
    },
    from: dateQuery('Issued on or after'),
    to: dateQuery('Issued on or before'),
  },
} as const;

interface Query {
  readonly store?: string;
  readonly kind?: InvoiceKind;
  readonly from?: string;
  readonly to?: string;
}

const schema = {
  summary: 'Invoices and credit notes as CSV',
  description: "One row per document, with the store's total and the difference (text/csv, decimal point).",
  tags: ['accounting'],
  querystring,
  response: { 200: { type: 'string', description: 'CSV (text/csv).' }, 404: errorRef },
} as const;

/** `GET /invoices/export`. */
export const registerExportInvoices: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/invoices/export', { schema }, async (request, reply) => {
    const { store, kind, from, to } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const all: InvoiceSummary[] = [];
    for (;;) {
      const page = await ctx.hub.accounting.listInvoices({
        ...(storeId === undefined ? {} : { storeId }),
        ...(kind === undefined ? {} : { kind }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        afterId: all.at(-1)?.id ?? 0,
        limit: 1000,
      });
      all.push(...page);
      if (page.length < 1000) break;
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="invoices.csv"')
      .send(formatInvoicesCsv(all));
  });
};
