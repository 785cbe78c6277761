import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Hub, WorkerJob } from '../hub/index.js';
import type { Feed, OutboxDrainReport, OutboxHandler, StoreClientOverrides } from '../sync/index.js';
import { EmbeddedJobRunner } from './embedded-job-runner.js';
import { type FeedJobData, FeedJobs, type FeedJobSkip, type FeedJobsOptions } from './feed-jobs.js';
import { FeedRunner, type FeedRunnerOptions, type RunOutcome } from './feed-runner.js';
import { HostPacer } from './host-pacer.js';
import { JobMetrics } from './job-metrics.js';
import { CATALOG_QUEUE, FEED_QUEUE, type JobRunner, type QueueDefinition } from './job-runner.js';
import { PgBossJobRunner } from './pg-boss-job-runner.js';

export type JobRunnerKind = 'embedded' | 'pg-boss';

/** How often the scheduler looks for due feeds (default). */
export const DEFAULT_JOB_TICK_MS = 15_000;

export interface JobWorkerOptions {
  readonly hub: Hub;
  /** `pg-boss` needs the hub on PostgreSQL and its URL in `databaseUrl`. */
  readonly runner: JobRunnerKind;
  readonly databaseUrl?: string;
  /** `worker` (`prestabridge worker`) or `serve`: how `prestabridge workers` shows the process. */
  readonly kind: 'worker' | 'serve';
  /** Work on jobs (default true); false only sends them and schedules (`serve --no-worker`). */
  readonly work?: boolean;
  /** Queues worked (default all: `feeds`, `feeds-catalog`, `outbox` and any in `queues`). */
  readonly workQueues?: readonly string[];
  /** Jobs of one queue at once in this process (default 4). */
  readonly concurrency?: number;
  readonly feeds: readonly Feed[];
  readonly clock?: () => Date;
  readonly clientOverrides?: StoreClientOverrides;
  /** The runs' lease and heartbeat, and hooks for logs and the console. */
  readonly feedRunner?: FeedRunner | Omit<FeedRunnerOptions, 'hub' | 'clock' | 'clientOverrides'>;
  /** Sends due jobs every `tickMs` (default true; tests call {@link RunningJobWorker.tick}). */
  readonly autoTick?: boolean;
  readonly tickMs?: number;
  /** Requests per minute to one store host from every worker together (default 90); null: no pacing. */
  readonly hostRequestsPerMinute?: number | null;
  /** Requests in flight to one store host from every worker together (default 8); null: no limit. */
  readonly hostConcurrency?: number | null;
  /** pg-boss: how often an idle worker looks for jobs (default 2 s). */
  readonly pollingIntervalMs?: number;
  /** More queues (webhook deliveries, …): name → definition, worked like the others. */
  readonly queues?: Readonly<Record<string, QueueDefinition>>;
  readonly outboxHandlers?: readonly OutboxHandler[];
  readonly storeSlots?: number;
  readonly drain?: FeedJobsOptions['drain'];
  readonly metrics?: JobMetrics;
  readonly onRunFinished?: (outcome: RunOutcome) => void;
  readonly onRunSkipped?: (data: FeedJobData, reason: FeedJobSkip) => void;
  readonly onOutboxPass?: FeedJobsOptions['onOutboxPass'];
  readonly onError?: (error: unknown, context: string) => void;
}

export interface RunningJobWorker {
  /** This process in `prestabridge workers`. */
  readonly id: string;
  readonly jobs: JobRunner;
  readonly feedRunner: FeedRunner;
  readonly feedJobs: FeedJobs;
  readonly metrics: JobMetrics;
  /** One scheduling pass now (the timer calls it every `tickMs`). */
  tick(): Promise<{ feeds: number; outbox: number }>;
  /** Sends outbox jobs for stores with entries to send (something was just queued). */
  nudgeOutbox(): void;
  /** Renews every lease and run heartbeat of this process now (the clock jumped). */
  heartbeat(): Promise<void>;
  /** Stops taking jobs, stops running feeds at their next page, waits for them, leaves `workers`. */
  stop(): Promise<void>;
}

/**
 * A process's part in running jobs: the job runner (embedded or pg-boss) with the `feeds` and
 * `outbox` queues (and any others), the scheduler tick, the host pacer injected into every store
 * client, and the process's row in `workers`, renewed with what it runs. `prestabridge worker`,
 * `serve` on PostgreSQL and `serve --no-worker` are all this, with `work` on or off.
 */
export async function startJobWorker(options: JobWorkerOptions): Promise<RunningJobWorker> {
  const { hub } = options;
  const clock = options.clock ?? (() => new Date());
  const work = options.work ?? true;
  const concurrency = options.concurrency ?? 4;
  const metrics = options.metrics ?? new JobMetrics();
  const pacer =
    options.hostRequestsPerMinute === null
      ? undefined
      : new HostPacer(hub, {
          ...(options.hostRequestsPerMinute === undefined
            ? {}
            : { requestsPerMinute: options.hostRequestsPerMinute }),
          ...(options.hostConcurrency === undefined ? {} : { concurrency: options.hostConcurrency }),
        });
  const clientOverrides: StoreClientOverrides = {
    ...(pacer === undefined ? {} : { pacer }),
    ...options.clientOverrides,
  };
  const feedRunner =
    options.feedRunner instanceof FeedRunner
      ? options.feedRunner
      : new FeedRunner({ ...options.feedRunner, hub, clock, clientOverrides });
  const leaseMs = options.feedRunner instanceof FeedRunner ? undefined : options.feedRunner?.leaseMs;

  let jobs: JobRunner;
  if (options.runner === 'pg-boss') {
    if (hub.engine !== 'postgres' || options.databaseUrl === undefined)
      throw new Error(
        'The pg-boss job runner needs the hub on PostgreSQL: set DATABASE_URL=postgres://… (or use the embedded runner).',
      );
    jobs = new PgBossJobRunner({
      connectionString: options.databaseUrl,
      concurrency,
      ...(options.pollingIntervalMs === undefined ? {} : { pollingIntervalMs: options.pollingIntervalMs }),
    });
  } else {
    jobs = new EmbeddedJobRunner({ concurrency });
  }
  jobs.on('error', (error) => options.onError?.(error, 'job runner'));

  const stores = new Map<number, string>();
  const feedJobs = new FeedJobs({
    hub,
    jobs,
    runner: feedRunner,
    feeds: options.feeds,
    clock,
    ...(leaseMs === undefined ? {} : { leaseMs }),
    clientOverrides,
    ...(options.outboxHandlers === undefined ? {} : { outboxHandlers: options.outboxHandlers }),
    ...(options.storeSlots === undefined ? {} : { storeSlots: options.storeSlots }),
    ...(options.drain === undefined ? {} : { drain: options.drain }),
    onRunFinished: (outcome) => {
      // A runner handed in (serve's) counts its runs itself, those started through the API too.
      if (!(options.feedRunner instanceof FeedRunner)) metrics.recordRun(outcome, outcome.report.store);
      if (outcome.run.storeId !== null) stores.set(outcome.run.storeId, outcome.report.store);
      options.onRunFinished?.(outcome);
    },
    ...(options.onRunSkipped === undefined ? {} : { onRunSkipped: options.onRunSkipped }),
    onOutboxPass: (store, report: OutboxDrainReport) => options.onOutboxPass?.(store, report),
    onOutboxError: (store, error) => options.onError?.(error, `outbox of ${store.name}`),
  });
  feedJobs.define(concurrency);
  for (const [queue, definition] of Object.entries(options.queues ?? {})) jobs.define(queue, definition);
  const workQueues = work ? (options.workQueues ?? jobs.queues) : [];
  await jobs.start({ queues: workQueues });

  // The process's row in `workers`: renewed with what it runs, removed at a graceful stop.
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const presenceMs = Math.max(500, Math.floor((leaseMs ?? 60_000) / 4));
  await hub.workers.register({
    id,
    kind: options.kind,
    host: hostname(),
    pid: process.pid,
    runner: jobs.kind,
    queues: [...jobs.workedQueues],
    concurrency: work ? concurrency : 0,
  });
  const running = (): WorkerJob[] =>
    jobs.active.map((job) => ({
      queue: job.queue,
      storeId: typeof job.data.storeId === 'number' ? job.data.storeId : null,
      feed:
        (job.queue === FEED_QUEUE || job.queue === CATALOG_QUEUE) && typeof job.data.feed === 'string'
          ? job.data.feed
          : null,
      since: job.startedAt.toISOString(),
    }));
  const beat = (): void => {
    void hub.workers
      .heartbeat(id, running())
      .catch((error: unknown) => options.onError?.(error, 'worker heartbeat'));
  };
  jobs.on('job-started', beat);
  const presence = setInterval(beat, presenceMs);
  presence.unref();

  let ticking: Promise<{ feeds: number; outbox: number }> | undefined;
  const tick = (): Promise<{ feeds: number; outbox: number }> =>
    (ticking ??= feedJobs.tick().finally(() => (ticking = undefined)));
  let timer: NodeJS.Timeout | undefined;
  if (options.autoTick !== false) {
    const scheduled = (): void => {
      void tick().catch((error: unknown) => options.onError?.(error, 'scheduler'));
    };
    timer = setInterval(scheduled, options.tickMs ?? DEFAULT_JOB_TICK_MS);
    timer.unref();
    scheduled();
  }

  let stopping: Promise<void> | undefined;
  return {
    id,
    jobs,
    feedRunner,
    feedJobs,
    metrics,
    tick,
    async heartbeat() {
      await Promise.all([
        feedRunner.heartbeat(),
        feedJobs.renewLeases(),
        hub.workers.heartbeat(id, running()),
      ]);
    },
    nudgeOutbox() {
      void feedJobs.nudgeOutbox().catch((error: unknown) => options.onError?.(error, 'outbox'));
    },
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(timer);
        clearInterval(presence);
        await ticking?.catch(() => undefined);
        feedRunner.stopAll('shutting down');
        await jobs.stop();
        await feedJobs.close();
        await hub.workers.remove(id).catch(() => undefined);
      })()),
  };
}
