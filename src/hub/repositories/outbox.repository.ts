import type { Kysely } from 'kysely';

import { bulkInsert, chunked, inList } from '../bulk-sql.js';
import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import { redact } from '../redact.js';
import type { DbOutboxEntry, HubDatabase } from '../schema/hub-database.js';

/**
 * `pending` waits (maybe until `nextAttemptAt`), `in_flight` is claimed by a drainer under a lease,
 * `done` was delivered, `failed` was given up (kept for the console; {@link OutboxRepository.retry}
 * puts it back).
 */
export type OutboxStatus = 'pending' | 'in_flight' | 'done' | 'failed';

/** Kinds written by the hub itself; feeds may add their own. */
export type OutboxKind = 'stock' | 'order_state' | 'shipment' | 'product' | (string & {});

export interface OutboxInput {
  readonly storeId: number;
  readonly kind: OutboxKind;
  /** What the change is about, e.g. `variant:42` or `order:1200`; entries of one target are sent in order. */
  readonly target: string;
  readonly payload: unknown;
  /** Last value wins: one open entry per store and target. Default: true for `stock`, false otherwise. */
  readonly coalesce?: boolean;
  /** Not before this instant (default: now). */
  readonly notBefore?: Date;
}

export interface OutboxEntry {
  readonly id: number;
  readonly storeId: number;
  readonly kind: OutboxKind;
  readonly target: string;
  readonly payload: unknown;
  readonly status: OutboxStatus;
  readonly coalesces: boolean;
  /** Bumped each time a newer value is coalesced into the entry. */
  readonly revision: number;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
}

/** An entry handed to a drainer; pass it back to `complete` or `fail`. */
export interface ClaimedOutboxEntry extends OutboxEntry {
  readonly leaseOwner: string;
}

export interface ClaimOptions {
  /** The drainer's token (unique per drainer). */
  readonly owner: string;
  readonly limit: number;
  /** How long the claim holds; an entry still in flight after that is handed out again. */
  readonly leaseMs: number;
  readonly storeId?: number;
  readonly kinds?: readonly OutboxKind[];
  /** Only entries of these targets (a run that delivers its own selection); empty claims nothing. */
  readonly targets?: readonly string[];
}

/** `done`; `requeued`: a newer value was coalesced meanwhile and waits to be sent; `lost`: the lease had expired and moved on. */
export type CompleteOutcome = 'done' | 'requeued' | 'lost';

const OPEN = ['pending', 'in_flight'] as const;

function slotFor(input: OutboxInput): string | null {
  const coalesce = input.coalesce ?? input.kind === 'stock';
  return coalesce ? `${input.kind}|${input.target}` : null;
}

/** Writes outbox entries on `db` (the caller's transaction): the shared path of every repository that queues changes. */
export async function enqueueOutbox(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  inputs: readonly OutboxInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  const now = nowIso(ctx);
  const bySlot = new Map<string, OutboxInput>();
  const plain: OutboxInput[] = [];
  for (const input of inputs) {
    const slot = slotFor(input);
    if (slot === null) plain.push(input);
    else bySlot.set(`${input.storeId}|${slot}`, input);
  }
  const toRow = (input: OutboxInput) => ({
    store_id: input.storeId,
    kind: input.kind,
    target: input.target,
    payload: JSON.stringify(input.payload ?? null),
    status: 'pending',
    coalesce_slot: slotFor(input),
    revision: 1,
    attempts: 0,
    next_attempt_at: input.notBefore?.toISOString() ?? now,
    created_at: now,
    updated_at: now,
  });
  await bulkInsert(db, ctx.engine, 'outbox', plain.map(toRow));
  // Sorted so that concurrent writers take the slots' locks in the same order.
  const coalescing = [...bySlot.values()]
    .map(toRow)
    .sort((a, b) => a.store_id - b.store_id || (a.coalesce_slot ?? '').localeCompare(b.coalesce_slot ?? ''));
  await bulkInsert(db, ctx.engine, 'outbox', coalescing, {
    conflict: ['store_id', 'coalesce_slot'],
    update: ['payload', 'updated_at'],
    updateRaw: ['"revision" = "outbox"."revision" + 1'],
  });
}

function toEntry(row: DbOutboxEntry): OutboxEntry {
  return {
    id: row.id,
    storeId: row.store_id,
    kind: row.kind,
    target: row.target,
    payload: parseJson<unknown>(row.payload, null),
    status: row.status as OutboxStatus,
    coalesces: row.coalesce_slot !== null,
    revision: row.revision,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

/**
 * Changes waiting to be written to a store. Enqueue inside the transaction of the change that causes
 * them; drain with `claim` → send → `complete` / `fail`. Entries of one (store, target) go out in order,
 * one at a time; coalescing entries (stock) keep one open row per target whose payload is the latest value.
 *
 * @example
 * await hub.transaction(async (tx) => {
 *   await tx.stock.recordMovements([...]);
 *   await tx.outbox.enqueue({ storeId, kind: 'stock', target: 'variant:42', payload: { quantity: 7 } });
 * });
 * for (const entry of await hub.outbox.claim({ owner: token, limit: 50, leaseMs: 60_000 })) {
 *   try { await send(entry); await hub.outbox.complete(entry); }
 *   catch (error) { await hub.outbox.fail(entry, { error: String(error), retryAt: backoff(entry.attempts) }); }
 * }
 */
export class OutboxRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /** Adds one entry (or coalesces it into the open entry of its target). */
  async enqueue(input: OutboxInput): Promise<void> {
    await this.enqueueMany([input]);
  }

  /** Adds entries in bulk; for coalescing ones the last of a target in the list wins. */
  async enqueueMany(inputs: readonly OutboxInput[]): Promise<void> {
    if (inputs.length === 0) return;
    await write(this.#ctx, (db) => enqueueOutbox(this.#ctx, db, inputs));
  }

  /**
   * Claims up to `limit` due entries for a drainer: pending ones whose time has come, and in-flight
   * ones whose lease expired (their drainer died). Never two entries of one target at once, never an
   * entry claimed by another live drainer (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: one writer).
   */
  async claim(options: ClaimOptions): Promise<ClaimedOutboxEntry[]> {
    if (options.targets?.length === 0) return [];
    const now = nowIso(this.#ctx);
    const leaseEnd = new Date(this.#ctx.clock().getTime() + options.leaseMs).toISOString();
    const postgres = this.#ctx.engine.kind === 'postgres';
    const rows = await write(this.#ctx, (db) =>
      db
        .updateTable('outbox')
        .set((eb) => ({
          status: 'in_flight',
          lease_owner: options.owner,
          lease_expires_at: leaseEnd,
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where('id', 'in', (eb) => {
          let due = eb
            .selectFrom('outbox as o')
            .select('o.id')
            .where((w) =>
              w.or([
                w.and([w('o.status', '=', 'pending'), w('o.next_attempt_at', '<=', now)]),
                w.and([w('o.status', '=', 'in_flight'), w('o.lease_expires_at', '<=', now)]),
              ]),
            )
            .where((w) =>
              w.not(
                w.exists(
                  w
                    .selectFrom('outbox as e')
                    .select('e.id')
                    .whereRef('e.store_id', '=', 'o.store_id')
                    .whereRef('e.target', '=', 'o.target')
                    .whereRef('e.id', '<', 'o.id')
                    .where('e.status', 'in', OPEN),
                ),
              ),
            );
          if (options.storeId !== undefined) due = due.where('o.store_id', '=', options.storeId);
          if (options.kinds !== undefined && options.kinds.length > 0)
            due = due.where('o.kind', 'in', options.kinds);
          if (options.targets !== undefined) due = due.where('o.target', 'in', [...options.targets]);
          due = due.orderBy('o.id').limit(options.limit);
          return postgres ? due.forUpdate().skipLocked() : due;
        })
        .returningAll()
        .execute(),
    );
    return rows.sort((a, b) => a.id - b.id).map((row) => toEntry(row) as ClaimedOutboxEntry);
  }

  /**
   * Marks a claimed entry delivered — or pending again if a newer value was coalesced into it meanwhile.
   * `note`: what went wrong around a change that was made (the store could not e-mail the customer),
   * kept in the delivered entry's `lastError`.
   */
  async complete(entry: ClaimedOutboxEntry, options: { note?: string } = {}): Promise<CompleteOutcome> {
    const [outcome] = await this.completeMany([{ entry, ...options }]);
    return outcome!;
  }

  /**
   * {@link complete} for several entries in one transaction — a batch the store took in one request
   * is recorded with one commit, not one per row (200 commits were most of a stock batch's time).
   * @returns each entry's outcome, in the order given.
   */
  async completeMany(
    delivered: readonly { readonly entry: ClaimedOutboxEntry; readonly note?: string }[],
  ): Promise<CompleteOutcome[]> {
    if (delivered.length === 0) return [];
    const now = nowIso(this.#ctx);
    return write(this.#ctx, async (db) => {
      const outcomes: CompleteOutcome[] = [];
      for (const { entry, note } of delivered)
        outcomes.push(
          await completeOne(db, entry, note === undefined ? null : redact(note).slice(0, 4000), now),
        );
      return outcomes;
    });
  }

  /**
   * Records a failed attempt: pending again at `retryAt`, or given up (`failed`) when `retryAt` is null.
   * A newer coalesced value is never given up with the old one: it stays pending.
   * @returns the entry's status afterwards, or `lost` when the lease had moved on.
   */
  async fail(
    entry: ClaimedOutboxEntry,
    outcome: { error: string; retryAt: Date | null },
  ): Promise<OutboxStatus | 'lost'> {
    const now = nowIso(this.#ctx);
    const error = redact(outcome.error).slice(0, 4000);
    return write(this.#ctx, async (db) => {
      const row = await db
        .selectFrom('outbox')
        .select(['revision'])
        .where('id', '=', entry.id)
        .where('status', '=', 'in_flight')
        .where('lease_owner', '=', entry.leaseOwner)
        .executeTakeFirst();
      if (!row) return 'lost';
      const giveUp = outcome.retryAt === null && row.revision === entry.revision;
      await db
        .updateTable('outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          ...(giveUp ? { coalesce_slot: null } : {}),
          next_attempt_at: outcome.retryAt?.toISOString() ?? now,
          last_error: error,
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
        })
        .where('id', '=', entry.id)
        .execute();
      return giveUp ? 'failed' : 'pending';
    });
  }

  /**
   * Hands claimed entries back without an attempt (a drainer stopping before it sent them): pending
   * again at once, their attempt count as before the claim. Entries whose lease moved on are left alone.
   * @returns how many were released.
   */
  async release(entries: readonly ClaimedOutboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const now = nowIso(this.#ctx);
    return write(this.#ctx, async (db) => {
      let released = 0;
      for (const entry of entries) {
        const result = await db
          .updateTable('outbox')
          .set((eb) => ({
            status: 'pending',
            attempts: eb('attempts', '-', 1),
            next_attempt_at: now,
            lease_owner: null,
            lease_expires_at: null,
            updated_at: now,
          }))
          .where('id', '=', entry.id)
          .where('status', '=', 'in_flight')
          .where('lease_owner', '=', entry.leaseOwner)
          .executeTakeFirst();
        released += Number(result.numUpdatedRows);
      }
      return released;
    });
  }

  /**
   * Open entries (pending or in flight) of one kind for these targets of a store: what a feed
   * checks so that it does not queue the same change twice.
   */
  async openEntries(storeId: number, kind: OutboxKind, targets: readonly string[]): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    for (const chunk of chunked([...new Set(targets)], 5000)) {
      const rows = await this.#ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('kind', '=', kind)
        .where('status', 'in', OPEN)
        .where(inList(this.#ctx.engine.kind, 'target', chunk))
        .orderBy('id')
        .execute();
      entries.push(...rows.map(toEntry));
    }
    return entries;
  }

  /** Puts a given-up entry back in the queue (from the console or CLI). */
  async retry(id: number): Promise<boolean> {
    const now = nowIso(this.#ctx);
    return write(this.#ctx, async (db) => {
      const row = await db
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .executeTakeFirst();
      if (!row) return false;
      await db
        .updateTable('outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
      return true;
    });
  }

  async list(
    query: {
      storeId?: number;
      status?: OutboxStatus;
      kind?: OutboxKind;
      /** `variant:42`, `order:1200`: what the entries are about. */
      target?: string;
      /** Open only: pending or in flight (wins over `status`). */
      open?: boolean;
      beforeId?: number;
      limit?: number;
    } = {},
  ): Promise<OutboxEntry[]> {
    let select = this.#ctx.db.selectFrom('outbox').selectAll();
    if (query.storeId !== undefined) select = select.where('store_id', '=', query.storeId);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
    if (query.target !== undefined) select = select.where('target', '=', query.target);
    if (query.open === true) select = select.where('status', 'in', ['pending', 'in_flight']);
    if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(query.limit ?? 100)
      .execute();
    return rows.map(toEntry);
  }

  /** Entries per status (for a store, or all). */
  async counts(storeId?: number): Promise<Record<OutboxStatus, number>> {
    let select = this.#ctx.db
      .selectFrom('outbox')
      .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
      .groupBy('status');
    if (storeId !== undefined) select = select.where('store_id', '=', storeId);
    const counts: Record<OutboxStatus, number> = { pending: 0, in_flight: 0, done: 0, failed: 0 };
    for (const row of await select.execute()) counts[row.status as OutboxStatus] = Number(row.count);
    return counts;
  }

  /**
   * Stores with entries to send now: pending and due, or in flight under a lease that expired (their
   * drainer died). What the job scheduler sends outbox jobs for.
   */
  async storesWithDueEntries(): Promise<number[]> {
    const now = nowIso(this.#ctx);
    const rows = await this.#ctx.db
      .selectFrom('outbox')
      .select('store_id')
      .distinct()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'in_flight'), eb('lease_expires_at', '<=', now)]),
        ]),
      )
      .execute();
    return rows.map((row) => row.store_id);
  }

  /** Open entries (pending or in flight) per store id, for the depth gauges. */
  async openPerStore(): Promise<Map<number, number>> {
    const rows = await this.#ctx.db
      .selectFrom('outbox')
      .select((eb) => ['store_id', eb.fn.countAll<number>().as('count')])
      .where('status', 'in', ['pending', 'in_flight'])
      .groupBy('store_id')
      .execute();
    return new Map(rows.map((row) => [row.store_id, Number(row.count)]));
  }

  /** Deletes delivered entries completed before `before`. */
  async prune(before: Date): Promise<number> {
    const result = await write(this.#ctx, (db) =>
      db
        .deleteFrom('outbox')
        .where('status', '=', 'done')
        .where('completed_at', '<', before.toISOString())
        .executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }
}

/** One entry of {@link OutboxRepository.completeMany}, inside its transaction. */
async function completeOne(
  db: Kysely<HubDatabase>,
  entry: ClaimedOutboxEntry,
  note: string | null,
  now: string,
): Promise<CompleteOutcome> {
  const delivered = await db
    .updateTable('outbox')
    .set({
      status: 'done',
      coalesce_slot: null,
      completed_at: now,
      lease_owner: null,
      lease_expires_at: null,
      last_error: note,
      updated_at: now,
    })
    .where('id', '=', entry.id)
    .where('status', '=', 'in_flight')
    .where('lease_owner', '=', entry.leaseOwner)
    .where('revision', '=', entry.revision)
    .executeTakeFirst();
  if (delivered.numUpdatedRows > 0n) return 'done';
  // A newer value was coalesced into it while it was in flight: that value still has to go.
  const requeued = await db
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_owner: null,
      lease_expires_at: null,
      last_error: null,
      updated_at: now,
    })
    .where('id', '=', entry.id)
    .where('status', '=', 'in_flight')
    .where('lease_owner', '=', entry.leaseOwner)
    .executeTakeFirst();
  return requeued.numUpdatedRows > 0n ? 'requeued' : 'lost';
}
