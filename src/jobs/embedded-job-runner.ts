import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

import {
  type ActiveJob,
  type EnqueueOptions,
  hasFreeSlot,
  type JobRunner,
  type JobRunnerEvents,
  type JobRunnerStartOptions,
  jobStopController,
  type QueueDefinition,
  type QueueDepth,
} from './job-runner.js';

interface WaitingJob {
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly key: string | undefined;
  readonly priority: number;
  readonly startAfter: number;
  readonly createdAt: Date;
  readonly seq: number;
  attempts: number;
}

interface QueueState {
  readonly definition: QueueDefinition;
  readonly waiting: WaitingJob[];
  running: number;
}

export interface EmbeddedJobRunnerOptions {
  /** Jobs of one queue running at once (default 4), unless the queue says otherwise. */
  readonly concurrency?: number;
  /** For `startAfter` and the depth report (default the system clock). */
  readonly clock?: () => Date;
}

/**
 * Runs jobs in this process, from queues kept in memory: for one machine (the SQLite default). A
 * job waiting at a shutdown is dropped — the scheduler sends it again when it is still due, and what
 * it stands for (a due feed, pending outbox entries) lives in the hub, not in the queue.
 */
export class EmbeddedJobRunner extends EventEmitter<JobRunnerEvents> implements JobRunner {
  readonly kind = 'embedded' as const;
  readonly #queues = new Map<string, QueueState>();
  readonly #active = new Map<string, ActiveJob>();
  readonly #running = new Set<Promise<void>>();
  readonly #concurrency: number;
  readonly #clock: () => Date;
  #controller = jobStopController();
  #worked = new Set<string>();
  #started = false;
  #seq = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: EmbeddedJobRunnerOptions = {}) {
    super();
    this.#concurrency = options.concurrency ?? 4;
    this.#clock = options.clock ?? (() => new Date());
  }

  get active(): readonly ActiveJob[] {
    return [...this.#active.values()];
  }

  get queues(): readonly string[] {
    return [...this.#queues.keys()];
  }

  get workedQueues(): readonly string[] {
    return [...this.#worked];
  }

  define<T extends object>(queue: string, definition: QueueDefinition<T>): void {
    this.#queues.set(queue, {
      definition: definition as unknown as QueueDefinition,
      waiting: [],
      running: 0,
    });
  }

  enqueue(
    queue: string,
    data: Readonly<Record<string, unknown>>,
    options: EnqueueOptions = {},
  ): Promise<boolean> {
    const state = this.#queue(queue);
    if (options.key !== undefined && state.waiting.some((job) => job.key === options.key))
      return Promise.resolve(false);
    const createdAt = this.#clock();
    state.waiting.push({
      id: randomUUID(),
      data,
      key: options.key,
      priority: options.priority ?? 0,
      startAfter: options.startAfter?.getTime() ?? 0,
      createdAt,
      seq: (this.#seq += 1),
      attempts: 0,
    });
    this.#pump();
    return Promise.resolve(true);
  }

  start(options: JobRunnerStartOptions = {}): Promise<void> {
    this.#worked = new Set((options.queues ?? this.queues).filter((queue) => this.#queues.has(queue)));
    this.#started = true;
    this.#controller = jobStopController();
    this.#pump();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#controller.abort('shutting down');
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  depths(): Promise<QueueDepth[]> {
    return Promise.resolve(
      [...this.#queues].map(([queue, state]) => {
        const waitingByStore: Record<string, number> = {};
        for (const job of state.waiting) {
          const storeId = job.data.storeId;
          if (typeof storeId === 'number') waitingByStore[storeId] = (waitingByStore[storeId] ?? 0) + 1;
        }
        const oldest = state.waiting.reduce<Date | null>(
          (min, job) => (min === null || job.createdAt < min ? job.createdAt : min),
          null,
        );
        return {
          queue,
          waiting: state.waiting.length,
          active: state.running,
          oldestWaitingAt: oldest?.toISOString() ?? null,
          waitingByStore,
        };
      }),
    );
  }

  #queue(queue: string): QueueState {
    const state = this.#queues.get(queue);
    if (!state) throw new Error(`No queue named '${queue}' is defined: define it before sending jobs to it.`);
    return state;
  }

  /** Starts every job that may start now; plans a wake-up for the earliest delayed one. */
  #pump(): void {
    if (!this.#started) return;
    clearTimeout(this.#timer);
    const now = this.#clock().getTime();
    let nextWake = Infinity;
    for (const queue of this.#worked) {
      const state = this.#queue(queue);
      while (hasFreeSlot(state.definition, state.running, this.#groupRunning(state), this.#concurrency)) {
        const job = this.#next(state, now);
        if (job === undefined) break;
        state.waiting.splice(state.waiting.indexOf(job), 1);
        this.#run(queue, state, job);
      }
      for (const job of state.waiting)
        if (job.startAfter > now) nextWake = Math.min(nextWake, job.startAfter);
    }
    if (nextWake !== Infinity) {
      this.#timer = setTimeout(() => this.#pump(), Math.max(10, nextWake - now));
      this.#timer.unref();
    }
  }

  /** Jobs running in the queues of `state`'s group (0 without a group). */
  #groupRunning(state: QueueState): number {
    const group = state.definition.group?.name;
    if (group === undefined) return 0;
    let running = 0;
    for (const other of this.#queues.values())
      if (other.definition.group?.name === group) running += other.running;
    return running;
  }

  #next(state: QueueState, now: number): WaitingJob | undefined {
    let best: WaitingJob | undefined;
    for (const job of state.waiting) {
      if (job.startAfter > now) continue;
      if (
        best === undefined ||
        job.priority > best.priority ||
        (job.priority === best.priority && job.seq < best.seq)
      )
        best = job;
    }
    return best;
  }

  #run(queue: string, state: QueueState, job: WaitingJob): void {
    state.running += 1;
    const active: ActiveJob = { id: job.id, queue, data: job.data, startedAt: this.#clock() };
    this.#active.set(job.id, active);
    const signal = this.#controller.signal;
    const started = Date.now();
    const done = (async () => {
      this.emit('job-started', active);
      let error: unknown;
      let failed = false;
      try {
        await state.definition.handler(job.data, { id: job.id, queue, signal });
      } catch (caught) {
        failed = true;
        error = caught;
      }
      state.running -= 1;
      this.#active.delete(job.id);
      if (failed && job.attempts < (state.definition.retries ?? 0) && !signal.aborted) {
        job.attempts += 1;
        state.waiting.push(job);
      }
      this.emit('job-finished', active, { ...(failed ? { error } : {}), durationMs: Date.now() - started });
      this.#pump();
    })();
    this.#running.add(done);
    void done.finally(() => this.#running.delete(done));
  }
}
