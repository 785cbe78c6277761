import type { RunStatus } from '../../hub/index.js';
import { nextPage, type RouteRegistration, storeNamed } from '../api-context.js';
import { toApiRun } from '../api-wire.js';
import { errorRef, listOf } from '../api-wire-schemas.js';
import { beforeQuery, limitQuery, storeQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    store: storeQuery,
    feed: { type: 'string', minLength: 1, maxLength: 64 },
    status: { type: 'string', enum: ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] },
    before: beforeQuery,
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly store?: string;
  readonly feed?: string;
  readonly status?: RunStatus;
  readonly before?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Runs, newest first',
  tags: ['runs'],
  querystring,
  response: { 200: listOf('ApiRun', 'Runs, newest first.'), 404: errorRef },
} as const;

/** `GET /runs`. */
export const registerListRuns: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/runs', { schema }, async (request) => {
    const { store, feed, status, before, limit } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const runs = await ctx.hub.runs.list({
      ...(storeId === undefined ? {} : { storeId }),
      ...(feed === undefined ? {} : { feed }),
      ...(status === undefined ? {} : { status }),
      ...(before === undefined ? {} : { beforeId: before }),
      limit,
    });
    return {
      items: runs.map(toApiRun),
      next: nextPage(
        '/runs',
        { store, feed, status, limit },
        { name: 'before', value: runs.at(-1)?.id },
        runs.length,
        limit,
      ),
    };
  });
};
