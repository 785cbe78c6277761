import type { Kysely } from 'kysely';

import { bulkInsert } from '../bulk-sql.js';
import { type HubContext, nowIso } from '../hub-context.js';
import type { HubDatabase, IdTable } from '../schema/hub-database.js';
import {
  type Binding,
  BINDING_KEY,
  compareIds,
  resolveBindings,
  upsertBindings,
} from './binding.repository.js';
import type { UpsertedItem, UpsertResult } from './catalog.types.js';

/** The outcome of {@link planBoundUpsert}: which records are new (with their reserved ids) and which exist. */
export interface BoundUpsertPlan {
  /** New records: external id → the local id reserved and bound for it. */
  readonly created: Map<string, number>;
  /** Records already bound (including ones bound by a concurrent writer meanwhile). */
  readonly existing: Map<string, Binding>;
}

/**
 * The conflict-safe first step of every bulk upsert by binding. Resolves the page's bindings, reserves
 * ids for the unbound records and claims their bindings with `INSERT … ON CONFLICT DO NOTHING`.
 * A binding claimed meanwhile by a concurrent writer (PostgreSQL waits for it to commit) turns that
 * record into an update of the winner's local id, so a record is never created twice.
 */
export async function planBoundUpsert(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
  resource: string,
  table: IdTable,
  externalIds: readonly string[],
  details?: (externalId: string) => { externalUpdatedAt?: string | null; contentHash?: string | null },
): Promise<BoundUpsertPlan> {
  const existing = await resolveBindings(ctx, db, storeId, resource, externalIds);
  const unbound = [...new Set(externalIds)].filter((id) => !existing.has(id)).sort(compareIds);
  const created = new Map<string, number>();
  if (unbound.length === 0) return { created, existing };

  const ids = await ctx.engine.allocateIds(db, table, unbound.length);
  const now = nowIso(ctx);
  const claimed = new Set<string>();
  const rows = unbound.map((externalId, index) => {
    const extra = details?.(externalId);
    return {
      store_id: storeId,
      resource,
      external_id: externalId,
      local_id: ids[index] ?? 0,
      external_updated_at: extra?.externalUpdatedAt ?? null,
      content_hash: extra?.contentHash ?? null,
      synced_at: now,
      deleted_at: null,
    };
  });
  const inserted = await bulkInsert<{ external_id: string }>(db, ctx.engine, 'bindings', rows, {
    conflict: BINDING_KEY,
    returning: ['external_id'],
  });
  for (const row of inserted) claimed.add(row.external_id);
  unbound.forEach((externalId, index) => {
    if (claimed.has(externalId)) created.set(externalId, ids[index] ?? 0);
  });
  const lost = unbound.filter((id) => !claimed.has(id));
  if (lost.length > 0) {
    for (const [externalId, binding] of await resolveBindings(ctx, db, storeId, resource, lost)) {
      existing.set(externalId, binding);
    }
  }
  return { created, existing };
}

/** One record of a page for {@link upsertBoundRows}: its columns and the hash of its store content. */
export interface BoundRow {
  readonly externalId: string;
  readonly externalUpdatedAt: string | null;
  readonly hash: string;
  /** Column values without `id`, `created_at` and `updated_at`. */
  readonly columns: Record<string, unknown>;
}

/**
 * Upserts a page of simple bound records (one row each): new ones inserted, changed ones updated in
 * one multi-row statement, unchanged ones (same hash as when last synced) left alone.
 */
export async function upsertBoundRows(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
  resource: string,
  table: IdTable,
  records: readonly BoundRow[],
): Promise<UpsertResult> {
  const unique = [...new Map(records.map((record) => [record.externalId, record])).values()];
  const first = unique[0];
  if (first === undefined) return { items: [], counts: { created: 0, updated: 0, unchanged: 0 } };
  const byId = new Map(unique.map((record) => [record.externalId, record]));
  const plan = await planBoundUpsert(ctx, db, storeId, resource, table, [...byId.keys()], (externalId) => ({
    externalUpdatedAt: byId.get(externalId)?.externalUpdatedAt ?? null,
    contentHash: byId.get(externalId)?.hash ?? null,
  }));
  const now = nowIso(ctx);
  const items: UpsertedItem[] = [];
  const rows: Record<string, unknown>[] = [];
  const touched: BoundRow[] = [];
  for (const record of unique) {
    const created = plan.created.get(record.externalId);
    const binding = plan.existing.get(record.externalId);
    const id = created ?? binding?.localId ?? 0;
    const unchanged =
      binding !== undefined && binding.contentHash === record.hash && binding.deletedAt === null;
    items.push({
      externalId: record.externalId,
      localId: id,
      outcome: created ? 'created' : unchanged ? 'unchanged' : 'updated',
    });
    if (!unchanged) rows.push({ id, ...record.columns, created_at: now, updated_at: now });
    if (binding !== undefined && (!unchanged || binding.externalUpdatedAt !== record.externalUpdatedAt))
      touched.push(record);
  }
  await bulkInsert(db, ctx.engine, table, rows, {
    conflict: ['id'],
    update: [...Object.keys(first.columns), 'updated_at'],
  });
  await upsertBindings(
    ctx,
    db,
    storeId,
    resource,
    touched.map((record) => ({
      externalId: record.externalId,
      localId: plan.existing.get(record.externalId)?.localId ?? 0,
      externalUpdatedAt: record.externalUpdatedAt,
      contentHash: record.hash,
    })),
  );
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const item of items) counts[item.outcome] += 1;
  return { items, counts };
}
