import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { type Hub, redactUrl, type Run, type RunTrigger, type Store } from '../hub/index.js';
import {
  type Feed,
  FeedBusyError,
  type FeedContext,
  type FeedNotice,
  type FeedOptions,
  FeedPreconditionError,
  type FeedProgress,
  type FeedReport,
  FeedStoppedError,
  MissingPermissionsError,
  RunTally,
  type StoreClientOverrides,
  StoreNotReadyError,
  StoreSession,
} from '../sync/index.js';
import {
  missingPermissionsIn,
  NetworkError,
  type PsPermission,
  type StoreProbe,
  TimeoutError,
  WebserviceNotFoundError,
} from '../webservice/index.js';

/** A progress event of a run, for progress bars and the console. */
export interface RunProgressEvent {
  readonly runId: number;
  readonly feed: string;
  readonly store: string;
  readonly step: string | null;
  readonly done: number;
  readonly total: number | null;
}

export interface RunFeedRequest {
  readonly feed: Feed;
  readonly store: Store;
  readonly trigger: RunTrigger;
  readonly options?: FeedOptions;
  /** Stops the run at its next page boundary when aborted. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: RunProgressEvent) => void;
  /** Told as soon as the run is recorded (an API answers "started" with it). */
  readonly onStarted?: (run: Run) => void;
  /**
   * Only if no run of the feed for the store started at or after this instant (checked once the
   * lock is held, so that two processes sent the same due run start it once): else
   * {@link FeedAlreadyRanError}. An interrupted run does not count: its work is to be taken over.
   */
  readonly notRunSince?: Date;
}

/** The feed already ran for the store since the due time a scheduled job was sent for. */
export class FeedAlreadyRanError extends Error {
  override readonly name = 'FeedAlreadyRanError';
  readonly run: Run;

  constructor(run: Run) {
    super(`${run.feed} already ran for this store at ${run.startedAt} (run ${run.id}); nothing to do.`);
    this.run = run;
  }
}

export interface RunOutcome {
  readonly run: Run;
  readonly report: FeedReport;
}

export interface FeedRunnerOptions {
  readonly hub: Hub;
  readonly clock?: () => Date;
  /** How long a run's lock lives without a heartbeat (default 60 s): a crashed run frees it after that. */
  readonly leaseMs?: number;
  /**
   * How often a live run renews its lock and looks for a stop asked from another process (default a
   * quarter of the lease).
   */
  readonly heartbeatMs?: number;
  /** Webservice client settings for every store (tests and benchmarks point them at an emulator). */
  readonly clientOverrides?: StoreClientOverrides;
  /** Throws to refuse a new run (a server shutting down); called before the lock is taken. */
  readonly admit?: () => void;
  /** Every run this runner starts, once recorded, and every run it ends (logs, the console). */
  readonly onRunStarted?: (run: Run, store: Store) => void;
  readonly onRunFinished?: (outcome: RunOutcome) => void;
  /** Every progress step of every run of this runner (the console's live progress bars). */
  readonly onRunProgress?: (event: RunProgressEvent, store: Store) => void;
}

/** How long a store's permission listing is reused between runs. */
const PROBE_REUSE_MS = 5 * 60_000;

interface ActiveRun {
  readonly runId: number;
  readonly feed: string;
  readonly storeId: number;
  readonly controller: AbortController;
  /** Renews the run's lock and heartbeat now. */
  beat?: () => Promise<void>;
}

/**
 * Runs feeds in this process: one lock per (store, feed) that expires if the process dies, a run
 * record with counts and progress, a heartbeat, Stop at page boundaries, and a report at the end.
 */
export class FeedRunner {
  readonly #hub: Hub;
  readonly #clock: () => Date;
  readonly #leaseMs: number;
  readonly #heartbeatMs: number;
  readonly #clientOverrides: StoreClientOverrides;
  readonly #options: FeedRunnerOptions;
  readonly #active = new Map<number, ActiveRun>();
  /** The last `/api/` listing of each store, with when it was read (epoch ms). */
  readonly #probes = new Map<number, { probe: StoreProbe; at: number }>();

  constructor(options: FeedRunnerOptions) {
    this.#hub = options.hub;
    this.#clock = options.clock ?? (() => new Date());
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#heartbeatMs = options.heartbeatMs ?? Math.max(1_000, Math.floor(this.#leaseMs / 4));
    this.#clientOverrides = options.clientOverrides ?? {};
    this.#options = options;
  }

  /** Runs in progress in this process. */
  get active(): ReadonlyArray<{ runId: number; feed: string; storeId: number }> {
    return [...this.#active.values()].map(({ runId, feed, storeId }) => ({ runId, feed, storeId }));
  }

  /** Asks a run of this process to stop at its next page boundary; false if it is not running here. */
  stop(runId: number, reason = 'stop requested'): boolean {
    const active = this.#active.get(runId);
    if (!active) return false;
    active.controller.abort(reason);
    return true;
  }

  /**
   * Renews the lock and heartbeat of every run of this process now, rather than at the next beat
   * (the clock jumped: a machine woke from sleep, a test moved it).
   */
  async heartbeat(): Promise<void> {
    await Promise.all([...this.#active.values()].map((active) => active.beat?.() ?? Promise.resolve()));
  }

  /** Asks every run of this process to stop (graceful shutdown). */
  stopAll(reason = 'shutting down'): void {
    for (const active of this.#active.values()) active.controller.abort(reason);
  }

  /**
   * What the key lacks of `needs`, from the store's `/api/` listing. A listing read in the last few
   * minutes is reused, so that frequent runs do not each cost a probe; a permission it says is
   * missing is checked again at once, so that one just granted is seen by the next run.
   */
  async #missingPermissions(
    session: StoreSession,
    storeId: number,
    needs: readonly PsPermission[],
  ): Promise<PsPermission[]> {
    const cached = this.#probes.get(storeId);
    if (cached && this.#clock().getTime() - cached.at < PROBE_REUSE_MS) {
      const missing = missingPermissionsIn(cached.probe, needs);
      if (missing.length === 0) return missing;
    }
    const probe = await session.client.probe();
    this.#probes.set(storeId, { probe, at: this.#clock().getTime() });
    return missingPermissionsIn(probe, needs);
  }

  async run(request: RunFeedRequest): Promise<RunOutcome> {
    const { feed, store } = request;
    if (!store.settings.enabled && request.trigger === 'schedule') {
      throw new StoreNotReadyError(`Store '${store.name}' is disabled; scheduled runs are skipped.`);
    }
    this.#options.admit?.();
    const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
    const lockName = `feed:${store.id}:${feed.name}`;
    // A run whose process died keeps status "running" until someone notices: mark those first.
    await this.#hub.runs.interruptStale(new Date(this.#clock().getTime() - this.#leaseMs));
    if (!(await this.#hub.locks.acquire(lockName, owner, this.#leaseMs))) {
      const holder = await this.#hub.locks.holder(lockName);
      throw new FeedBusyError(
        feed.name,
        store.name,
        holder?.owner ?? 'another process',
        holder?.acquiredAt ?? 'a moment ago',
      );
    }
    try {
      if (request.notRunSince !== undefined) {
        const latest = await this.#hub.runs.latest(store.id, feed.name);
        if (
          latest !== undefined &&
          latest.status !== 'interrupted' &&
          Date.parse(latest.startedAt) >= request.notRunSince.getTime()
        )
          throw new FeedAlreadyRanError(latest);
      }
      return await this.#runLocked(request, owner, lockName);
    } finally {
      await this.#hub.locks.release(lockName, owner).catch(() => undefined);
    }
  }

  async #runLocked(request: RunFeedRequest, owner: string, lockName: string): Promise<RunOutcome> {
    const { feed, store } = request;
    const started = this.#clock();
    const run = await this.#hub.runs.start({
      storeId: store.id,
      feed: feed.name,
      trigger: request.trigger,
      owner,
    });
    const controller = new AbortController();
    const stopFromCaller = (): void => controller.abort(request.signal?.reason ?? 'stop requested');
    if (request.signal?.aborted) stopFromCaller();
    request.signal?.addEventListener('abort', stopFromCaller, { once: true });
    this.#active.set(run.id, { runId: run.id, feed: feed.name, storeId: store.id, controller });
    this.#options.onRunStarted?.(run, store);
    request.onStarted?.(run);

    const totals = new RunTally();
    const notices = new Map<string, FeedNotice>();
    const loose = new RunTally();
    let progress = { step: null as string | null, done: 0, total: null as number | null };
    let session: StoreSession | undefined;

    // The heartbeat keeps the lock and tells other processes the run is alive even during a long page.
    const beat = async (): Promise<void> => {
      await Promise.all([
        this.#hub.locks.renew(lockName, owner, this.#leaseMs).then(
          (kept) => {
            if (!kept) controller.abort('the run lost its lock (another process took it over)');
          },
          () => undefined,
        ),
        this.#hub.runs.progress(run.id, {}).catch(() => undefined),
      ]);
    };
    const active = this.#active.get(run.id);
    if (active) active.beat = beat;
    const heartbeat = setInterval(() => {
      void beat();
      // A stop asked from another process (`sync stop`, the console) reaches the run through the hub.
      void this.#hub.runs.stopRequested(run.id).then(
        (requested) => {
          if (requested && !controller.signal.aborted)
            controller.abort('stop requested from another process');
        },
        () => undefined,
      );
    }, this.#heartbeatMs);
    heartbeat.unref();

    let status: FeedReport['status'] = 'succeeded';
    let error: string | undefined;
    let unreachable = false;
    try {
      const notReady = feed.notReady?.(store, request.options ?? {}) ?? null;
      if (notReady !== null) throw new FeedPreconditionError(notReady);
      session = await StoreSession.open(this.#hub, store, this.#clientOverrides);
      if (feed.needs.length > 0) {
        const missing = await this.#missingPermissions(session, store.id, feed.needs);
        if (missing.length > 0) {
          throw new MissingPermissionsError(feed.name, store.name, missing);
        }
      }
      const hub = this.#hub;
      const runId = run.id;
      const onRunProgress = this.#options.onRunProgress;
      const emit = (): void => {
        const event = { runId, feed: feed.name, store: store.name, ...progress };
        request.onProgress?.(event);
        onRunProgress?.(event, store);
      };
      const ctx: FeedContext = {
        runId,
        store,
        client: session.client,
        hub,
        options: request.options ?? {},
        signal: controller.signal,
        now: this.#clock,
        tally: loose,
        async commit(work) {
          const page = new RunTally();
          const result = await hub.transaction(async (tx) => {
            const value = await work(tx, page);
            if (!page.isEmpty) await tx.runs.addCounts(runId, page.counts, page.failedRecords);
            return value;
          });
          totals.merge(page);
          return result;
        },
        async progress(update: FeedProgress) {
          progress = {
            step: update.step === undefined ? progress.step : update.step,
            done:
              update.done === undefined
                ? progress.done
                : update.increment
                  ? progress.done + update.done
                  : update.done,
            total: update.total === undefined ? progress.total : update.total,
          };
          await hub.runs.progress(runId, { done: progress.done, total: progress.total, step: progress.step });
          emit();
        },
        notice(notice) {
          notices.set(`${notice.kind}:${notice.key}`, notice);
        },
        throwIfStopped() {
          if (controller.signal.aborted)
            throw new FeedStoppedError(feed.name, String(controller.signal.reason));
        },
      };
      await feed.run(ctx);
      await this.#hub.stores.markSynced(store.id, feed.direction, this.#clock());
    } catch (caught) {
      if (caught instanceof FeedStoppedError || (controller.signal.aborted && isAbortError(caught))) {
        status = 'cancelled';
        error = caught instanceof FeedStoppedError ? caught.message : new FeedStoppedError(feed.name).message;
      } else {
        status = 'failed';
        error = caught instanceof Error ? caught.message : String(caught);
        unreachable = isUnreachable(caught);
      }
      // Errors are kept with the run and shown by the API: never with a key in them.
      error = session ? session.redact(error) : redactUrl(error);
    } finally {
      clearInterval(heartbeat);
      request.signal?.removeEventListener('abort', stopFromCaller);
      this.#active.delete(run.id);
    }

    if (!loose.isEmpty) {
      await this.#hub.runs.addCounts(run.id, loose.counts, loose.failedRecords);
      totals.merge(loose);
    }
    const finished = this.#clock();
    const report: FeedReport = {
      feed: feed.name,
      store: store.name,
      status,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      counts: totals.counts,
      failures: totals.failedRecords,
      skips: [...totals.skipGroups.values()],
      notices: [...notices.values()],
      requests: session?.requests ?? 0,
      ...(error === undefined ? {} : { error }),
    };
    await session?.close().catch(() => undefined);
    const finishedRun = await this.#hub.runs.finish(run.id, {
      status,
      report,
      error: error ?? null,
      unreachable,
    });
    const outcome = { run: finishedRun, report };
    this.#options.onRunFinished?.(outcome);
    return outcome;
  }
}

/** The store could not be reached at all (no answer, or no webservice at its URL). */
function isUnreachable(error: unknown): boolean {
  return (
    error instanceof NetworkError || error instanceof TimeoutError || error instanceof WebserviceNotFoundError
  );
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'FeedStoppedError');
}
