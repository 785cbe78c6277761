import { apiJournalEntrySchema, dateQuery, pageOf, toApiJournalEntry } from '../accounting-wire.js';
import { nextPage, type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { limitQuery, storeQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    store: storeQuery,
    journal: { type: 'string', minLength: 1, maxLength: 10, description: 'Only this journal (VE, BQ).' },
    from: dateQuery('Entries dated on or after'),
    to: dateQuery('Entries dated on or before'),
    after: { type: 'integer', minimum: 0, description: 'Only entries with a larger id (the next page).' },
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly store?: string;
  readonly journal?: string;
  readonly from?: string;
  readonly to?: string;
  readonly after?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Journal entries, in the order they were written',
  tags: ['accounting'],
  querystring,
  response: { 200: pageOf(apiJournalEntrySchema, 'Journal entries, oldest first.'), 404: errorRef },
} as const;

/** `GET /journal`. */
export const registerListJournal: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/journal', { schema }, async (request) => {
    const { store, journal, from, to, after, limit } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const entries = await ctx.hub.accounting.journalEntries({
      ...(storeId === undefined ? {} : { storeId }),
      ...(journal === undefined ? {} : { journalCode: journal }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(after === undefined ? {} : { afterId: after }),
      order: 'id',
      limit,
    });
    return {
      items: entries.map(toApiJournalEntry),
      next: nextPage(
        '/journal',
        { store, journal, from, to, limit },
        { name: 'after', value: entries.at(-1)?.id },
        entries.length,
        limit,
      ),
    };
  });
};
