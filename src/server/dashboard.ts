import type { Store } from '../hub/index.js';
import { isLive } from '../jobs/index.js';
import type { ApiContext } from './api-context.js';
import type { ApiFeedStatus } from './api-wire.js';
import { storeFeedStatuses } from './feed-statuses.js';
import { HourlyActivity } from './hourly-activity.js';

/** Each server's remembered hourly counts. */
const activities = new WeakMap<ApiContext, HourlyActivity>();

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
/** Failed runs older than this are history, not news. */
const FAILURE_WINDOW_MS = DAY_MS;

export type StoreHealth = 'ok' | 'failing' | 'disabled' | 'never-run';

export interface ApiDashboardStore {
  readonly id: number;
  readonly name: string;
  readonly url: string;
  readonly psVersion: string | null;
  readonly enabled: boolean;
  readonly timeZone: string;
  readonly lastImportAt: string | null;
  readonly lastExportAt: string | null;
  /** The go-live sequence is done. */
  readonly live: boolean;
  readonly health: { readonly status: StoreHealth; readonly reason: string | null };
  readonly feeds: readonly ApiFeedStatus[];
  /** Failed runs of the last 24 hours, newest first. */
  readonly failures: ReadonlyArray<{
    readonly runId: number;
    readonly feed: string;
    readonly finishedAt: string | null;
    readonly error: string | null;
  }>;
  readonly outbox: {
    readonly pending: number;
    readonly failed: number;
    readonly oldestWaitingAt: string | null;
  };
  /** One count per hour of {@link ApiDashboard.hours}. */
  readonly ordersImported: readonly number[];
  readonly stockPushed: readonly number[];
}

export interface ApiDashboard {
  readonly generatedAt: string;
  /** Start of each hour counted, oldest first (UTC). */
  readonly hours: readonly string[];
  readonly stores: readonly ApiDashboardStore[];
}

/** The dashboard: every store's feeds, failures, outbox and hourly activity over the last `hours`. */
export async function buildDashboard(ctx: ApiContext, hours: number, now: Date): Promise<ApiDashboard> {
  const lastHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const starts = Array.from(
    { length: hours },
    (_, index) => new Date(lastHour - (hours - 1 - index) * HOUR_MS),
  );
  const stores = await ctx.hub.stores.list();
  return {
    generatedAt: now.toISOString(),
    hours: starts.map((start) => start.toISOString()),
    stores: await Promise.all(stores.map((store) => storeSummary(ctx, store, starts, now))),
  };
}

async function storeSummary(
  ctx: ApiContext,
  store: Store,
  starts: readonly Date[],
  now: Date,
): Promise<ApiDashboardStore> {
  const activity = activities.get(ctx) ?? new HourlyActivity(ctx.hub);
  activities.set(ctx, activity);
  const [feeds, failed, outbox, hourly, live] = await Promise.all([
    storeFeedStatuses(ctx, store),
    ctx.hub.runs.list({ storeId: store.id, status: 'failed', limit: 50 }),
    ctx.hub.activity.outboxBacklog(store.id),
    activity.perHour(store.id, starts, now),
    isLive(ctx.hub, store.id),
  ]);
  const recentSince = now.getTime() - FAILURE_WINDOW_MS;
  const failures = failed
    .filter((run) => Date.parse(run.finishedAt ?? run.startedAt) >= recentSince)
    .map((run) => ({ runId: run.id, feed: run.feed, finishedAt: run.finishedAt, error: run.error }));
  return {
    id: store.id,
    name: store.name,
    url: store.url,
    psVersion: store.psVersion,
    enabled: store.settings.enabled,
    timeZone: store.timeZone,
    lastImportAt: store.lastImportAt,
    lastExportAt: store.lastExportAt,
    live,
    health: health(store, feeds, outbox.failed),
    feeds,
    failures,
    outbox,
    ordersImported: hourly.orders,
    stockPushed: hourly.pushes,
  };
}

/** One word for the store list: disabled, never run, failing (with the first reason), or ok. */
function health(
  store: Store,
  feeds: readonly ApiFeedStatus[],
  failedOutbox: number,
): { status: StoreHealth; reason: string | null } {
  if (!store.settings.enabled) return { status: 'disabled', reason: 'Sync is off for this store.' };
  const failing = feeds.filter((feed) => feed.lastRun?.status === 'failed');
  if (failing.length > 0) {
    const first = failing[0]!;
    const others =
      failing.length > 1 ? ` (and ${failing.length - 1} more feed${failing.length > 2 ? 's' : ''})` : '';
    return { status: 'failing', reason: `${first.feed}: ${first.lastRun?.error ?? 'failed'}${others}` };
  }
  if (failedOutbox > 0)
    return {
      status: 'failing',
      reason: `${failedOutbox} change${failedOutbox === 1 ? '' : 's'} could not be sent to the store and wait in the outbox.`,
    };
  if (feeds.every((feed) => feed.lastRun === null))
    return { status: 'never-run', reason: 'No feed has run yet.' };
  return { status: 'ok', reason: null };
}
