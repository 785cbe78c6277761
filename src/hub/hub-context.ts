import type { Kysely } from 'kysely';

import { inTransaction } from './bulk-sql.js';
import type { Engine } from './engine/engine.js';
import type { HubDatabase } from './schema/hub-database.js';
import type { SecretKeyring } from './secret-keyring.js';

/** Where the hub reads the time: injected so that tests control it. */
export type HubClock = () => Date;

/** What every repository is built with: the engine, the executor (database or transaction), the clock. */
export interface HubContext {
  readonly engine: Engine;
  /** The database, or the transaction the repositories were opened in. */
  readonly db: Kysely<HubDatabase>;
  readonly clock: HubClock;
  readonly keyring: SecretKeyring;
}

/** The current instant as stored (ISO 8601 UTC). */
export function nowIso(ctx: HubContext): string {
  return ctx.clock().toISOString();
}

/**
 * Runs a change atomically — inside the caller's transaction when there is one — and turns driver
 * errors the user can act on (disk full, read-only, busy) into the hub's typed errors.
 */
export async function write<T>(ctx: HubContext, fn: (db: Kysely<HubDatabase>) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(ctx.db, fn);
  } catch (error) {
    throw ctx.engine.translateError(error);
  }
}

/** A JSON column's text back to a value (`fallback` for an empty column). */
export function parseJson<T>(text: string | null, fallback: T): T {
  return text === null || text === '' ? fallback : (JSON.parse(text) as T);
}
