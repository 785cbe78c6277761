import type { RouteRegistration } from '../api-context.js';

const jobSchema = {
  type: 'object',
  required: ['queue', 'storeId', 'feed', 'since'],
  additionalProperties: false,
  properties: {
    queue: { type: 'string' },
    storeId: { type: ['integer', 'null'] },
    feed: { type: ['string', 'null'] },
    since: { type: 'string', format: 'date-time' },
  },
} as const;

const schema = {
  summary: 'Live workers, what each runs, and queue depths',
  description:
    'Processes that run jobs (`prestabridge worker`, `serve`) with a heartbeat within the last minute, the jobs each runs, ' +
    'and per queue the jobs waiting (in all and per store id), running, and since when the oldest has waited. ' +
    'On PostgreSQL the depths are the cluster’s (pg-boss); on SQLite those of this process.',
  tags: ['server'],
  response: {
    200: {
      type: 'object',
      required: ['workers', 'queues'],
      additionalProperties: false,
      properties: {
        workers: {
          type: 'array',
          items: {
            type: 'object',
            required: [
              'id',
              'kind',
              'host',
              'pid',
              'runner',
              'queues',
              'concurrency',
              'running',
              'startedAt',
              'heartbeatAt',
            ],
            additionalProperties: false,
            properties: {
              id: { type: 'string' },
              kind: { type: 'string' },
              host: { type: 'string' },
              pid: { type: 'integer' },
              runner: { type: 'string', enum: ['embedded', 'pg-boss'] },
              queues: { type: 'array', items: { type: 'string' } },
              concurrency: { type: 'integer' },
              running: { type: 'array', items: jobSchema },
              startedAt: { type: 'string', format: 'date-time' },
              heartbeatAt: { type: 'string', format: 'date-time' },
            },
          },
        },
        queues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['queue', 'waiting', 'active', 'oldestWaitingAt', 'waitingByStore'],
            additionalProperties: false,
            properties: {
              queue: { type: 'string' },
              waiting: { type: 'integer' },
              active: { type: 'integer' },
              oldestWaitingAt: { type: ['string', 'null'], format: 'date-time' },
              waitingByStore: { type: 'object', additionalProperties: { type: 'integer' } },
            },
          },
        },
      },
    },
  },
} as const;

/** `GET /workers`: what `prestabridge workers` prints. */
export const registerListWorkers: RouteRegistration = (app, ctx) => {
  app.get('/workers', { schema }, async () => {
    const workers = await ctx.hub.workers.live(new Date(ctx.clock().getTime() - 60_000));
    const queues = (await ctx.jobs?.runner?.depths()) ?? [];
    return { workers, queues };
  });
};
