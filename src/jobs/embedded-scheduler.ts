import type { Hub, Run, Store } from '../hub/index.js';
import type { Feed } from '../sync/index.js';
import type { FeedRunner, RunOutcome } from './feed-runner.js';
import { feedInterval, type FeedScheduleOverride, nextRunAt, scheduleOverride } from './feed-schedule.js';

/** One feed of one store, as `sync status` and the console show it. */
export interface ScheduledFeedStatus {
  readonly store: Store;
  readonly feed: Feed;
  readonly lastRun: Run | undefined;
  /** Null when the feed is not scheduled for this store. */
  readonly nextRunAt: Date | null;
  /** Why a due feed is held back (not ready), or null. */
  readonly notReady: string | null;
}

export interface EmbeddedSchedulerOptions {
  readonly hub: Hub;
  readonly runner: FeedRunner;
  /** In the order they should run when several are due for one store (catalog before orders, …). */
  readonly feeds: readonly Feed[];
  readonly clock?: () => Date;
  /** How often due feeds are looked for (default 15 s). */
  readonly tickMs?: number;
  /** Per-store overrides of a feed's schedule (default: the store's `schedules` setting). */
  readonly overrides?: (store: Store, feed: Feed) => FeedScheduleOverride | undefined;
  readonly onRunStarted?: (store: Store, feed: Feed) => void;
  readonly onRunFinished?: (outcome: RunOutcome) => void;
  readonly onRunError?: (store: Store, feed: Feed, error: unknown) => void;
}

/**
 * Runs every enabled feed of every store at its frequency, in one process. Feeds of one store run
 * one after the other (a store is one rate-limited host); different stores run side by side.
 * Time comes from the injected clock and {@link tick} can be called directly, so tests drive it
 * with a fake clock instead of waiting.
 */
export class EmbeddedScheduler {
  readonly #options: EmbeddedSchedulerOptions;
  readonly #clock: () => Date;
  /** Stores with a queue of runs in progress, by store id. */
  readonly #busy = new Map<number, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #stopped = false;

  constructor(options: EmbeddedSchedulerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? (() => new Date());
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#stopped = false;
    this.#timer = setInterval(() => void this.tick(), this.#options.tickMs ?? 15_000);
    void this.tick();
  }

  /**
   * Feeds of every store with their last run and next time, as of `now` (read once: a feed that never
   * ran is due at exactly `now`, not a few milliseconds after it).
   */
  async status(storeId?: number, now: Date = this.#clock()): Promise<ScheduledFeedStatus[]> {
    const { hub, feeds } = this.#options;
    const stores = (await hub.stores.list()).filter((store) => storeId === undefined || store.id === storeId);
    const rows: ScheduledFeedStatus[] = [];
    for (const store of stores) {
      for (const feed of feeds) {
        const lastRun = await hub.runs.latest(store.id, feed.name);
        const interval = feedInterval(
          feed,
          store,
          (this.#options.overrides ?? scheduleOverride)(store, feed),
        );
        rows.push({
          store,
          feed,
          lastRun,
          nextRunAt: nextRunAt(interval, lastRun, now),
          notReady: feed.notReady?.(store) ?? null,
        });
      }
    }
    return rows;
  }

  /**
   * Starts what is due now for stores that are idle, and returns once those runs are started (not
   * finished: {@link idle} waits for them).
   */
  async tick(): Promise<void> {
    if (this.#stopped) return;
    if (this.#ticking) return this.#ticking;
    this.#ticking = this.#startDueRuns().finally(() => (this.#ticking = undefined));
    return this.#ticking;
  }

  async #startDueRuns(): Promise<void> {
    const now = this.#clock();
    const byStore = new Map<number, { store: Store; feeds: Feed[] }>();
    for (const row of await this.status(undefined, now)) {
      if (this.#busy.has(row.store.id)) continue;
      if (row.nextRunAt === null || row.nextRunAt > now || row.notReady !== null) continue;
      if (row.lastRun?.status === 'running') continue;
      const entry = byStore.get(row.store.id) ?? { store: row.store, feeds: [] };
      entry.feeds.push(row.feed);
      byStore.set(row.store.id, entry);
    }
    for (const { store, feeds } of byStore.values()) {
      const queue = this.#runQueue(store, feeds).finally(() => this.#busy.delete(store.id));
      this.#busy.set(store.id, queue);
    }
  }

  async #runQueue(store: Store, feeds: readonly Feed[]): Promise<void> {
    const { runner, onRunStarted, onRunFinished, onRunError } = this.#options;
    for (const feed of feeds) {
      if (this.#stopped) return;
      onRunStarted?.(store, feed);
      try {
        // Not `onRunFinished?.(await …)`: an optional call skips evaluating its argument.
        const outcome = await runner.run({ feed, store, trigger: 'schedule' });
        onRunFinished?.(outcome);
      } catch (error) {
        // A busy lock or an unready store is not fatal to the scheduler: the next tick tries again.
        onRunError?.(store, feed, error);
      }
    }
  }

  /** Resolves when no scheduled run is in progress. */
  async idle(): Promise<void> {
    while (this.#ticking || this.#busy.size > 0) {
      await this.#ticking;
      await Promise.all(this.#busy.values());
    }
  }

  /** Stops scheduling, asks running feeds to stop at their next page, and waits for them. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#options.runner.stopAll('shutting down');
    await this.idle();
  }
}
