import { sql } from 'kysely';

import type { HubContext } from '../hub-context.js';

/** What waits in a store's outbox. */
export interface OutboxBacklog {
  /** Waiting to be sent, or being sent now. */
  readonly pending: number;
  /** Given up: they wait for someone to look at them (and retry or drop them). */
  readonly failed: number;
  /** When the oldest entry still waiting was queued, or null when none waits. */
  readonly oldestWaitingAt: string | null;
}

/**
 * What a store's sync did over time, for the console's dashboard: orders imported and stock
 * quantities pushed per hour, and what waits in the outbox. Counted in the database (one grouped
 * query per series, on indexes), so that a store with a million orders costs no more than one with
 * a hundred.
 */
export class ActivityRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /** Orders the hub imported from the store per UTC hour since `since`: `{ '2026-12-02T14': 12 }`. */
  ordersImportedPerHour(storeId: number, since: Date): Promise<Map<string, number>> {
    return this.#perHour('orders', 'created_at', storeId, since);
  }

  /** Stock quantities delivered to the store per UTC hour since `since`. */
  stockPushedPerHour(storeId: number, since: Date): Promise<Map<string, number>> {
    return this.#perHour(
      'outbox',
      'completed_at',
      storeId,
      since,
      sql`and kind = 'stock' and status = 'done'`,
    );
  }

  async outboxBacklog(storeId: number): Promise<OutboxBacklog> {
    // Only the statuses that are not done: the outbox keeps every delivered entry.
    const rows = await this.#ctx.db
      .selectFrom('outbox')
      .select((eb) => ['status', eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
      .where('status', 'in', ['pending', 'in_flight', 'failed'])
      .where('store_id', '=', storeId)
      .groupBy('status')
      .execute();
    let pending = 0;
    let failed = 0;
    let oldest: string | null = null;
    for (const row of rows) {
      const count = Number(row.count);
      if (row.status === 'failed') {
        failed += count;
        continue;
      }
      pending += count;
      const at = row.oldest === null ? null : String(row.oldest);
      if (at !== null && (oldest === null || at < oldest)) oldest = at;
    }
    return { pending, failed, oldestWaitingAt: oldest === null ? null : new Date(oldest).toISOString() };
  }

  async #perHour(
    table: 'orders' | 'outbox',
    column: 'created_at' | 'completed_at',
    storeId: number,
    since: Date,
    extra = sql``,
  ): Promise<Map<string, number>> {
    // Instants are ISO text on SQLite (the hour is its first 13 characters) and timestamptz on PostgreSQL.
    const hour =
      this.#ctx.engine.kind === 'sqlite'
        ? sql<string>`substr(${sql.ref(column)}, 1, 13)`
        : sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`;
    const { rows } = await sql<{ hour: string; count: number | string }>`
      select ${hour} as hour, count(*) as count
      from ${sql.table(table)}
      where store_id = ${storeId} and ${sql.ref(column)} >= ${since.toISOString()} ${extra}
      group by 1`.execute(this.#ctx.db);
    return new Map(rows.map((row) => [row.hour, Number(row.count)]));
  }
}
