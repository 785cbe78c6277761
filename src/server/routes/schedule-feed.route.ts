import { feedNamed, type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeFeedStatuses } from '../feed-statuses.js';
import { storeFeedParams } from '../route-schemas.js';

const body = {
  description:
    "One of: `{ everyMinutes }` (1 to 10080), `{ off: true }` (only when run by hand), `{ default: true }` (the feed's own cadence).",
  oneOf: [
    {
      type: 'object',
      required: ['everyMinutes'],
      additionalProperties: false,
      properties: { everyMinutes: { type: 'integer', minimum: 1, maximum: 10080 } },
    },
    {
      type: 'object',
      required: ['off'],
      additionalProperties: false,
      properties: { off: { const: true } },
    },
    {
      type: 'object',
      required: ['default'],
      additionalProperties: false,
      properties: { default: { const: true } },
    },
  ],
} as const;

type Body = { readonly everyMinutes: number } | { readonly off: true } | { readonly default: true };

const schema = {
  summary: 'Set how often the scheduler runs a feed for a store',
  description:
    "Writes the store's schedules.<feed> setting. The store and the feed's direction must be enabled too.",
  tags: ['feeds'],
  params: storeFeedParams,
  body,
  response: { 200: { $ref: 'ApiFeedStatus#' }, 404: errorRef, 422: errorRef },
} as const;

/** `PUT /stores/:store/feeds/:feed/schedule`. */
export const registerScheduleFeed: RouteRegistration = (app, ctx) => {
  app.put<{ Params: { store: string; feed: string }; Body: Body }>(
    '/stores/:store/feeds/:feed/schedule',
    { schema },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const feed = feedNamed(ctx, request.params.feed);
      const chosen = request.body;
      const value = 'everyMinutes' in chosen ? chosen.everyMinutes : 'off' in chosen ? 'off' : null;
      const updated = await ctx.hub.stores.update(store.id, {
        settings: { schedules: { [feed.name]: value } },
      });
      request.log.info({ store: store.name, feed: feed.name, schedule: value ?? 'default' }, 'schedule set');
      const row = (await storeFeedStatuses(ctx, updated)).find((candidate) => candidate.feed === feed.name);
      if (!row) throw new Error(`The scheduler does not know feed ${feed.name}.`);
      return row;
    },
  );
};
