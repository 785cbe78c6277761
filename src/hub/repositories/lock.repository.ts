import { type HubContext, nowIso, write } from '../hub-context.js';

export interface LockHolder {
  readonly name: string;
  readonly owner: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

/**
 * Leases that survive a crashed process: a lock expires unless its owner renews it (heartbeat), and
 * is then taken over by the next owner with a single compare-and-set statement. Owners are tokens
 * unique per attempt (e.g. a random UUID), so a stale owner's renew or release fails.
 *
 * @example
 * if (await hub.locks.acquire('store:3/import-orders', token, 60_000)) {
 *   try { … await hub.locks.renew('store:3/import-orders', token, 60_000) … }
 *   finally { await hub.locks.release('store:3/import-orders', token); }
 * }
 */
export class LockRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /** Takes the lock if free, expired, or already ours; `false` if someone else holds a live lease. */
  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.#ctx.clock();
    const row = {
      name,
      owner,
      acquired_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
    };
    const taken = await write(this.#ctx, (db) =>
      db
        .insertInto('locks')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet((eb) => ({
              owner: eb.ref('excluded.owner'),
              acquired_at: eb.ref('excluded.acquired_at'),
              expires_at: eb.ref('excluded.expires_at'),
            }))
            .where((eb) =>
              eb.or([eb('locks.expires_at', '<=', row.acquired_at), eb('locks.owner', '=', owner)]),
            ),
        )
        .returning('owner')
        .executeTakeFirst(),
    );
    return taken?.owner === owner;
  }

  /** Extends our lease; `false` if it was lost (expired and taken over, or released). */
  async renew(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const expiresAt = new Date(this.#ctx.clock().getTime() + ttlMs).toISOString();
    const result = await write(this.#ctx, (db) =>
      db
        .updateTable('locks')
        .set({ expires_at: expiresAt })
        .where('name', '=', name)
        .where('owner', '=', owner)
        .executeTakeFirst(),
    );
    return result.numUpdatedRows > 0n;
  }

  /** Releases our lock; `false` if we no longer held it. */
  async release(name: string, owner: string): Promise<boolean> {
    const result = await write(this.#ctx, (db) =>
      db.deleteFrom('locks').where('name', '=', name).where('owner', '=', owner).executeTakeFirst(),
    );
    return result.numDeletedRows > 0n;
  }

  /** Who holds a live lease on the lock, if anyone. */
  async holder(name: string): Promise<LockHolder | undefined> {
    const row = await this.#ctx.db
      .selectFrom('locks')
      .selectAll()
      .where('name', '=', name)
      .where('expires_at', '>', nowIso(this.#ctx))
      .executeTakeFirst();
    return row
      ? { name, owner: row.owner, acquiredAt: row.acquired_at, expiresAt: row.expires_at }
      : undefined;
  }
}
