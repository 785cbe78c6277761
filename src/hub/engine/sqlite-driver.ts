import { setTimeout as delay } from 'node:timers/promises';

import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
} from 'kysely';

import { errorCode } from './engine.js';

const MAX_CACHED_STATEMENTS = 200;
const MAX_CACHED_SQL_LENGTH = 256 * 1024;

function isBusy(error: unknown): boolean {
  return errorCode(error)?.startsWith('SQLITE_BUSY') ?? false;
}

/** One better-sqlite3 connection that keeps prepared statements (bulk pages repeat the same statements). */
class CachingSqliteConnection implements DatabaseConnection {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  #prepare(text: string): BetterSqlite3.Statement {
    const cached = this.#statements.get(text);
    if (cached) {
      // Least recently used goes first: re-insert to mark as recent.
      this.#statements.delete(text);
      this.#statements.set(text, cached);
      return cached;
    }
    const statement = this.#db.prepare(text);
    if (text.length <= MAX_CACHED_SQL_LENGTH) {
      this.#statements.set(text, statement);
      if (this.#statements.size > MAX_CACHED_STATEMENTS) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    }
    return statement;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('SQLite streams select queries only');
    const rows = this.#prepare(compiledQuery.sql).iterate(compiledQuery.parameters);
    async function* stream(): AsyncIterableIterator<QueryResult<R>> {
      for (const row of rows) yield await Promise.resolve({ rows: [row as R] });
    }
    return stream();
  }
}

/** Kysely runs one query at a time on the single SQLite connection; this queue hands it out in turn. */
class ConnectionQueue {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise((resolve) => (release = resolve));
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}

/**
 * The hub's SQLite driver: one connection, statements cached, and write transactions started with
 * `BEGIN IMMEDIATE` — the write lock taken up front, so two writers never deadlock on a lock
 * upgrade — retried without blocking the event loop while another connection holds the lock.
 */
export class HubSqliteDriver implements Driver {
  readonly #db: BetterSqlite3.Database;
  readonly #connection: CachingSqliteConnection;
  readonly #queue = new ConnectionQueue();
  readonly #busyTimeoutMs: number;

  constructor(db: BetterSqlite3.Database, busyTimeoutMs: number) {
    this.#db = db;
    this.#connection = new CachingSqliteConnection(db);
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#queue.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const deadline = Date.now() + this.#busyTimeoutMs;
    let wait = 1;
    for (;;) {
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await delay(wait);
        wait = Math.min(wait * 2, 25);
      }
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  releaseConnection(): Promise<void> {
    this.#queue.unlock();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }
}
