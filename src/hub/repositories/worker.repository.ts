import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import type { DbWorker } from '../schema/hub-database.js';

/** What a worker runs at the moment: a job of a queue, for a store (and a feed) when it has one. */
export interface WorkerJob {
  readonly queue: string;
  readonly storeId: number | null;
  readonly feed: string | null;
  readonly since: string;
}

/** A process that runs jobs, as it last told the hub. */
export interface WorkerRecord {
  /** `host:pid:random`. */
  readonly id: string;
  /** `worker` (`prestabridge worker`) or `serve`. */
  readonly kind: string;
  readonly host: string;
  readonly pid: number;
  /** `embedded` or `pg-boss`. */
  readonly runner: string;
  readonly queues: readonly string[];
  readonly concurrency: number;
  readonly running: readonly WorkerJob[];
  readonly startedAt: string;
  readonly heartbeatAt: string;
}

export interface WorkerRegistration {
  readonly id: string;
  readonly kind: string;
  readonly host: string;
  readonly pid: number;
  readonly runner: string;
  readonly queues: readonly string[];
  readonly concurrency: number;
}

function toRecord(row: DbWorker): WorkerRecord {
  return {
    id: row.id,
    kind: row.kind,
    host: row.host,
    pid: row.pid,
    runner: row.runner,
    queues: parseJson<string[]>(row.queues, []),
    concurrency: row.concurrency,
    running: parseJson<WorkerJob[]>(row.running, []),
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
  };
}

/**
 * The processes that run jobs: each registers at start, renews its row with what it runs (the
 * heartbeat) and removes it at a graceful stop. A process killed without stopping stays until its
 * heartbeat is older than the lease; {@link live} leaves it out from then on.
 */
export class WorkerRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async register(worker: WorkerRegistration): Promise<void> {
    const now = nowIso(this.#ctx);
    await write(this.#ctx, (db) =>
      db
        .insertInto('workers')
        .values({
          id: worker.id,
          kind: worker.kind,
          host: worker.host,
          pid: worker.pid,
          runner: worker.runner,
          queues: JSON.stringify(worker.queues),
          concurrency: worker.concurrency,
          running: '[]',
          started_at: now,
          heartbeat_at: now,
        })
        .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: now }))
        .execute(),
    );
  }

  /** Renews the worker's row with what it runs now. */
  async heartbeat(id: string, running: readonly WorkerJob[]): Promise<void> {
    await write(this.#ctx, (db) =>
      db
        .updateTable('workers')
        .set({ heartbeat_at: nowIso(this.#ctx), running: JSON.stringify(running) })
        .where('id', '=', id)
        .execute(),
    );
  }

  async remove(id: string): Promise<void> {
    await write(this.#ctx, (db) => db.deleteFrom('workers').where('id', '=', id).execute());
  }

  /** Workers whose heartbeat is not older than `staleBefore`, oldest first. */
  async live(staleBefore: Date): Promise<WorkerRecord[]> {
    const rows = await this.#ctx.db
      .selectFrom('workers')
      .selectAll()
      .where('heartbeat_at', '>=', staleBefore.toISOString())
      .orderBy('started_at')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  /** Removes the rows of workers silent since `staleBefore` (killed); returns how many. */
  async prune(staleBefore: Date): Promise<number> {
    const result = await write(this.#ctx, (db) =>
      db.deleteFrom('workers').where('heartbeat_at', '<', staleBefore.toISOString()).executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }
}
