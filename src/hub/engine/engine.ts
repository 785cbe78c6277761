import type { Kysely } from 'kysely';

import type { HubDatabase, IdTable } from '../schema/hub-database.js';

/** The two storage engines the hub runs on. */
export type EngineKind = 'sqlite' | 'postgres';

/**
 * What differs between SQLite and PostgreSQL, behind one interface (the strategy both engines
 * implement). Everything else — schema, queries, repositories — is shared.
 */
export interface Engine {
  readonly kind: EngineKind;
  readonly db: Kysely<HubDatabase>;
  /** Where the data lives, safe to print (file path or URL without password). */
  readonly location: string;
  /** The most bound parameters one statement may carry. */
  readonly maxParameters: number;
  /**
   * Reserves `count` new ids for `table`. Runs inside a write transaction; reserve all the ids a
   * table needs in one call before inserting them.
   */
  allocateIds(executor: Kysely<HubDatabase>, table: IdTable, count: number): Promise<number[]>;
  /** Bytes used by the database (file size, or `pg_database_size`). */
  databaseSize(): Promise<number>;
  /** Turns a driver error into the hub's typed error when it is one the user can act on. */
  translateError(error: unknown): unknown;
  /** Runs the body of a transaction; queries on the root database made from it are refused. */
  inTransactionBody<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Column types per engine, for migrations. */
export interface ColumnTypes {
  /** Money, rates, weights: exact decimals with 6 places. */
  readonly decimal: 'text' | 'numeric(20, 6)';
  /** A UTC instant. */
  readonly instant: 'text' | 'timestamptz';
  readonly json: 'text' | 'jsonb';
  readonly bytes: 'blob' | 'bytea';
}

export function columnTypes(kind: EngineKind): ColumnTypes {
  return kind === 'sqlite'
    ? { decimal: 'text', instant: 'text', json: 'text', bytes: 'blob' }
    : { decimal: 'numeric(20, 6)', instant: 'timestamptz', json: 'jsonb', bytes: 'bytea' };
}

/** A driver error's `code` (SQLite: `SQLITE_FULL`; PostgreSQL: SQLSTATE `23505`; Node: `ECONNREFUSED`). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
