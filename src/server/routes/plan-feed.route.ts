import { planImport } from '../../jobs/index.js';
import { IMPORT_PLAN_ACTIONS } from '../../sync/index.js';
import { feedNamed, type RouteRegistration, storeNamed } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeFeedParams } from '../route-schemas.js';

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    notImported: {
      type: 'boolean',
      description: 'List only the store records not imported yet (bound to no hub record).',
    },
  },
} as const;

const entry = {
  type: 'object',
  required: ['action', 'reason', 'externalId', 'localId', 'imported', 'label'],
  additionalProperties: false,
  properties: {
    action: { type: 'string', enum: [...IMPORT_PLAN_ACTIONS] },
    reason: { type: 'string' },
    externalId: {
      type: ['integer', 'null'],
      description:
        'The store record: for an import (`selectBy: store`), the ids to send as `only` to POST …/runs. Null for a hub record the store lacks.',
    },
    localId: {
      type: ['integer', 'null'],
      description:
        'The hub record it is bound to: for export-products (`selectBy: hub`), the ids to send as `only`. Null for a store record the hub lacks.',
    },
    imported: { type: 'boolean', description: 'Bound in the hub to this store record already.' },
    label: { type: 'string' },
  },
} as const;

const plan = {
  type: 'object',
  required: ['feed', 'store', 'record', 'notImportedOnly', 'selectBy', 'entries', 'counts'],
  additionalProperties: false,
  properties: {
    feed: { type: 'string' },
    store: { type: 'string' },
    record: { type: 'string', description: 'What the ids name: `product`, `customer`.' },
    notImportedOnly: { type: 'boolean' },
    selectBy: {
      type: 'string',
      enum: ['store', 'hub'],
      description:
        'Which id of an entry `only` takes: `store` (externalId, the imports) or `hub` (localId, export-products).',
    },
    entries: { type: 'array', items: entry },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: [...IMPORT_PLAN_ACTIONS],
      properties: Object.fromEntries(IMPORT_PLAN_ACTIONS.map((action) => [action, { type: 'integer' }])),
    },
  },
} as const;

const schema = {
  summary: 'The plan of an import: each store record with what a run would do',
  description:
    'Reads the store (pages of a few fields, as the import reads) and answers, for each record, add to hub, ' +
    'update hub, add to store, update store, up to date, conflict or skip, with the reason. Nothing is written. ' +
    'Run a selection next with POST /stores/{store}/feeds/{feed}/runs and `{ "only": [ids] }`, the ids `selectBy` names. ' +
    'Feeds with a plan: import-products, import-customers, export-products (with `notImported`: only the hub products not in the store yet).',
  tags: ['feeds'],
  params: storeFeedParams,
  body,
  response: {
    200: {
      type: 'object',
      required: ['plan'],
      additionalProperties: false,
      properties: { plan },
    },
    404: errorRef,
    422: errorRef,
    502: errorRef,
  },
} as const;

/** `POST /stores/:store/feeds/:feed/plan`. */
export const registerPlanFeed: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { store: string; feed: string }; Body: { notImported?: boolean } }>(
    '/stores/:store/feeds/:feed/plan',
    {
      schema,
      config: { access: 'operator' },
      preValidation: (request, _reply, done) => {
        request.body ??= {};
        done();
      },
    },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const feed = feedNamed(ctx, request.params.feed);
      const planned = ctx.feeds
        .filter((candidate) => candidate.planner !== undefined)
        .map((candidate) => candidate.name);
      if (feed.planner === undefined) {
        throw new ApiError(
          404,
          'not-found',
          `${feed.name} has no plan; the feeds with one are ${planned.join(', ')}.`,
        );
      }
      const abort = new AbortController();
      request.raw.once('close', () => {
        if (!request.raw.complete) abort.abort('the client went away');
      });
      return {
        plan: await planImport(
          {
            hub: ctx.hub,
            feed,
            store,
            clientOverrides: ctx.clientOverrides,
            signal: abort.signal,
            notImported: request.body.notImported === true,
          },
          planned,
        ),
      };
    },
  );
};
