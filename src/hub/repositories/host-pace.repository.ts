import { sql } from 'kysely';

import { type HubContext, write } from '../hub-context.js';

/** The longest spacing a host's answers can push its pace to. */
const MAX_SPACING_MS = 60_000;

/**
 * The request pace of each store host, shared by every process on the hub's database: a request
 * reserves the host's next free instant (one spacing after the previous reservation) in a single
 * statement, so that all workers together never send a host more than one request per spacing.
 * Time is the database's (PostgreSQL `clock_timestamp()`), so that machines with skewed clocks
 * agree; on SQLite (one machine) it is this machine's.
 *
 * @example
 * const waitMs = await hub.hostPaces.reserve('shop.example:443', 600); // 100 requests a minute
 * await sleep(waitMs);
 */
export class HostPaceRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /**
   * Reserves the host's next request slot and returns how long to wait for it (ms, 0: now). The
   * spacing is `baseSpacingMs`, or wider while the host recovers from a {@link slowDown} (it narrows
   * by 3 % a request).
   */
  async reserve(host: string, baseSpacingMs: number): Promise<number> {
    const base = Math.max(0, Math.round(baseSpacingMs));
    const row = await write(this.#ctx, async (db) => {
      if (this.#ctx.engine.kind === 'postgres') {
        const result = await sql<{ wait_ms: number | string }>`
          with now_ms as (select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as ms)
          insert into host_paces (host, next_at_ms, spacing_ms)
          select ${host}, ms + ${base}, ${base} from now_ms
          on conflict (host) do update set
            spacing_ms = greatest(${base}::int, floor(host_paces.spacing_ms * 0.97)::int),
            next_at_ms = greatest(host_paces.next_at_ms, (select ms from now_ms))
              + greatest(${base}::int, floor(host_paces.spacing_ms * 0.97)::int)
          returning host_paces.next_at_ms - host_paces.spacing_ms - (select ms from now_ms) as wait_ms`.execute(
          db,
        );
        return result.rows[0];
      }
      const now = Date.now();
      const result = await sql<{ wait_ms: number }>`
        insert into host_paces (host, next_at_ms, spacing_ms) values (${host}, ${now + base}, ${base})
        on conflict (host) do update set
          spacing_ms = max(${base}, cast(host_paces.spacing_ms * 0.97 as integer)),
          next_at_ms = max(host_paces.next_at_ms, ${now}) + max(${base}, cast(host_paces.spacing_ms * 0.97 as integer))
        returning next_at_ms - spacing_ms - ${now} as wait_ms`.execute(db);
      return result.rows[0];
    });
    return Math.max(0, Number(row?.wait_ms ?? 0));
  }

  /**
   * The host answered 429 or 503: doubles its spacing (at most one minute) and holds every worker
   * back for `retryAfterMs` when the host said how long.
   */
  async slowDown(host: string, baseSpacingMs: number, retryAfterMs = 0): Promise<void> {
    const base = Math.max(1, Math.round(baseSpacingMs));
    const hold = Math.max(0, Math.round(retryAfterMs));
    await write(this.#ctx, async (db) => {
      if (this.#ctx.engine.kind === 'postgres') {
        await sql`
          with now_ms as (select floor(extract(epoch from clock_timestamp()) * 1000)::bigint as ms)
          insert into host_paces (host, next_at_ms, spacing_ms)
          select ${host}, ms + ${hold}, ${Math.min(MAX_SPACING_MS, base * 2)} from now_ms
          on conflict (host) do update set
            spacing_ms = least(${MAX_SPACING_MS}::int, greatest(${base}::int, host_paces.spacing_ms) * 2),
            next_at_ms = greatest(host_paces.next_at_ms, (select ms from now_ms) + ${hold})`.execute(db);
        return;
      }
      const now = Date.now();
      await sql`
        insert into host_paces (host, next_at_ms, spacing_ms) values (${host}, ${now + hold}, ${Math.min(MAX_SPACING_MS, base * 2)})
        on conflict (host) do update set
          spacing_ms = min(${MAX_SPACING_MS}, max(${base}, host_paces.spacing_ms) * 2),
          next_at_ms = max(host_paces.next_at_ms, ${now + hold})`.execute(db);
    });
  }

  /** The host's current spacing (ms), or undefined when it was never paced. */
  async spacing(host: string): Promise<number | undefined> {
    const row = await this.#ctx.db
      .selectFrom('host_paces')
      .select('spacing_ms')
      .where('host', '=', host)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.spacing_ms);
  }
}
