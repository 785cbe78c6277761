import { type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef, listOf } from '../api-wire-schemas.js';
import { storeFeedStatuses } from '../feed-statuses.js';
import { storeParams } from '../route-schemas.js';

const schema = {
  summary: "A store's feeds: schedule, last run (with progress while running) and next time",
  tags: ['feeds'],
  params: storeParams,
  response: { 200: listOf('ApiFeedStatus', 'Every feed for this store.'), 404: errorRef },
} as const;

/** `GET /stores/:store/feeds`. */
export const registerListStoreFeeds: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string } }>('/stores/:store/feeds', { schema }, async (request) => {
    const store = await storeNamed(ctx.hub, request.params.store);
    return {
      items: await storeFeedStatuses(ctx, store),
      next: null,
    };
  });
};
