import type { InvoiceKind } from '../../hub/index.js';
import { apiInvoiceSummarySchema, dateQuery, pageOf, toApiInvoiceSummary } from '../accounting-wire.js';
import { nextPage, type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { limitQuery, storeQuery } from '../route-schemas.js';

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
    differences: {
      type: 'boolean',
      description: "Only documents whose total differs from the store's.",
    },
    after: { type: 'integer', minimum: 0, description: 'Only documents with a larger id (the next page).' },
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly store?: string;
  readonly kind?: InvoiceKind;
  readonly from?: string;
  readonly to?: string;
  readonly differences?: boolean;
  readonly after?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Invoices and credit notes, in number order',
  tags: ['accounting'],
  querystring,
  response: {
    200: pageOf(apiInvoiceSummarySchema, 'Invoices and credit notes, oldest first.'),
    404: errorRef,
  },
} as const;

/** `GET /invoices`. */
export const registerListInvoices: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/invoices', { schema }, async (request) => {
    const { store, kind, from, to, differences, after, limit } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const invoices = await ctx.hub.accounting.listInvoices({
      ...(storeId === undefined ? {} : { storeId }),
      ...(kind === undefined ? {} : { kind }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(differences === true ? { differences } : {}),
      ...(after === undefined ? {} : { afterId: after }),
      limit,
    });
    return {
      items: invoices.map(toApiInvoiceSummary),
      next: nextPage(
        '/invoices',
        { store, kind, from, to, differences: differences === true ? 'true' : undefined, limit },
        { name: 'after', value: invoices.at(-1)?.id },
        invoices.length,
        limit,
      ),
    };
  });
};
