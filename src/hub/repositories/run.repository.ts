import { bulkInsert } from '../bulk-sql.js';
import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import { NotFoundError } from '../hub-errors.js';
import type { DbRun } from '../schema/hub-database.js';
import { appendEvents } from './event.repository.js';
import type { EventInput } from './event.types.js';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type RunTrigger = 'manual' | 'schedule' | 'api' | 'startup' | (string & {});

export interface RunCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
}

export interface RunProgress {
  readonly done: number;
  readonly total: number | null;
  readonly step: string | null;
}

/** One execution of a feed. */
export interface Run {
  readonly id: number;
  readonly storeId: number | null;
  readonly feed: string;
  readonly trigger: RunTrigger;
  readonly status: RunStatus;
  /** The worker running it (its lease token). */
  readonly owner: string | null;
  readonly counts: RunCounts;
  readonly progress: RunProgress;
  readonly startedAt: string;
  readonly heartbeatAt: string;
  readonly finishedAt: string | null;
  readonly report: unknown;
  readonly error: string | null;
  /** When a stop was asked from another process ({@link RunRepository.requestStop}), or null. */
  readonly stopRequestedAt: string | null;
}

export interface RunFailure {
  readonly id: number;
  readonly recordId: string;
  readonly reason: string;
  readonly at: string;
}

export interface RunListQuery {
  readonly storeId?: number;
  readonly feed?: string;
  readonly status?: RunStatus;
  /** Runs older than this id (paging backwards from the newest). */
  readonly beforeId?: number;
  readonly limit?: number;
}

function toRun(row: DbRun): Run {
  return {
    id: row.id,
    storeId: row.store_id,
    feed: row.feed,
    trigger: row.trigger,
    status: row.status as RunStatus,
    owner: row.owner,
    counts: {
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      skipped: row.skipped,
      failed: row.failed,
    },
    progress: { done: row.progress_done, total: row.progress_total, step: row.step },
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    finishedAt: row.finished_at,
    report: parseJson<unknown>(row.report, null),
    error: row.error,
    stopRequestedAt: row.stop_requested_at,
  };
}

/** `run.failed`, and `store.unreachable` when the store could not be reached. */
function runFailureEvents(row: DbRun, unreachable: boolean): EventInput[] {
  const error = row.error ?? 'the run failed';
  const events: EventInput[] = [
    {
      type: 'run.failed',
      storeId: row.store_id,
      subject: `run:${row.id}`,
      data: {
        runId: row.id,
        storeId: row.store_id,
        feed: row.feed,
        error,
        finishedAt: row.finished_at ?? '',
      },
    },
  ];
  if (unreachable && row.store_id !== null)
    events.push({
      type: 'store.unreachable',
      storeId: row.store_id,
      subject: `store:${row.store_id}`,
      data: { storeId: row.store_id, runId: row.id, feed: row.feed, error },
    });
  return events;
}

/**
 * Runs of feeds: counts, progress, failures and the final report. Add a page's counts inside the
 * page's transaction so that they match what was committed, even after a crash.
 *
 * @example
 * const run = await hub.runs.start({ storeId, feed: 'import-orders', trigger: 'manual', owner: token });
 * await hub.transaction(async (tx) => {
 *   const result = await tx.orders.upsertOrders(storeId, page);
 *   await tx.runs.addCounts(run.id, result.counts);
 * });
 * await hub.runs.finish(run.id, { status: 'succeeded', report: { pages: 3 } });
 */
export class RunRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async start(input: {
    storeId: number | null;
    feed: string;
    trigger: RunTrigger;
    owner?: string | null;
    total?: number | null;
  }): Promise<Run> {
    const now = nowIso(this.#ctx);
    const row = await write(this.#ctx, (db) =>
      db
        .insertInto('runs')
        .values({
          store_id: input.storeId,
          feed: input.feed,
          trigger: input.trigger,
          status: 'running',
          owner: input.owner ?? null,
          created: 0,
          updated: 0,
          unchanged: 0,
          skipped: 0,
          failed: 0,
          progress_done: 0,
          progress_total: input.total ?? null,
          step: null,
          started_at: now,
          heartbeat_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toRun(row);
  }

  /** Adds to the counts (and records failures with their record id and reason). */
  async addCounts(
    runId: number,
    counts: Partial<RunCounts>,
    failures: readonly { recordId: string | number; reason: string }[] = [],
  ): Promise<void> {
    const now = nowIso(this.#ctx);
    await write(this.#ctx, async (db) => {
      await db
        .updateTable('runs')
        .set((eb) => ({
          created: eb('created', '+', counts.created ?? 0),
          updated: eb('updated', '+', counts.updated ?? 0),
          unchanged: eb('unchanged', '+', counts.unchanged ?? 0),
          skipped: eb('skipped', '+', counts.skipped ?? 0),
          failed: eb('failed', '+', counts.failed ?? 0),
          heartbeat_at: now,
        }))
        .where('id', '=', runId)
        .execute();
      const rows = failures.map((failure) => ({
        run_id: runId,
        record_id: String(failure.recordId),
        reason: failure.reason,
        at: now,
      }));
      await bulkInsert(db, this.#ctx.engine, 'run_failures', rows);
    });
  }

  /** Reports progress (also a heartbeat). `done` adds to the progress when `increment` is set. */
  async progress(
    runId: number,
    progress: { done?: number; increment?: boolean; total?: number | null; step?: string | null },
  ): Promise<void> {
    await write(this.#ctx, (db) =>
      db
        .updateTable('runs')
        .set((eb) => ({
          heartbeat_at: nowIso(this.#ctx),
          ...(progress.done === undefined
            ? {}
            : {
                progress_done: progress.increment ? eb('progress_done', '+', progress.done) : progress.done,
              }),
          ...(progress.total === undefined ? {} : { progress_total: progress.total }),
          ...(progress.step === undefined ? {} : { step: progress.step }),
        }))
        .where('id', '=', runId)
        .execute(),
    );
  }

  async finish(
    runId: number,
    outcome: {
      status: Exclude<RunStatus, 'running'>;
      report?: unknown;
      error?: string | null;
      /** The run failed because the store could not be reached: a `store.unreachable` event too. */
      unreachable?: boolean;
    },
  ): Promise<Run> {
    const now = nowIso(this.#ctx);
    const row = await write(this.#ctx, async (db) => {
      const finished = await db
        .updateTable('runs')
        .set({
          status: outcome.status,
          finished_at: now,
          heartbeat_at: now,
          report: outcome.report === undefined ? null : JSON.stringify(outcome.report),
          error: outcome.error ?? null,
        })
        .where('id', '=', runId)
        .returningAll()
        .executeTakeFirst();
      if (finished && outcome.status === 'failed')
        await appendEvents(this.#ctx, db, runFailureEvents(finished, outcome.unreachable === true));
      return finished;
    });
    if (!row) throw new NotFoundError(`No run with id ${runId}.`);
    return toRun(row);
  }

  /** Marks running runs without a heartbeat since `staleBefore` as interrupted (their process died). */
  async interruptStale(staleBefore: Date): Promise<number> {
    const result = await write(this.#ctx, (db) =>
      db
        .updateTable('runs')
        .set({
          status: 'interrupted',
          finished_at: nowIso(this.#ctx),
          error:
            'The process running this feed stopped without finishing it; the next run resumes from the watermark.',
        })
        .where('status', '=', 'running')
        .where('heartbeat_at', '<', staleBefore.toISOString())
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows);
  }

  /**
   * Asks a running run to stop, from any process: the process running it sees the request with its
   * next heartbeat ({@link stopRequested}) and stops at the next page. Returns false when the run is
   * no longer running (nothing to stop); {@link NotFoundError} when there is no such run.
   */
  async requestStop(runId: number): Promise<boolean> {
    const result = await write(this.#ctx, async (db) => {
      const updated = await db
        .updateTable('runs')
        .set({ stop_requested_at: nowIso(this.#ctx) })
        .where('id', '=', runId)
        .where('status', '=', 'running')
        .where('stop_requested_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) return true;
      const row = await db
        .selectFrom('runs')
        .select(['status', 'stop_requested_at'])
        .where('id', '=', runId)
        .executeTakeFirst();
      if (!row) return undefined;
      // Asked twice: still a pending stop.
      return row.status === 'running';
    });
    if (result === undefined)
      throw new NotFoundError(`No run with id ${runId}. \`prestabridge runs list\` shows recent runs.`);
    return result;
  }

  /** Whether a stop was asked for this run from another process. */
  async stopRequested(runId: number): Promise<boolean> {
    const row = await this.#ctx.db
      .selectFrom('runs')
      .select('stop_requested_at')
      .where('id', '=', runId)
      .executeTakeFirst();
    return row !== undefined && row.stop_requested_at !== null;
  }

  async get(runId: number): Promise<Run> {
    const row = await this.#ctx.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!row)
      throw new NotFoundError(`No run with id ${runId}. \`prestabridge runs list\` shows recent runs.`);
    return toRun(row);
  }

  /** Runs, newest first. */
  async list(query: RunListQuery = {}): Promise<Run[]> {
    let select = this.#ctx.db.selectFrom('runs').selectAll();
    if (query.storeId !== undefined) select = select.where('store_id', '=', query.storeId);
    if (query.feed !== undefined) select = select.where('feed', '=', query.feed);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(query.limit ?? 50)
      .execute();
    return rows.map(toRun);
  }

  /** The newest run of every (store, feed) that has one, in one query (the job scheduler's scan). */
  async latestPerFeed(): Promise<Run[]> {
    const rows = await this.#ctx.db
      .selectFrom('runs')
      .selectAll()
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('runs')
          .select((inner) => inner.fn.max('id').as('id'))
          .groupBy(['store_id', 'feed']),
      )
      .execute();
    return rows.map(toRun);
  }

  /** Stores with at least one succeeded run of `feed` on record (the scheduler's catalog gate). */
  async storesWithSucceeded(feed: string): Promise<number[]> {
    const rows = await this.#ctx.db
      .selectFrom('runs')
      .select('store_id')
      .distinct()
      .where('feed', '=', feed)
      .where('status', '=', 'succeeded')
      .where('store_id', 'is not', null)
      .execute();
    return rows.flatMap((row) => (row.store_id === null ? [] : [row.store_id]));
  }

  /** The newest run of a feed for a store, if any. */
  async latest(storeId: number | null, feed: string): Promise<Run | undefined> {
    let select = this.#ctx.db.selectFrom('runs').selectAll().where('feed', '=', feed);
    select = storeId === null ? select.where('store_id', 'is', null) : select.where('store_id', '=', storeId);
    const row = await select.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toRun(row) : undefined;
  }

  async failures(runId: number, options: { afterId?: number; limit?: number } = {}): Promise<RunFailure[]> {
    const rows = await this.#ctx.db
      .selectFrom('run_failures')
      .select(['id', 'record_id', 'reason', 'at'])
      .where('run_id', '=', runId)
      .where('id', '>', options.afterId ?? 0)
      .orderBy('id')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map((row) => ({ id: row.id, recordId: row.record_id, reason: row.reason, at: row.at }));
  }

  /** Deletes finished runs older than `before` (with their failures). */
  async prune(before: Date): Promise<number> {
    const result = await write(this.#ctx, (db) =>
      db
        .deleteFrom('runs')
        .where('status', '!=', 'running')
        .where('started_at', '<', before.toISOString())
        .where('finished_at', 'is not', null)
        .executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }
}
