import type { ExpressionBuilder, Kysely } from 'kysely';

import { bulkInsert, inList } from '../bulk-sql.js';
import { type HubContext, nowIso, write } from '../hub-context.js';
import type { DbBinding, HubDatabase } from '../schema/hub-database.js';

/**
 * The store-side resources a binding can name. Feeds choose external ids; for variants the
 * convention is `<product id>:<combination id>` (`12:0` for a product without combinations).
 */
export type BindingResource =
  | 'products'
  | 'variants'
  | 'categories'
  | 'images'
  | 'suppliers'
  | 'customers'
  | 'addresses'
  | 'orders'
  | (string & {});

/** The link between a hub record and its id in one store. */
export interface Binding {
  readonly storeId: number;
  readonly resource: string;
  readonly externalId: string;
  readonly localId: number;
  /** The store's `date_upd` of the record when last synced (UTC ISO). */
  readonly externalUpdatedAt: string | null;
  /** The hub record's content hash when last synced with this store. */
  readonly contentHash: string | null;
  readonly syncedAt: string;
  /** When the record was found deleted in the store, if it was. */
  readonly deletedAt: string | null;
}

export interface BindingInput {
  readonly externalId: string | number;
  readonly localId: number;
  readonly externalUpdatedAt?: string | null;
  readonly contentHash?: string | null;
}

export function toBinding(row: DbBinding): Binding {
  return {
    storeId: row.store_id,
    resource: row.resource,
    externalId: row.external_id,
    localId: row.local_id,
    externalUpdatedAt: row.external_updated_at,
    contentHash: row.content_hash,
    syncedAt: row.synced_at,
    deletedAt: row.deleted_at,
  };
}

/**
 * Bindings: `store, resource, external id → local id`, unique per store/resource/external id. They make
 * every import idempotent; the bulk upserts of the catalog, customer and order repositories use them.
 *
 * @example
 * const bound = await hub.bindings.resolve(storeId, 'orders', ['41', '42']);
 * bound.get('42')?.localId;
 */
export class BindingRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /** Bindings of these external ids (those that exist), by external id. */
  resolve(
    storeId: number,
    resource: BindingResource,
    externalIds: readonly (string | number)[],
  ): Promise<Map<string, Binding>> {
    return resolveBindings(this.#ctx, this.#ctx.db, storeId, resource, externalIds);
  }

  async get(
    storeId: number,
    resource: BindingResource,
    externalId: string | number,
  ): Promise<Binding | undefined> {
    return (await this.resolve(storeId, resource, [externalId])).get(String(externalId));
  }

  /** Every binding of these local records (in any store): which stores a record is bound to, and as what. */
  async forLocal(resource: BindingResource, localIds: readonly number[]): Promise<Binding[]> {
    if (localIds.length === 0) return [];
    const rows = await this.#ctx.db
      .selectFrom('bindings')
      .selectAll()
      .where('resource', '=', resource)
      .where(inList(this.#ctx.engine.kind, 'local_id', localIds))
      .orderBy('local_id')
      .orderBy('store_id')
      .execute();
    return rows.map(toBinding);
  }

  /**
   * Creates or updates bindings (a link, a new hash after an export, a new `date_upd`); clears any
   * deleted mark. Use the repositories' bulk upserts for importing records: they bind as they go.
   */
  async upsert(storeId: number, resource: BindingResource, inputs: readonly BindingInput[]): Promise<void> {
    await write(this.#ctx, (db) => upsertBindings(this.#ctx, db, storeId, resource, inputs));
  }

  /** Marks records as deleted in the store (kept, so the history stays readable). */
  async markDeleted(
    storeId: number,
    resource: BindingResource,
    externalIds: readonly (string | number)[],
  ): Promise<void> {
    if (externalIds.length === 0) return;
    await write(this.#ctx, (db) =>
      db
        .updateTable('bindings')
        .set({ deleted_at: nowIso(this.#ctx) })
        .where(this.#named(storeId, resource, externalIds))
        .execute(),
    );
  }

  async remove(
    storeId: number,
    resource: BindingResource,
    externalIds: readonly (string | number)[],
  ): Promise<void> {
    if (externalIds.length === 0) return;
    await write(this.#ctx, (db) =>
      db
        .deleteFrom('bindings')
        .where(this.#named(storeId, resource, externalIds))
        .execute(),
    );
  }

  #named(storeId: number, resource: string, externalIds: readonly (string | number)[]) {
    const kind = this.#ctx.engine.kind;
    return (eb: ExpressionBuilder<HubDatabase, 'bindings'>) =>
      eb.and([
        eb('store_id', '=', storeId),
        eb('resource', '=', resource),
        inList(kind, 'external_id', externalIds.map(String)),
      ]);
  }

  /** A page of one store's bindings of a resource, in local id order (for checks that walk them all). */
  async page(
    storeId: number,
    resource: BindingResource,
    options: { afterLocalId?: number; limit?: number } = {},
  ): Promise<Binding[]> {
    const rows = await this.#ctx.db
      .selectFrom('bindings')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('resource', '=', resource)
      .where('local_id', '>', options.afterLocalId ?? 0)
      .orderBy('local_id')
      .limit(options.limit ?? 500)
      .execute();
    return rows.map(toBinding);
  }
}

export async function resolveBindings(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
  resource: string,
  externalIds: readonly (string | number)[],
): Promise<Map<string, Binding>> {
  const result = new Map<string, Binding>();
  if (externalIds.length === 0) return result;
  const rows = await db
    .selectFrom('bindings')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('resource', '=', resource)
    .where(inList(ctx.engine.kind, 'external_id', [...new Set(externalIds.map(String))]))
    .execute();
  for (const row of rows) result.set(row.external_id, toBinding(row));
  return result;
}

export async function upsertBindings(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
  resource: string,
  inputs: readonly BindingInput[],
): Promise<void> {
  const now = nowIso(ctx);
  const rows = dedupe(inputs).map((input) => ({
    store_id: storeId,
    resource,
    external_id: String(input.externalId),
    local_id: input.localId,
    external_updated_at: input.externalUpdatedAt ?? null,
    content_hash: input.contentHash ?? null,
    synced_at: now,
    deleted_at: null,
  }));
  await bulkInsert(db, ctx.engine, 'bindings', rows, {
    conflict: BINDING_KEY,
    update: ['local_id', 'external_updated_at', 'content_hash', 'synced_at', 'deleted_at'],
  });
}

export const BINDING_KEY = ['store_id', 'resource', 'external_id'] as const;

/** Last entry wins when a page names the same external id twice. */
function dedupe(inputs: readonly BindingInput[]): BindingInput[] {
  const byId = new Map<string, BindingInput>();
  for (const input of inputs) byId.set(String(input.externalId), input);
  // Sorted, so that concurrent writers lock index entries in the same order (no deadlocks).
  return [...byId.values()].sort((a, b) => compareIds(String(a.externalId), String(b.externalId)));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
