import type { OutboxEntry, OutboxStatus } from '../../hub/index.js';
import { nextPage, type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { beforeQuery, limitQuery, storeQuery } from '../route-schemas.js';

const entry = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'storeId',
    'kind',
    'target',
    'payload',
    'status',
    'revision',
    'attempts',
    'nextAttemptAt',
    'lastError',
    'createdAt',
    'updatedAt',
    'completedAt',
  ],
  properties: {
    id: { type: 'integer' },
    storeId: { type: 'integer' },
    kind: { type: 'string', description: 'stock, order_state, shipment, product, …' },
    target: { type: 'string', description: 'What it is about: variant:42, order:1200.' },
    payload: { description: 'What will be written to the store.' },
    status: { type: 'string', enum: ['pending', 'in_flight', 'done', 'failed'] },
    revision: { type: 'integer', description: 'Newer values coalesced into it (stock: last value wins).' },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'string' },
    lastError: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    completedAt: { type: ['string', 'null'] },
  },
} as const;

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    store: storeQuery,
    status: {
      type: 'string',
      enum: ['open', 'pending', 'in_flight', 'done', 'failed'],
      description: 'open: waiting or being sent (pending and in flight).',
    },
    kind: { type: 'string', minLength: 1, maxLength: 64 },
    target: { type: 'string', minLength: 1, maxLength: 200, description: 'variant:42, order:1200.' },
    before: beforeQuery,
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly store?: string;
  readonly status?: OutboxStatus | 'open';
  readonly kind?: string;
  readonly target?: string;
  readonly before?: number;
  readonly limit: number;
}

const schema = {
  summary: 'What waits to be written to the stores, newest first',
  description:
    'The outbox: stock quantities, order states, shipping confirmations and products queued for each store, with their attempts and last error.',
  tags: ['stock'],
  querystring,
  response: {
    200: {
      type: 'object',
      required: ['items', 'next', 'counts'],
      additionalProperties: false,
      properties: {
        items: { type: 'array', items: entry },
        next: { type: ['string', 'null'], description: 'Path of the next page, or null.' },
        counts: {
          type: 'object',
          description: 'Entries per status (of the store, or of all stores), whatever the page.',
          required: ['pending', 'in_flight', 'done', 'failed'],
          additionalProperties: false,
          properties: {
            pending: { type: 'integer' },
            in_flight: { type: 'integer' },
            done: { type: 'integer' },
            failed: { type: 'integer' },
          },
        },
      },
    },
    404: errorRef,
  },
} as const;

function toApiOutboxEntry(value: OutboxEntry) {
  const { leaseOwner: _owner, leaseExpiresAt: _lease, coalesces: _coalesces, ...rest } = value;
  return rest;
}

/** `GET /outbox`. */
export const registerListOutbox: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/outbox', { schema }, async (request) => {
    const { store, status, kind, target, before, limit } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const entries = await ctx.hub.outbox.list({
      ...(storeId === undefined ? {} : { storeId }),
      ...(status === 'open' ? { open: true } : status === undefined ? {} : { status }),
      ...(kind === undefined ? {} : { kind }),
      ...(target === undefined ? {} : { target }),
      ...(before === undefined ? {} : { beforeId: before }),
      limit,
    });
    return {
      items: entries.map(toApiOutboxEntry),
      next: nextPage(
        '/outbox',
        { store, status, kind, target, limit },
        { name: 'before', value: entries.at(-1)?.id },
        entries.length,
        limit,
      ),
      counts: await ctx.hub.outbox.counts(storeId),
    };
  });
};
