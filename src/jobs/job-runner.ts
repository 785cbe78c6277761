import { type EventEmitter, setMaxListeners } from 'node:events';

/** The queues PrestaBridge itself uses; others (webhook deliveries, …) register their own. */
/** Order feeds (imports, updates and retries of orders): frequent and short, first served. */
export const FEED_QUEUE = 'feeds';
/** Every other scheduled feed: catalog and customer imports, sweeps, checks, exports. */
export const CATALOG_QUEUE = 'feeds-catalog';
export const OUTBOX_QUEUE = 'outbox';

/**
 * Job priorities, higher first: writes waiting for a store, then order imports, then the rest of
 * the imports, then catalog sweeps and checks (see {@link feedPriority}).
 */
export const JOB_PRIORITY = {
  outbox: 30,
  delivery: 25,
  orders: 20,
  imports: 10,
  sweeps: 0,
} as const;

export interface EnqueueOptions {
  /**
   * At most one job of this key waits in the queue at a time — across every process of the hub on
   * pg-boss — a second one sent while the first waits is dropped (`enqueue` answers false). A job
   * of the key that has started does not count: the next one may wait behind it.
   */
  readonly key?: string;
  /** Higher runs first (default 0). */
  readonly priority?: number;
  /** Not before this instant (default: now). */
  readonly startAfter?: Date;
}

/** What a handler is told besides the job's data. */
export interface JobContext {
  readonly id: string;
  readonly queue: string;
  /** Aborted when the runner stops: finish the current page or delivery and return. */
  readonly signal: AbortSignal;
}

export type JobHandler<T extends object = Record<string, unknown>> = (
  data: T,
  job: JobContext,
) => Promise<void>;

export interface QueueDefinition<T extends object = Record<string, unknown>> {
  readonly handler: JobHandler<T>;
  /** Jobs of this queue run at once in this process (default the runner's concurrency). */
  readonly concurrency?: number;
  /**
   * Slots shared with the other queues of the same group name, in this process: the group's queues
   * together run at most `slots` jobs, each queue at most its own `concurrency`. A queue whose
   * `concurrency` is below the group's slots leaves the difference to the others — a share reserved
   * for them however many jobs it has waiting (see {@link laneConcurrency}).
   */
  readonly group?: { readonly name: string; readonly slots: number };
  /** Attempts after a failure (default 0: the scheduler sends the job again when it is due). */
  readonly retries?: number;
  /** A job running longer than this is given up by the queue (default 12 h; pg-boss caps it below 24 h). */
  readonly timeoutMs?: number;
}

/** How many jobs of a queue wait and run, cluster-wide on pg-boss, this process's on the embedded runner. */
export interface QueueDepth {
  readonly queue: string;
  readonly waiting: number;
  readonly active: number;
  /** When the oldest waiting job was sent (ISO), or null. */
  readonly oldestWaitingAt: string | null;
  /** Waiting jobs per store id (jobs whose data carries a `storeId`). */
  readonly waitingByStore: Readonly<Record<string, number>>;
}

/** A job a runner is running at the moment, in this process. */
export interface ActiveJob {
  readonly id: string;
  readonly queue: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly startedAt: Date;
}

/** What a runner tells its listeners (logs, metrics, tests waiting on events instead of sleeping). */
export interface JobRunnerEvents {
  'job-started': [job: ActiveJob];
  'job-finished': [job: ActiveJob, outcome: { readonly error?: unknown; readonly durationMs: number }];
  /** A problem of the runner itself (lost database connection, …), not of a job. */
  error: [error: unknown];
}

export interface JobRunnerStartOptions {
  /**
   * Work on jobs of these queues (default every defined queue); an empty list works on none: the
   * process only sends jobs (`serve --no-worker`).
   */
  readonly queues?: readonly string[];
}

/**
 * How jobs are queued and run: a strategy with two implementations, the {@link EmbeddedJobRunner}
 * (in this process, for one machine on SQLite) and the {@link PgBossJobRunner} (pg-boss on the hub's
 * PostgreSQL, any number of processes on any machines). Both pass the same test battery
 * (`test/jobs/job-runner.battery.test.ts`).
 *
 * @example
 * runner.define('webhooks', { handler: async (data, job) => deliver(data, job.signal), retries: 5 });
 * await runner.start();
 * await runner.enqueue('webhooks', { storeId: 3, deliveryId: 41 }, { key: 'delivery:41' });
 */
export interface JobRunner extends Pick<EventEmitter<JobRunnerEvents>, 'on' | 'off' | 'once'> {
  readonly kind: 'embedded' | 'pg-boss';
  /** Defines a queue and its handler; call before {@link start}. Every process defines the same queues. */
  define<T extends object>(queue: string, definition: QueueDefinition<T>): void;
  /** Queues a job; false when it was dropped because a job of its key already waits. */
  enqueue(queue: string, data: Readonly<Record<string, unknown>>, options?: EnqueueOptions): Promise<boolean>;
  start(options?: JobRunnerStartOptions): Promise<void>;
  /** Stops taking jobs, aborts the running ones' signals and waits for them to return. */
  stop(): Promise<void>;
  /** Jobs running in this process. */
  readonly active: readonly ActiveJob[];
  /** Queue names defined, and those this process works on. */
  readonly queues: readonly string[];
  readonly workedQueues: readonly string[];
  depths(): Promise<QueueDepth[]>;
}

/**
 * Each queue's concurrency when `lanes` queues share `slots` slots: every lane may take all but the
 * share reserved for the others (a quarter of the slots, at least one, split between the other
 * lanes), so that no lane waits behind another's endless supply of higher-priority jobs, while a
 * lane alone may use nearly all of them. With fewer slots than lanes each lane gets one.
 */
export function laneConcurrency(slots: number, lanes: number): number {
  if (lanes <= 1) return slots;
  const reserved = Math.max(lanes - 1, Math.floor(slots / 4));
  return Math.max(1, slots - reserved);
}

/** Whether a queue may start one more job now: its own limit and its group's. */
export function hasFreeSlot(
  definition: QueueDefinition,
  running: number,
  groupRunning: number,
  defaultConcurrency: number,
): boolean {
  if (running >= (definition.concurrency ?? defaultConcurrency)) return false;
  return definition.group === undefined || groupRunning < definition.group.slots;
}

/**
 * The controller whose signal a runner hands to every job it runs, aborted when the runner stops.
 * Each running job listens to it (a feed job ties its run's stop to it), so a runner with more than
 * ten job slots would pass Node's default of ten listeners and warn of a leak that is not one: every
 * job removes its listener when it ends.
 */
export function jobStopController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
