import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

import BetterSqlite3 from 'better-sqlite3';
import {
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  Kysely,
  type QueryCompiler,
  sql,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

import {
  DatabaseBusyError,
  DatabaseReadOnlyError,
  DatabaseUrlError,
  DiskFullError,
  HubError,
} from '../hub-errors.js';
import type { HubDatabase, IdTable } from '../schema/hub-database.js';
import { type Engine, errorCode } from './engine.js';
import { HubSqliteDriver } from './sqlite-driver.js';
import { TransactionGuard } from './transaction-guard.js';

/** How long a write waits for another process's write lock before giving up. */
const DEFAULT_BUSY_TIMEOUT_MS = 30_000;
// better-sqlite3 is synchronous: its own busy wait would block the event loop (and with it the
// transaction holding the lock, if it lives in this process). Keep it short and wait asynchronously.
const SYNC_BUSY_TIMEOUT_MS = 20;
// SQLite's default SQLITE_MAX_VARIABLE_NUMBER (32766), with room to spare.
const MAX_PARAMETERS = 32_000;

/** SQLite runs DDL in transactions too; saying so makes Kysely's Migrator migrate atomically. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class HubSqliteDialect implements Dialect {
  readonly #database: BetterSqlite3.Database;
  readonly #busyTimeoutMs: number;

  constructor(database: BetterSqlite3.Database, busyTimeoutMs: number) {
    this.#database = database;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  createDriver(): Driver {
    return new HubSqliteDriver(this.#database, this.#busyTimeoutMs);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

export interface SqliteEngineOptions {
  /** How long a write waits for another process's write lock (default 30 s). */
  readonly busyTimeoutMs?: number;
}

/** Opens (creating when missing) the SQLite file at `path`: WAL, foreign keys on, synchronous NORMAL. */
export function openSqliteEngine(path: string, options: SqliteEngineOptions = {}): Engine {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const translateError = (error: unknown): unknown => translateSqliteError(error, path, busyTimeoutMs);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new DatabaseReadOnlyError(
      `Cannot create the folder ${dirname(path)} for the hub database (${errorCode(error) ?? String(error)}). ` +
        'Create it with write permission for this user, or point DATABASE_URL at a writable place.',
      error,
    );
  }
  let database: BetterSqlite3.Database;
  try {
    assertWritable(path);
    database = new BetterSqlite3(path, { timeout: SYNC_BUSY_TIMEOUT_MS });
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw translateError(error);
  }
  const guard = new TransactionGuard();
  const db = new Kysely<HubDatabase>({
    dialect: guard.dialect(new HubSqliteDialect(database, busyTimeoutMs)),
  });

  return {
    kind: 'sqlite',
    db,
    location: path,
    maxParameters: MAX_PARAMETERS,
    async allocateIds(executor: Kysely<HubDatabase>, table: IdTable, count: number): Promise<number[]> {
      if (count === 0) return [];
      // Inside BEGIN IMMEDIATE no other writer exists; sqlite_sequence remembers ids of deleted rows.
      const { rows } = await sql<{ last: number }>`
        select max(
          coalesce((select seq from sqlite_sequence where name = ${table}), 0),
          coalesce((select max(id) from ${sql.table(table)}), 0)
        ) as last`.execute(executor);
      const last = rows[0]?.last ?? 0;
      return Array.from({ length: count }, (_, index) => last + index + 1);
    },
    async databaseSize(): Promise<number> {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
      return statSync(path).size;
    },
    translateError,
    inTransactionBody: (fn) => guard.run(fn),
    close: () => db.destroy(),
  };
}

function assertWritable(path: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return; // created on first use
    throw error;
  }
  accessSync(dirname(path), constants.W_OK); // WAL needs its -wal and -shm files beside the database
}

function translateSqliteError(error: unknown, path: string, busyTimeoutMs: number): unknown {
  if (error instanceof HubError) return error;
  const code = errorCode(error) ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new DiskFullError(
      `The disk holding ${path} is full: the change was not saved (nothing was half-written). Free some space and run again.`,
      error,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new DatabaseReadOnlyError(
      `The hub database ${path} cannot be written (${code}). Give this user write permission on the file and its folder, ` +
        'or point DATABASE_URL at a writable place.',
      error,
    );
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return new DatabaseBusyError(
      `The hub database ${path} stayed locked by another process for ${Math.round(busyTimeoutMs / 1000)} s. ` +
        'Another PrestaBridge may be running a long write; try again, or use PostgreSQL for several workers.',
      error,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new DatabaseUrlError(
      `${path} is not a usable SQLite database (${code}). Point DATABASE_URL at the hub's database file, or at a new path to start afresh.`,
    );
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new DatabaseReadOnlyError(
      `Cannot open the hub database ${path} (${code}). Check that its folder exists and this user may write there.`,
      error,
    );
  }
  return error;
}
