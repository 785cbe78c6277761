import { ID_COUNTER_FEEDS, resetFeedWatermark } from '../../sync/index.js';
import { feedNamed, type RouteRegistration, storeNamed } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeFeedParams } from '../route-schemas.js';

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    toId: {
      type: 'integer',
      minimum: 0,
      description:
        'The last store id to count as imported (import-orders, import-customers, import-products): the next ' +
        'run imports from the id after it. Without it the watermark is forgotten.',
    },
  },
} as const;

const watermark = {
  type: ['object', 'null'],
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
} as const;

const schema = {
  summary: "Set a feed's watermark back",
  description:
    'Forgets the watermark of a feed for a store (its next run starts from the beginning), or sets the ' +
    'id counter of an id-counting import (`toId`). Records imported again are recognised through bindings, ' +
    'never duplicated. 409 while the feed runs for this store.',
  tags: ['feeds'],
  params: storeFeedParams,
  body,
  response: {
    200: {
      type: 'object',
      required: ['feed', 'store', 'before', 'after'],
      additionalProperties: false,
      properties: {
        feed: { type: 'string' },
        store: { type: 'string' },
        before: watermark,
        after: watermark,
      },
    },
    400: errorRef,
    404: errorRef,
    409: errorRef,
  },
} as const;

/** `POST /stores/:store/feeds/:feed/reset`. */
export const registerResetFeed: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { store: string; feed: string }; Body: { toId?: number } }>(
    '/stores/:store/feeds/:feed/reset',
    {
      schema,
      config: { access: 'admin' },
      preValidation: (request, _reply, done) => {
        request.body ??= {};
        done();
      },
    },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const feed = feedNamed(ctx, request.params.feed);
      const { toId } = request.body;
      if (toId !== undefined && ID_COUNTER_FEEDS[feed.name] === undefined) {
        throw new ApiError(
          400,
          'validation',
          `toId sets the id counter of ${Object.keys(ID_COUNTER_FEEDS).join(', ')}; ${feed.name} has none.`,
          { field: 'body.toId' },
        );
      }
      const result = await resetFeedWatermark(ctx.hub, store, feed.name, toId === undefined ? {} : { toId });
      return {
        feed: result.feed,
        store: result.store,
        before: result.before ?? null,
        after: result.after ?? null,
      };
    },
  );
};
