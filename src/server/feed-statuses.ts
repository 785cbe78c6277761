import type { Store } from '../hub/index.js';
import { feedInterval } from '../jobs/index.js';
import type { ApiContext } from './api-context.js';
import { type ApiFeedStatus, toApiFeedStatus } from './api-wire.js';

/** Every feed of a store as the scheduler of this server sees it: schedule, last run, next time. */
export async function storeFeedStatuses(ctx: ApiContext, store: Store): Promise<ApiFeedStatus[]> {
  const rows = await ctx.scheduler.status(store.id);
  return rows.map((row) =>
    toApiFeedStatus(row, feedInterval(row.feed, row.store, ctx.scheduleOverride(row.store, row.feed))),
  );
}
