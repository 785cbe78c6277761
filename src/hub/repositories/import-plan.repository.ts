import { type RawBuilder, sql, type SqlBool } from 'kysely';

import { chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import type { EngineKind } from '../engine/engine.js';
import type { HubContext } from '../hub-context.js';

/** `lower(column) IN (values)`, the list bound as one parameter (as {@link inList}). */
function lowerIn(kind: EngineKind, column: string, values: readonly string[]): RawBuilder<SqlBool> {
  return kind === 'sqlite'
    ? sql<SqlBool>`lower(${sql.ref(column)}) in (select value from json_each(${JSON.stringify(values)}))`
    : sql<SqlBool>`lower(${sql.ref(column)}) = any(${[...values]})`;
}

/** A hub product as an import plan weighs it. */
export interface PlannedHubProduct {
  readonly productId: number;
  readonly reference: string | null;
  readonly name: string;
  readonly contentHash: string;
  readonly archived: boolean;
}

/** A hub record found by a store record's matching key, with its binding in the store planned for. */
export interface PlanMatch {
  /** The hub record (product or customer id). */
  readonly localId: number;
  /** The store record it is already bound to in this store, or null when it is bound to none there. */
  readonly externalId: string | null;
}

/**
 * The hub-side reads of the import plans (`sync run import-products --plan`): bulk lookups by
 * the keys a store record is matched with, and the hub's own state of bound records. Read-only.
 *
 * @example
 * const byReference = await hub.importPlans.productsByReference(store.id, ['MUG-1', 'TEE-2']);
 * byReference.get('MUG-1'); // [{ localId: 12, externalId: '7' }]
 */
export class ImportPlanRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /** Hub products by id (those that exist, archived ones included and flagged). */
  async products(productIds: readonly number[]): Promise<Map<number, PlannedHubProduct>> {
    const found = new Map<number, PlannedHubProduct>();
    for (const chunk of chunked([...new Set(productIds)], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('products')
        .select(['id', 'reference', 'name', 'content_hash', 'archived_at'])
        .where(inList(this.#ctx.engine.kind, 'id', chunk))
        .execute();
      for (const row of rows) {
        found.set(row.id, {
          productId: row.id,
          reference: row.reference,
          name: row.name,
          contentHash: row.content_hash,
          archived: row.archived_at !== null,
        });
      }
    }
    return found;
  }

  /**
   * Live (not archived) hub products with these references, by reference, each with the product
   * of `storeId` it is bound to (null: bound to none there).
   */
  async productsByReference(
    storeId: number,
    references: readonly string[],
  ): Promise<Map<string, PlanMatch[]>> {
    const found = new Map<string, PlanMatch[]>();
    for (const chunk of chunked([...new Set(references)], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('products as p')
        .leftJoin('bindings as b', (join) =>
          join
            .onRef('b.local_id', '=', 'p.id')
            .on('b.store_id', '=', storeId)
            .on('b.resource', '=', 'products')
            .on('b.deleted_at', 'is', null),
        )
        .select(['p.id', 'p.reference', 'b.external_id'])
        .where(inList(this.#ctx.engine.kind, 'p.reference', chunk))
        .where('p.archived_at', 'is', null)
        .orderBy('p.id')
        .execute();
      for (const row of rows) {
        if (row.reference === null) continue;
        const list = found.get(row.reference) ?? [];
        list.push({ localId: row.id, externalId: row.external_id });
        found.set(row.reference, list);
      }
    }
    return found;
  }

  /**
   * Hub customers with these e-mail addresses (compared in lower case), by lower-case address, each
   * with the customer of `storeId` it is bound to (null: bound to none there).
   */
  async customersByEmail(storeId: number, emails: readonly string[]): Promise<Map<string, PlanMatch[]>> {
    const found = new Map<string, PlanMatch[]>();
    const lower = [
      ...new Set(emails.map((email) => email.trim().toLowerCase()).filter((email) => email !== '')),
    ];
    for (const chunk of chunked(lower, IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('customers as c')
        .leftJoin('bindings as b', (join) =>
          join
            .onRef('b.local_id', '=', 'c.id')
            .on('b.store_id', '=', storeId)
            .on('b.resource', '=', 'customers')
            .on('b.deleted_at', 'is', null),
        )
        .select(['c.id', 'c.email', 'b.external_id'])
        .where(lowerIn(this.#ctx.engine.kind, 'c.email', chunk))
        .orderBy('c.id')
        .execute();
      for (const row of rows) {
        const key = row.email.trim().toLowerCase();
        const list = found.get(key) ?? [];
        list.push({ localId: row.id, externalId: row.external_id });
        found.set(key, list);
      }
    }
    return found;
  }
}
