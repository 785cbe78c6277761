import { goLiveStatus } from '../../jobs/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { goLiveKey, stockNeverExported, toApiGoLive } from '../go-live-wire.js';
import { storeParams } from '../route-schemas.js';

const schema = {
  summary:
    "A store's go-live sequence: each step's state, the next one, the warning before the first stock export",
  tags: ['feeds'],
  params: storeParams,
  response: { 200: { $ref: 'ApiGoLive#' }, 404: errorRef },
} as const;

/** `GET /stores/:store/golive`. */
export const registerGetGoLive: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string } }>('/stores/:store/golive', { schema }, async (request) => {
    const store = await storeNamed(ctx.hub, request.params.store);
    // Looked at before the stored status is read: a step that ends meanwhile has saved its progress.
    const inFlight = ctx.launcher.inFlight(goLiveKey(store));
    const [status, firstStockExport] = await Promise.all([
      goLiveStatus(ctx.hub, ctx.feeds, store),
      stockNeverExported(ctx.hub, store),
    ]);
    return toApiGoLive(status, ctx.feeds, store, firstStockExport, inFlight?.feed ?? null);
  });
};
