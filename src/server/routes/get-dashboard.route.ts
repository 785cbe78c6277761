import type { RouteRegistration } from '../api-context.js';
import { buildDashboard } from '../dashboard.js';

const count = { type: 'array', items: { type: 'integer' } } as const;
const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    hours: {
      type: 'integer',
      minimum: 1,
      maximum: 24 * 14,
      default: 72,
      description: 'How many hours of activity to count (up to 14 days).',
    },
  },
} as const;

const schema = {
  summary:
    'Every store at a glance: feeds, failures of the last 24 h, outbox, orders and stock pushes per hour',
  tags: ['server'],
  querystring,
  response: {
    200: {
      type: 'object',
      required: ['generatedAt', 'hours', 'stores'],
      additionalProperties: false,
      properties: {
        generatedAt: { type: 'string', format: 'date-time' },
        hours: {
          type: 'array',
          items: { type: 'string', format: 'date-time' },
          description: 'Hour starts (UTC).',
        },
        stores: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: [
              'id',
              'name',
              'url',
              'psVersion',
              'enabled',
              'timeZone',
              'lastImportAt',
              'lastExportAt',
              'live',
              'health',
              'feeds',
              'failures',
              'outbox',
              'ordersImported',
              'stockPushed',
            ],
            properties: {
              id: { type: 'integer' },
              name: { type: 'string' },
              url: { type: 'string' },
              psVersion: { type: ['string', 'null'] },
              enabled: { type: 'boolean' },
              timeZone: { type: 'string' },
              lastImportAt: { type: ['string', 'null'], format: 'date-time' },
              lastExportAt: { type: ['string', 'null'], format: 'date-time' },
              live: { type: 'boolean', description: 'The go-live sequence is done.' },
              health: {
                type: 'object',
                required: ['status', 'reason'],
                additionalProperties: false,
                properties: {
                  status: { type: 'string', enum: ['ok', 'failing', 'disabled', 'never-run'] },
                  reason: { type: ['string', 'null'] },
                },
              },
              feeds: { type: 'array', items: { $ref: 'ApiFeedStatus#' } },
              failures: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['runId', 'feed', 'finishedAt', 'error'],
                  additionalProperties: false,
                  properties: {
                    runId: { type: 'integer' },
                    feed: { type: 'string' },
                    finishedAt: { type: ['string', 'null'], format: 'date-time' },
                    error: { type: ['string', 'null'] },
                  },
                },
              },
              outbox: {
                type: 'object',
                required: ['pending', 'failed', 'oldestWaitingAt'],
                additionalProperties: false,
                properties: {
                  pending: { type: 'integer' },
                  failed: { type: 'integer' },
                  oldestWaitingAt: { type: ['string', 'null'], format: 'date-time' },
                },
              },
              ordersImported: { ...count, description: 'Orders imported per hour, one per hour of `hours`.' },
              stockPushed: { ...count, description: 'Stock quantities pushed to the store per hour.' },
            },
          },
        },
      },
    },
  },
} as const;

/** `GET /dashboard`. */
export const registerGetDashboard: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: { hours: number } }>('/dashboard', { schema }, (request) =>
    buildDashboard(ctx, request.query.hours, ctx.clock()),
  );
};
