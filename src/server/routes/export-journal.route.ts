import { formatFec, formatJournalCsv } from '../../sync/index.js';
import { dateQuery } from '../accounting-wire.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    store: storeQuery,
    from: dateQuery('Entries dated on or after'),
    to: dateQuery('Entries dated on or before'),
    format: {
      type: 'string',
      enum: ['csv', 'fec'],
      default: 'csv',
      description:
        'csv (one row per line, decimal point) or fec (the French FEC layout: 18 columns, decimal comma).',
    },
    separator: {
      type: 'string',
      enum: ['tab', 'pipe'],
      default: 'tab',
      description: 'FEC field separator.',
    },
  },
} as const;

interface Query {
  readonly store?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: 'csv' | 'fec';
  readonly separator: 'tab' | 'pipe';
}

const schema = {
  summary: 'Journal entries as CSV or FEC',
  description:
    'The entries dated in the range (all of them without one). FEC: header of the 18 columns, dates YYYYMMDD, decimal comma, sorted by validation date; give it one store (one company).',
  tags: ['accounting'],
  querystring,
  response: { 200: { type: 'string', description: 'text/csv or text/plain (FEC).' }, 404: errorRef },
} as const;

/** `GET /journal/export`. */
export const registerExportJournal: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/journal/export', { schema }, async (request, reply) => {
    const { store, from, to, format, separator } = request.query;
    const found = store === undefined ? undefined : await storeNamed(ctx.hub, store);
    const entries = await ctx.hub.accounting.journalEntries({
      ...(found === undefined ? {} : { storeId: found.id }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      limit: 1_000_000,
    });
    if (format === 'fec') {
      const text = formatFec(entries, {
        separator: separator === 'pipe' ? '|' : '\t',
        ...(found === undefined ? {} : { timeZone: found.timeZone }),
      });
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="FEC${(to ?? '').replaceAll('-', '')}.txt"`)
        .send(text);
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="journal.csv"')
      .send(formatJournalCsv(entries));
  });
};
