import type { Hub } from '../hub/index.js';

const DAY_MS = 24 * 60 * 60_000;

/** How long the hub keeps what only explains the past. */
export interface Retention {
  /** Request-log entries older than this go (default 30 days). */
  readonly requestLogDays: number;
  /** And the oldest go when the log's kept text passes this size (default 1 GiB). */
  readonly requestLogMaxBytes: number;
  /** Delivered outbox entries older than this go (default 30 days; the dashboard counts 14 at most). */
  readonly deliveredOutboxDays: number;
  /** Finished runs (with their reports and failed records) older than this go (default 90 days). */
  readonly runDays: number;
}

export const DEFAULT_RETENTION: Retention = {
  requestLogDays: 30,
  requestLogMaxBytes: 1024 ** 3,
  deliveredOutboxDays: 30,
  runDays: 90,
};

export interface HousekeepingReport {
  readonly requestLog: number;
  readonly outbox: number;
  readonly runs: number;
}

/**
 * Removes what only explains the past once it is old: request-log entries (every request is logged),
 * delivered outbox entries and finished runs. Nothing a sync needs is touched: bindings, watermarks,
 * pending or failed outbox entries, running runs. `serve` does it once an hour.
 */
export async function keepHouse(
  hub: Hub,
  now: Date,
  retention: Retention = DEFAULT_RETENTION,
): Promise<HousekeepingReport> {
  const before = (days: number): Date => new Date(now.getTime() - days * DAY_MS);
  return {
    requestLog: await hub.requestLog.prune({
      olderThan: before(retention.requestLogDays),
      maxBytes: retention.requestLogMaxBytes,
    }),
    outbox: await hub.outbox.prune(before(retention.deliveredOutboxDays)),
    runs: await hub.runs.prune(before(retention.runDays)),
  };
}
