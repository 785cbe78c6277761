import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';

/** How far a feed has read, e.g. `{ lastId: 1200 }` or `{ dateUpd: '2026-11-22T11:11:13.000Z', lastId: 41 }`. */
export type WatermarkValue = Readonly<Record<string, string | number | boolean | null>>;

export interface Watermark {
  readonly storeId: number;
  readonly feed: string;
  readonly value: WatermarkValue;
  readonly updatedAt: string;
}

/**
 * Watermarks per store and feed. Advance one in the same transaction as the page it covers, so
 * that it never runs ahead of what is committed.
 *
 * @example
 * await hub.transaction(async (tx) => {
 *   await tx.orders.upsertOrders(storeId, page);
 *   await tx.watermarks.set(storeId, 'import-orders', { lastId: 1200 });
 * });
 */
export class WatermarkRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async get(storeId: number, feed: string): Promise<Watermark | undefined> {
    const row = await this.#ctx.db
      .selectFrom('watermarks')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('feed', '=', feed)
      .executeTakeFirst();
    return row
      ? { storeId, feed, value: parseJson<WatermarkValue>(row.value, {}), updatedAt: row.updated_at }
      : undefined;
  }

  async set(storeId: number, feed: string, value: WatermarkValue): Promise<void> {
    const row = { store_id: storeId, feed, value: JSON.stringify(value), updated_at: nowIso(this.#ctx) };
    await write(this.#ctx, (db) =>
      db
        .insertInto('watermarks')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['store_id', 'feed']).doUpdateSet({ value: row.value, updated_at: row.updated_at }),
        )
        .execute(),
    );
  }

  async list(storeId: number): Promise<Watermark[]> {
    const rows = await this.#ctx.db
      .selectFrom('watermarks')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('feed')
      .execute();
    return rows.map((row) => ({
      storeId,
      feed: row.feed,
      value: parseJson<WatermarkValue>(row.value, {}),
      updatedAt: row.updated_at,
    }));
  }

  /** Forgets a feed's watermark: its next run starts from the beginning. */
  async reset(storeId: number, feed: string): Promise<void> {
    await write(this.#ctx, (db) =>
      db.deleteFrom('watermarks').where('store_id', '=', storeId).where('feed', '=', feed).execute(),
    );
  }
}
