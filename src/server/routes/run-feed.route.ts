import { onlyIdsOf } from '../../sync/index.js';
import { feedNamed, type RouteRegistration, storeNamed } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { toApiRun } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { feedRunOptions } from '../feed-run-options.js';
import { storeFeedParams } from '../route-schemas.js';

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    options: {
      type: 'object',
      description: 'Feed options by name (GET /feeds lists them): `{ "pageSize": 50 }`.',
    },
    only: {
      type: 'array',
      items: { type: 'integer', minimum: 1 },
      minItems: 1,
      maxItems: 10000,
      description:
        'Run for these records only (the ids POST …/plan names with `selectBy`); the watermark is left alone. ' +
        'Feeds that take it: import-products, import-customers (store ids), export-products (hub product ids).',
    },
  },
} as const;

const schema = {
  summary: 'Run a feed now, in the background',
  description:
    'Answers 202 with the run as soon as it started; follow it with GET /runs/{id}. 409 while the feed runs for this store.',
  tags: ['feeds'],
  params: storeFeedParams,
  body,
  response: {
    202: {
      type: 'object',
      required: ['run'],
      additionalProperties: false,
      properties: { run: { $ref: 'ApiRun#' } },
    },
    404: errorRef,
    409: errorRef,
    422: errorRef,
    503: errorRef,
  },
} as const;

/** `POST /stores/:store/feeds/:feed/runs`. */
export const registerRunFeed: RouteRegistration = (app, ctx) => {
  app.post<{
    Params: { store: string; feed: string };
    Body: { options?: Record<string, unknown>; only?: number[] };
  }>(
    '/stores/:store/feeds/:feed/runs',
    {
      schema,
      config: { access: 'operator' },
      // The body is optional: no body means no options.
      preValidation: (request, _reply, done) => {
        request.body ??= {};
        done();
      },
    },
    async (request, reply) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const feed = feedNamed(ctx, request.params.feed);
      const { only } = request.body;
      if (only !== undefined && request.body.options?.only !== undefined) {
        throw new ApiError(400, 'validation', 'Give `only` once: in the body or in options, not both.', {
          field: 'body.only',
        });
      }
      const options = feedRunOptions(feed, {
        ...(request.body.options ?? {}),
        ...(only === undefined ? {} : { only: only.join(',') }),
      });
      try {
        onlyIdsOf(options);
      } catch (error) {
        throw new ApiError(400, 'validation', error instanceof Error ? error.message : String(error), {
          field: only === undefined ? 'body.options.only' : 'body.only',
        });
      }
      if (!store.settings.enabled) {
        throw new ApiError(
          422,
          'not-ready',
          `Store '${store.name}' is disabled; enable it first (PATCH /stores/${store.name} with { "settings": { "enabled": true } }).`,
        );
      }
      const run = await ctx.launcher.launch({ feed, store, trigger: 'api', options });
      return reply
        .status(202)
        .header('location', `/runs/${run.id}`)
        .send({ run: toApiRun(run) });
    },
  );
};
