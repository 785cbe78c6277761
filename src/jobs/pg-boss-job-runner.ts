import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

import PgBoss from 'pg-boss';

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

/** pg-boss's own tables live in this schema of the hub's database. */
export const PG_BOSS_SCHEMA = 'pgboss';

export interface PgBossJobRunnerOptions {
  /** The hub's PostgreSQL URL (`DATABASE_URL`). */
  readonly connectionString: string;
  /** Jobs of one queue running at once in this process (default 4), unless the queue says otherwise. */
  readonly concurrency?: number;
  /** How often an idle worker looks for jobs (default 2 s; at least 0.5 s). */
  readonly pollingIntervalMs?: number;
  /** Connections pg-boss keeps to PostgreSQL (default 3). */
  readonly poolSize?: number;
  /** Its schema (default {@link PG_BOSS_SCHEMA}). */
  readonly schema?: string;
}

const HOUR_S = 3600;

/**
 * Jobs in pg-boss queues on the hub's PostgreSQL: any number of processes, on any machines, send and
 * work jobs of the same queues. A queue's `key` is pg-boss's singleton key under the `short` policy
 * (one waiting job per key, cluster-wide); a worker killed with its job leaves it `active` until it
 * expires — the hub's own run leases let another worker take the work over long before that.
 *
 * Jobs are fetched one at a time, by this class rather than pg-boss's `work()`, whenever a slot is
 * free: a queue's own `concurrency` and its group's slots ({@link QueueDefinition.group}) are the
 * same rules as the embedded runner's, so that a lane of lower-priority jobs keeps its reserved
 * share however many higher-priority jobs wait in another.
 *
 * pg-boss 10 is the newest line that runs on Node 20; nothing outside this file knows pg-boss, so
 * the move to the next major (Node 22) is a change here.
 */
export class PgBossJobRunner extends EventEmitter<JobRunnerEvents> implements JobRunner {
  readonly kind = 'pg-boss' as const;
  readonly #boss: PgBoss;
  readonly #options: PgBossJobRunnerOptions;
  readonly #definitions = new Map<string, QueueDefinition>();
  readonly #active = new Map<string, ActiveJob>();
  readonly #running = new Set<Promise<void>>();
  readonly #controller = jobStopController();
  #worked: string[] = [];
  #started = false;
  /** The fetch pass under way, and whether another was asked for meanwhile. */
  #filling: Promise<void> | undefined;
  #fillAgain = false;
  #poll: NodeJS.Timeout | undefined;

  constructor(options: PgBossJobRunnerOptions) {
    super();
    this.#options = options;
    this.#boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema ?? PG_BOSS_SCHEMA,
      max: options.poolSize ?? 3,
      application_name: 'prestabridge-jobs',
      // The hub schedules its feeds itself (per store settings); pg-boss's cron is not used.
      schedule: false,
    });
    this.#boss.on('error', (error) => this.emit('error', error));
  }

  get active(): readonly ActiveJob[] {
    return [...this.#active.values()];
  }

  get queues(): readonly string[] {
    return [...this.#definitions.keys()];
  }

  get workedQueues(): readonly string[] {
    return this.#worked;
  }

  define<T extends object>(queue: string, definition: QueueDefinition<T>): void {
    if (this.#started) throw new Error(`Define queue '${queue}' before the job runner starts.`);
    this.#definitions.set(queue, definition as unknown as QueueDefinition);
  }

  async start(options: JobRunnerStartOptions = {}): Promise<void> {
    if (this.#started) return;
    await this.#boss.start();
    this.#started = true;
    for (const [queue, definition] of this.#definitions) {
      const settings = {
        name: queue,
        policy: 'short' as const,
        retryLimit: definition.retries ?? 0,
        retryDelay: 5,
        retryBackoff: true,
        expireInSeconds: Math.min(
          23 * HOUR_S,
          Math.ceil((definition.timeoutMs ?? 12 * HOUR_S * 1000) / 1000),
        ),
      };
      // Every process creates the queues it knows; the first one wins, the others update the settings.
      if ((await this.#boss.getQueue(queue)) === null) {
        await this.#boss
          .createQueue(queue, settings)
          .catch(async () => this.#boss.updateQueue(queue, settings));
      } else {
        await this.#boss.updateQueue(queue, settings);
      }
    }
    this.#worked = (options.queues ?? this.queues).filter((queue) => this.#definitions.has(queue));
    this.#wake();
  }

  /** Fetches jobs for every free slot now (a job was sent or finished, or the poll came). */
  #wake(): void {
    if (!this.#started || this.#worked.length === 0) return;
    if (this.#filling !== undefined) {
      this.#fillAgain = true;
      return;
    }
    this.#filling = this.#fill()
      .catch((error: unknown) => {
        this.emit('error', error);
      })
      .finally(() => {
        this.#filling = undefined;
        if (!this.#started) return;
        clearTimeout(this.#poll);
        this.#poll = setTimeout(() => this.#wake(), Math.max(500, this.#options.pollingIntervalMs ?? 2000));
        this.#poll.unref();
      });
  }

  async #fill(): Promise<void> {
    do {
      this.#fillAgain = false;
      // Queues in the order they were defined: the first lane of a group is served first, up to its limit.
      for (const queue of this.#worked) {
        const definition = this.#definitions.get(queue)!;
        while (
          this.#started &&
          hasFreeSlot(
            definition,
            this.#runningIn((job) => job.queue === queue),
            this.#runningIn(
              (job) => this.#definitions.get(job.queue)?.group?.name === definition.group?.name,
            ),
            this.#options.concurrency ?? 4,
          )
        ) {
          const [job] = await this.#boss.fetch<Record<string, unknown>>(queue, {
            batchSize: 1,
            priority: true,
          });
          if (job === undefined) break;
          // Started even when the runner is stopping meanwhile: its signal is aborted, it returns at once.
          void this.#handle(queue, definition, job);
        }
      }
    } while (this.#fillAgain && this.#started);
  }

  #runningIn(where: (job: ActiveJob) => boolean): number {
    let count = 0;
    for (const job of this.#active.values()) if (where(job)) count += 1;
    return count;
  }

  async enqueue(
    queue: string,
    data: Readonly<Record<string, unknown>>,
    options: EnqueueOptions = {},
  ): Promise<boolean> {
    if (!this.#definitions.has(queue))
      throw new Error(`No queue named '${queue}' is defined: define it before sending jobs to it.`);
    const id = await this.#boss.send(
      queue,
      { ...data },
      {
        // Under the `short` policy a job without a key would share the empty key with every other one.
        singletonKey: options.key ?? `job:${randomUUID()}`,
        ...(options.priority === undefined ? {} : { priority: options.priority }),
        ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
      },
    );
    // This process looks at once instead of at its next poll (the others at theirs).
    if (id !== null && this.#worked.includes(queue)) this.#wake();
    return id !== null;
  }

  async #handle(
    queue: string,
    definition: QueueDefinition,
    job: PgBoss.Job<Record<string, unknown>>,
  ): Promise<void> {
    const active: ActiveJob = { id: job.id, queue, data: job.data, startedAt: new Date() };
    this.#active.set(job.id, active);
    const started = Date.now();
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.#running.add(done);
    this.emit('job-started', active);
    try {
      await definition.handler(job.data, { id: job.id, queue, signal: this.#controller.signal });
      // Completed before listeners hear it finished: the job has left the queue by then.
      await this.#boss.complete(queue, job.id).catch(() => undefined);
      this.emit('job-finished', active, { durationMs: Date.now() - started });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.#boss.fail(queue, job.id, { message }).catch(() => undefined);
      this.emit('job-finished', active, { error, durationMs: Date.now() - started });
    } finally {
      this.#active.delete(job.id);
      this.#running.delete(done);
      settle();
      this.#wake();
    }
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    clearTimeout(this.#poll);
    this.#controller.abort('shutting down');
    await this.#filling;
    clearTimeout(this.#poll);
    while (this.#running.size > 0) await Promise.all(this.#running);
    await this.#boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  }

  async depths(): Promise<QueueDepth[]> {
    const schema = this.#options.schema ?? PG_BOSS_SCHEMA;
    const db = this.#boss.getDb();
    const names = this.queues;
    const { rows } = await db.executeSql(
      `select name, state, data->>'storeId' as store, count(*)::int as n, min(created_on) as oldest
         from ${schema}.job
        where name = any($1) and state in ('created', 'retry', 'active')
        group by 1, 2, 3`,
      [names],
    );
    const depths = new Map<
      string,
      { waiting: number; active: number; oldest: Date | null; byStore: Record<string, number> }
    >(names.map((name) => [name, { waiting: 0, active: 0, oldest: null, byStore: {} }]));
    for (const row of rows as Array<{
      name: string;
      state: string;
      store: string | null;
      n: number;
      oldest: Date;
    }>) {
      const depth = depths.get(row.name);
      if (!depth) continue;
      if (row.state === 'active') {
        depth.active += row.n;
        continue;
      }
      depth.waiting += row.n;
      if (depth.oldest === null || row.oldest < depth.oldest) depth.oldest = row.oldest;
      if (row.store !== null) depth.byStore[row.store] = (depth.byStore[row.store] ?? 0) + row.n;
    }
    return [...depths].map(([queue, depth]) => ({
      queue,
      waiting: depth.waiting,
      active: depth.active,
      oldestWaitingAt: depth.oldest === null ? null : new Date(depth.oldest).toISOString(),
      waitingByStore: depth.byStore,
    }));
  }
}
