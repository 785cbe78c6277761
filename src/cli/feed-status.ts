import type { Hub, Run, RunCounts, Store } from '../hub/index.js';
import {
  feedInterval,
  type FeedScheduleOverride,
  MINUTE_MS,
  nextRunAt,
  scheduleOverride,
} from '../jobs/index.js';
import type { Feed } from '../sync/index.js';
import { formatTable } from './table-format.js';
import { formatInstant, formatRelative } from './value-format.js';

/** One feed of one store, as `sync status` shows it (and prints with `--json`). */
export interface FeedStatus {
  readonly store: string;
  readonly storeId: number;
  readonly feed: string;
  readonly direction: Feed['direction'];
  /** `every 15 min`, `daily`, `manual`, `off (import disabled)`, `every 30 min (schedules)`. */
  readonly schedule: string;
  /** Minutes between scheduled runs; null when the scheduler does not run it. */
  readonly intervalMinutes: number | null;
  /** The store's `schedules.<feed>` setting, if any. */
  readonly override: FeedScheduleOverride | null;
  readonly lastRun: {
    readonly id: number;
    readonly status: Run['status'];
    readonly trigger: string;
    readonly startedAt: string;
    readonly finishedAt: string | null;
    readonly counts: RunCounts;
    readonly progress: Run['progress'];
    readonly error: string | null;
  } | null;
  readonly nextRunAt: string | null;
  /** Why the scheduler holds the feed back, or null. */
  readonly notReady: string | null;
}

/** The store's own schedule for a feed (`schedules.<feed>`), which the scheduler honours. */

/** How the scheduler treats a feed for a store, in words. */
export function describeSchedule(feed: Feed, store: Store): string {
  const override = scheduleOverride(store, feed);
  const side = feed.direction === 'import' ? store.settings.import : store.settings.export;
  if (!store.settings.enabled) return 'off (store disabled)';
  if (!side.enabled) return `off (${feed.direction} disabled)`;
  if (override === 'off') return 'off (schedules)';
  if (override !== undefined) return `every ${override} min (schedules)`;
  switch (feed.cadence) {
    case 'frequency':
      return `every ${side.frequencyMinutes} min`;
    case 'daily':
      return 'daily';
    case 'manual':
      return 'manual';
  }
}

/** Every feed of every given store with its schedule, last run and next time. */
export async function feedStatuses(
  hub: Hub,
  feeds: readonly Feed[],
  stores: readonly Store[],
  now: Date,
): Promise<FeedStatus[]> {
  const rows: FeedStatus[] = [];
  for (const store of stores) {
    for (const feed of feeds) {
      const lastRun = await hub.runs.latest(store.id, feed.name);
      const override = scheduleOverride(store, feed);
      const interval = feedInterval(feed, store, override);
      const next = nextRunAt(interval, lastRun, now);
      rows.push({
        store: store.name,
        storeId: store.id,
        feed: feed.name,
        direction: feed.direction,
        schedule: describeSchedule(feed, store),
        intervalMinutes: interval === null ? null : interval / MINUTE_MS,
        override: override ?? null,
        lastRun: lastRun
          ? {
              id: lastRun.id,
              status: lastRun.status,
              trigger: lastRun.trigger,
              startedAt: lastRun.startedAt,
              finishedAt: lastRun.finishedAt,
              counts: lastRun.counts,
              progress: lastRun.progress,
              error: lastRun.error,
            }
          : null,
        nextRunAt: next === null ? null : next.toISOString(),
        notReady: feed.notReady?.(store) ?? null,
      });
    }
  }
  return rows;
}

/** `sync status` as a table. */
export function feedStatusTable(rows: readonly FeedStatus[], now: Date): string {
  return formatTable(
    ['store', 'feed', 'schedule', 'last run', 'result', 'new/upd/same/skip/fail', 'next', 'note'],
    rows.map((row) => {
      const run = row.lastRun;
      const counts = run?.counts;
      return [
        row.store,
        row.feed,
        row.schedule,
        run ? `#${run.id} ${formatInstant(run.startedAt)}` : 'never',
        run?.status ?? '-',
        counts
          ? `${counts.created}/${counts.updated}/${counts.unchanged}/${counts.skipped}/${counts.failed}`
          : '-',
        nextText(row.nextRunAt, now),
        note(row),
      ];
    }),
    { maxCellWidth: 60 },
  );
}

function nextText(next: string | null, now: Date): string {
  if (next === null) return '-';
  const at = new Date(next);
  return at.getTime() <= now.getTime() ? 'due now' : `${formatInstant(next)} (${formatRelative(at, now)})`;
}

function note(row: FeedStatus): string {
  if (row.notReady !== null) return `not ready: ${row.notReady}`;
  const run = row.lastRun;
  if (run?.status === 'running') {
    const { step, done, total } = run.progress;
    return `running${step ? ` ${step}` : ''} ${done}${total === null ? '' : `/${total}`}`;
  }
  if (run && run.status !== 'succeeded' && run.error) return run.error;
  return '';
}
