import type { Run, Store } from '../hub/index.js';
import type { Feed } from '../sync/index.js';

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** A store's per-feed override: minutes between runs, or `off`. */
export type FeedScheduleOverride = number | 'off';

/** The store's own override of a feed's schedule (`stores set NAME schedules.stock-check=off`). */
export function scheduleOverride(store: Store, feed: Feed): FeedScheduleOverride | undefined {
  return store.settings.schedules[feed.name];
}

/**
 * How often the scheduler runs `feed` for `store` (milliseconds), or null when it does not run it
 * on its own: the store is disabled, the feed's direction (import / export) is switched off, the
 * feed is manual, or an override says `off`. Frequency feeds follow the store's import or export
 * frequency; daily feeds run once a day; an override (minutes) wins over both.
 */
export function feedInterval(
  feed: Feed,
  store: Store,
  override: FeedScheduleOverride | undefined = scheduleOverride(store, feed),
): number | null {
  if (!store.settings.enabled) return null;
  const side = feed.direction === 'import' ? store.settings.import : store.settings.export;
  if (!side.enabled || override === 'off') return null;
  if (override !== undefined) return override * MINUTE_MS;
  switch (feed.cadence) {
    case 'frequency':
      return side.frequencyMinutes * MINUTE_MS;
    case 'daily':
      return DAY_MS;
    case 'manual':
      return null;
  }
}

/**
 * When the feed is next due: one interval after the last run started (whatever its outcome, so a
 * failing store is not hammered), or now if it never ran. Null when it is not scheduled.
 */
export function nextRunAt(
  interval: number | null,
  lastRun: Pick<Run, 'startedAt'> | undefined,
  now: Date,
): Date | null {
  if (interval === null) return null;
  if (!lastRun) return now;
  return new Date(Date.parse(lastRun.startedAt) + interval);
}
