import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Hub, Run, Store } from '../hub/index.js';
import {
  builtInOutboxHandlers,
  drainOutbox,
  drainOutboxFeed,
  type DrainOutboxOptions,
  type Feed,
  FeedBusyError,
  type OutboxDrainReport,
  type OutboxHandler,
  outboxHandlerSet,
  type StoreClientOverrides,
  StoreNotReadyError,
  StoreSession,
} from '../sync/index.js';
import { FeedAlreadyRanError, type FeedRunner, type RunOutcome } from './feed-runner.js';
import { feedInterval, type FeedScheduleOverride, nextRunAt, scheduleOverride } from './feed-schedule.js';
import { passedGoLiveStep } from './go-live.js';
import {
  CATALOG_QUEUE,
  FEED_QUEUE,
  JOB_PRIORITY,
  type JobRunner,
  laneConcurrency,
  OUTBOX_QUEUE,
} from './job-runner.js';
import { type HeldLease, takeLease } from './lease.js';

/** What a feed job carries: the store, the feed, and the due time it was sent for. */
export interface FeedJobData {
  readonly storeId: number;
  readonly feed: string;
  /** ISO instant the feed was found due at (the job itself runs the feed if it is due when it starts). */
  readonly due: string;
}

export interface OutboxJobData {
  readonly storeId: number;
}

/**
 * The catalog import a store's order feeds wait for: orders refer to its products and variants, so
 * they are not imported before the store's first catalog import has completed (the go-live
 * sequence's order, kept by the scheduler too).
 */
export const CATALOG_FEED = 'import-products';

/** The slot group the two feed queues share in each process. */
const FEED_SLOT_GROUP = 'feeds';

/** Why a feed job ended without a run. */
export type FeedJobSkip = 'already-ran' | 'busy' | 'store-busy' | 'not-ready' | 'unknown';

export interface FeedJobsOptions {
  readonly hub: Hub;
  readonly jobs: JobRunner;
  readonly runner: FeedRunner;
  /** Feeds scheduled, in the order they run when several are due for one store. */
  readonly feeds: readonly Feed[];
  /** The scheduler's clock (due times, stale runs); default the system clock. */
  readonly clock?: () => Date;
  /** Per-store overrides of a feed's schedule (default the store's `schedules` setting; drain-outbox off). */
  readonly overrides?: (store: Store, feed: Feed) => FeedScheduleOverride | undefined;
  /** A run without a heartbeat for this long is taken over (default 60 s: the runner's lease). */
  readonly leaseMs?: number;
  /** Runs of one store at once across the cluster (default 1: a store is one rate-limited host). */
  readonly storeSlots?: number;
  /** When a store's slots are all taken, its job is sent again this much later (default 2 s). */
  readonly deferMs?: number;
  readonly clientOverrides?: StoreClientOverrides;
  readonly outboxHandlers?: readonly OutboxHandler[];
  readonly drain?: Pick<DrainOutboxOptions, 'batch' | 'leaseMs' | 'concurrency' | 'retry' | 'clock'>;
  readonly onRunFinished?: (outcome: RunOutcome) => void;
  readonly onRunSkipped?: (data: FeedJobData, reason: FeedJobSkip) => void;
  readonly onOutboxPass?: (store: Store, report: OutboxDrainReport) => void;
  readonly onOutboxError?: (store: Store, error: unknown) => void;
}

/**
 * When a feed of a store is due as of `now`: at once when its last run was interrupted (taken over
 * from its last committed page), else one interval after its last run started. Null when it is not
 * scheduled, runs now, or is not due yet.
 */
function dueAt(interval: number | null, lastRun: Run | undefined, now: Date): Date | null {
  if (interval === null || lastRun?.status === 'running') return null;
  const due = lastRun?.status === 'interrupted' ? now : nextRunAt(interval, lastRun, now);
  return due === null || due > now ? null : due;
}

/** The priority of a feed's jobs: order imports first, then other imports, then sweeps and checks. */
export function feedPriority(feed: Feed): number {
  if (feed.name.includes('orders') && feed.direction === 'import') return JOB_PRIORITY.orders;
  if (feed.direction === 'import' && feed.cadence === 'frequency') return JOB_PRIORITY.imports;
  return JOB_PRIORITY.sweeps;
}

/** Whether a feed is an order feed: waits for the store's catalog, and runs in the order lane. */
function isOrderFeed(feed: Feed): boolean {
  return feedPriority(feed) === JOB_PRIORITY.orders;
}

/**
 * The queue (lane) of a feed's jobs: order feeds in `feeds`, every other feed in `feeds-catalog`. The
 * two share a process's feed slots, each lane with a reserved share (see {@link laneConcurrency}):
 * with one queue, strict priorities let a large fleet's minute-by-minute order imports take every
 * slot, and no new store's catalog import ever started.
 */
export function feedQueue(feed: Feed): string {
  return isOrderFeed(feed) ? FEED_QUEUE : CATALOG_QUEUE;
}

/**
 * Feeds and outbox deliveries as jobs of a {@link JobRunner}: {@link define} adds the `feeds` and
 * `outbox` queues and their handlers; {@link tick} is the scheduler — it sends a job for every feed
 * that is due and every store with outbox entries to send.
 *
 * Once per due time across the cluster: a job's key (`feed:<store>:<feed>`) keeps one waiting job
 * per store and feed, and the job runs the feed only if it has not run since the due time, checked
 * under the run's lock — so ticks of any number of processes start each due run once. A run whose
 * process died (no heartbeat for a lease) is marked interrupted and is due at once: the next worker
 * resumes it from its last committed page. A store's runs take one of its slots (leases, default
 * one) so a store never has two feeds running at once anywhere, and its outbox has one drainer at a
 * time, so its entries keep their order.
 *
 * Fairness: order feeds and the rest run in two lanes (queues) that share the process's feed slots,
 * each with a reserved share; a store's order feeds are not sent before its first catalog import
 * ({@link CATALOG_FEED}) has succeeded (when that import is scheduled for it); and a store's runs hold
 * at most its store slots, so one store's endless first import holds one slot, not a worker.
 */
export class FeedJobs {
  readonly #options: FeedJobsOptions;
  readonly #clock: () => Date;
  readonly #leaseMs: number;
  readonly #sessions = new Map<number, { session: StoreSession; updatedAt: string }>();
  readonly #handlers;
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  readonly #leases = new Set<HeldLease>();

  constructor(options: FeedJobsOptions) {
    this.#options = options;
    this.#clock = options.clock ?? (() => new Date());
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#handlers = outboxHandlerSet(options.outboxHandlers ?? builtInOutboxHandlers);
  }

  /**
   * Adds the `feeds`, `feeds-catalog` and `outbox` queues to the job runner (before it starts): the
   * two feed lanes share `concurrency` slots (default 4), the outbox has half as many of its own.
   */
  define(concurrency?: number): void {
    const { jobs } = this.#options;
    const slots = concurrency ?? 4;
    const group = { name: FEED_SLOT_GROUP, slots };
    // The order lane first: it is served first, up to its share.
    for (const queue of [FEED_QUEUE, CATALOG_QUEUE])
      jobs.define<FeedJobData>(queue, {
        handler: (data, job) => this.#runFeedJob(data, job.signal),
        concurrency: laneConcurrency(slots, 2),
        group,
      });
    jobs.define<OutboxJobData>(OUTBOX_QUEUE, {
      handler: (data, job) => this.#drainStore(data, job.signal),
      concurrency: Math.max(1, Math.ceil((concurrency ?? 4) / 2)),
    });
  }

  #override(store: Store, feed: Feed): FeedScheduleOverride | undefined {
    // drain-outbox is the outbox queue's work: never scheduled as a feed.
    if (feed.name === drainOutboxFeed.name) return 'off';
    return (this.#options.overrides ?? scheduleOverride)(store, feed);
  }

  /**
   * One scheduling pass, as of the clock's now: marks runs whose process died as interrupted, then
   * sends a job for every due feed of every store and for every store with outbox entries to send.
   * Any process may call it at any time; what it sends is deduplicated across the cluster.
   * @returns the jobs sent (those dropped because one of their key waits already not counted).
   */
  async tick(): Promise<{ feeds: number; outbox: number }> {
    const { hub, jobs, feeds } = this.#options;
    const now = this.#clock();
    await hub.runs.interruptStale(new Date(now.getTime() - this.#leaseMs));
    const latest = new Map<string, Run>();
    for (const run of await hub.runs.latestPerFeed()) latest.set(`${run.storeId}:${run.feed}`, run);
    const stores = await hub.stores.list();
    const catalogDone = new Set(await hub.runs.storesWithSucceeded(CATALOG_FEED));
    let sentFeeds = 0;
    for (const store of stores) {
      const waitsForCatalog = await this.#waitsForCatalog(store, catalogDone);
      for (const feed of feeds) {
        const interval = feedInterval(feed, store, this.#override(store, feed));
        if (interval === null || feed.notReady?.(store) != null) continue;
        if (waitsForCatalog && isOrderFeed(feed)) continue;
        const due = dueAt(interval, latest.get(`${store.id}:${feed.name}`), now);
        if (due === null) continue;
        const data: FeedJobData = { storeId: store.id, feed: feed.name, due: due.toISOString() };
        if (
          await jobs.enqueue(
            feedQueue(feed),
            { ...data },
            { key: `feed:${store.id}:${feed.name}`, priority: feedPriority(feed) },
          )
        )
          sentFeeds += 1;
      }
    }
    const sentOutbox = await this.nudgeOutbox(stores);
    return { feeds: sentFeeds, outbox: sentOutbox };
  }

  /**
   * Whether the store's order feeds wait for its first catalog import: the catalog feed is scheduled
   * for it and has never succeeded (no succeeded run on record, nor a go-live sequence past it).
   */
  async #waitsForCatalog(store: Store, catalogDone: ReadonlySet<number>): Promise<boolean> {
    if (catalogDone.has(store.id)) return false;
    const catalog = this.#options.feeds.find((feed) => feed.name === CATALOG_FEED);
    if (catalog === undefined) return false;
    if (feedInterval(catalog, store, this.#override(store, catalog)) === null) return false;
    if (catalog.notReady?.(store) != null) return false;
    return !(await passedGoLiveStep(this.#options.hub, store.id, CATALOG_FEED));
  }

  /** Sends an outbox job for every store with entries to send now (after a change was queued). */
  async nudgeOutbox(known?: readonly Store[]): Promise<number> {
    const { hub, jobs } = this.#options;
    const stores = known ?? (await hub.stores.list());
    const due = new Set(await hub.outbox.storesWithDueEntries());
    let sent = 0;
    for (const store of stores) {
      if (!due.has(store.id) || !store.settings.enabled || !store.settings.export.enabled || !store.hasKey)
        continue;
      if (
        await jobs.enqueue(
          OUTBOX_QUEUE,
          { storeId: store.id },
          { key: `outbox:${store.id}`, priority: JOB_PRIORITY.outbox },
        )
      )
        sent += 1;
    }
    return sent;
  }

  async #runFeedJob(data: FeedJobData, signal: AbortSignal): Promise<void> {
    const { hub, runner, feeds, jobs } = this.#options;
    const skip = (reason: FeedJobSkip): void => this.#options.onRunSkipped?.(data, reason);
    const feed = feeds.find((candidate) => candidate.name === data.feed);
    const store = await hub.stores.find(data.storeId);
    if (!feed || !store) return skip('unknown');
    // Due as of now, not as of the job's sending: one waiting job stands for every tick that found the
    // feed due while it waited (the key dropped theirs), so a job deferred behind a busy store that
    // wakes after the next due time runs for that one instead of finding its own already run.
    if (feed.notReady?.(store) != null) return skip('not-ready');
    const lastRun = await hub.runs.latest(store.id, feed.name);
    if (lastRun?.status === 'running') return skip('busy');
    const due = dueAt(feedInterval(feed, store, this.#override(store, feed)), lastRun, this.#clock());
    if (due === null) return skip('already-ran');
    const slots = this.#options.storeSlots ?? 1;
    const slot = await takeLease(
      hub,
      Array.from({ length: slots }, (_, index) => `store-slot:${store.id}:${index}`),
      this.#leaseMs,
    );
    if (!slot) {
      // Another feed of the store runs somewhere: wait behind it (a waiting job of this key may exist).
      await jobs.enqueue(
        feedQueue(feed),
        { ...data },
        {
          key: `feed:${store.id}:${feed.name}`,
          priority: feedPriority(feed),
          startAfter: new Date(Date.now() + (this.#options.deferMs ?? 2_000)),
        },
      );
      return skip('store-busy');
    }
    this.#leases.add(slot);
    const stop = new AbortController();
    const onStop = (): void => stop.abort(signal.reason);
    signal.addEventListener('abort', onStop, { once: true });
    slot.lost.addEventListener('abort', () => stop.abort('the store slot was lost'), { once: true });
    try {
      const outcome = await runner.run({
        feed,
        store,
        trigger: 'schedule',
        notRunSince: due,
        signal: stop.signal,
      });
      this.#options.onRunFinished?.(outcome);
    } catch (error) {
      if (error instanceof FeedAlreadyRanError) return skip('already-ran');
      if (error instanceof FeedBusyError) return skip('busy');
      if (error instanceof StoreNotReadyError) return skip('not-ready');
      throw error;
    } finally {
      signal.removeEventListener('abort', onStop);
      this.#leases.delete(slot);
      await slot.release();
    }
  }

  async #drainStore(data: OutboxJobData, signal: AbortSignal): Promise<void> {
    const { hub } = this.#options;
    const store = await hub.stores.find(data.storeId);
    if (!store || !store.settings.enabled || !store.settings.export.enabled || !store.hasKey) return;
    // One drainer per store across the cluster: its entries go out in order.
    const lease = await takeLease(hub, [`outbox:${store.id}`], this.#leaseMs);
    if (!lease) return;
    this.#leases.add(lease);
    try {
      const session = await this.#session(store);
      const report = await drainOutbox({
        ...this.#options.drain,
        hub,
        store,
        client: session.client,
        handlers: this.#handlers,
        owner: this.#owner,
        signal,
      });
      this.#options.onOutboxPass?.(store, report);
    } catch (error) {
      this.#options.onOutboxError?.(store, error);
    } finally {
      this.#leases.delete(lease);
      await lease.release();
    }
  }

  /** Renews the store slots and outbox leases this process holds, now (the clock jumped). */
  async renewLeases(): Promise<void> {
    await Promise.all([...this.#leases].map((lease) => lease.renew()));
  }

  /** A session per store, opened again when the store's record changed. */
  async #session(store: Store): Promise<StoreSession> {
    const cached = this.#sessions.get(store.id);
    if (cached !== undefined && cached.updatedAt === store.updatedAt) return cached.session;
    await cached?.session.close().catch(() => undefined);
    const session = await StoreSession.open(this.#options.hub, store, this.#options.clientOverrides ?? {});
    this.#sessions.set(store.id, { session, updatedAt: store.updatedAt });
    return session;
  }

  /** Closes the outbox sessions (after the job runner stopped). */
  async close(): Promise<void> {
    await Promise.all(
      [...this.#sessions.values()].map(({ session }) => session.close().catch(() => undefined)),
    );
    this.#sessions.clear();
  }
}
