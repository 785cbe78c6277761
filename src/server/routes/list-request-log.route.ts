import type { RequestLogQuery } from '../../hub/index.js';
import { nextPage, type RouteRegistration, storeNamed } from '../api-context.js';
import { toApiRequestLogEntry } from '../api-wire.js';
import { errorRef, listOf } from '../api-wire-schemas.js';
import { beforeQuery, limitQuery, storeQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    store: storeQuery,
    status: {
      type: 'string',
      pattern: '^(ok|failed|[1-5]\\d\\d)$',
      description: 'ok (below 400), failed (no answer or 400 and above), or an exact status such as 404.',
    },
    method: {
      type: 'string',
      enum: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      description: 'Only this method.',
    },
    resource: {
      type: 'string',
      pattern: '^[a-z_]{1,64}$',
      description: 'Only requests to this webservice resource (products, stock_availables, …).',
    },
    from: { type: 'string', format: 'date-time', description: 'Sent at or after this instant.' },
    to: { type: 'string', format: 'date-time', description: 'Sent before this instant.' },
    before: beforeQuery,
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly store?: string;
  readonly status?: string;
  readonly method?: string;
  readonly resource?: string;
  readonly from?: string;
  readonly to?: string;
  readonly before?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Requests the hub sent to stores, newest first (keys redacted)',
  tags: ['request log'],
  querystring,
  response: { 200: listOf('ApiRequestLogEntry', 'Entries without their bodies.'), 404: errorRef },
} as const;

/** `GET /request-log`. */
export const registerListRequestLog: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/request-log', { schema }, async (request) => {
    const { store, status, method, resource, from, to, before, limit } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const query: RequestLogQuery = {
      ...(storeId === undefined ? {} : { storeId }),
      ...(status === undefined
        ? {}
        : { status: status === 'ok' || status === 'failed' ? status : Number(status) }),
      ...(method === undefined ? {} : { method }),
      ...(resource === undefined ? {} : { resource }),
      ...(from === undefined ? {} : { from: new Date(from) }),
      ...(to === undefined ? {} : { to: new Date(to) }),
      ...(before === undefined ? {} : { beforeId: before }),
      limit,
    };
    const entries = await ctx.hub.requestLog.list(query);
    return {
      items: entries.map(toApiRequestLogEntry),
      next: nextPage(
        '/request-log',
        { store, status, method, resource, from, to, limit },
        { name: 'before', value: entries.at(-1)?.id },
        entries.length,
        limit,
      ),
    };
  });
};
