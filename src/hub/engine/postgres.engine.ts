import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

import { DatabaseReadOnlyError, DatabaseUnreachableError, DiskFullError, HubError } from '../hub-errors.js';
import type { HubDatabase, IdTable } from '../schema/hub-database.js';
import { type Engine, errorCode } from './engine.js';
import { TransactionGuard } from './transaction-guard.js';

const MAX_PARAMETERS = 60_000; // the protocol allows 65535

// Read values back in the same form SQLite returns them: bigint as number (counts, sums, ids),
// jsonb as text, timestamptz as an ISO string, date as text; numeric stays a decimal string.
const OID = { int8: 20, json: 114, jsonb: 3802, timestamptz: 1184, date: 1082 } as const;
const parseTimestamptz = pg.types.getTypeParser(OID.timestamptz) as (text: string) => Date;
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    switch (oid) {
      case OID.int8:
        return (text: string) => {
          const value = Number(text);
          if (!Number.isSafeInteger(value))
            throw new RangeError(`Integer ${text} is too large for JavaScript`);
          return value;
        };
      case OID.json:
      case OID.jsonb:
      case OID.date:
        return (text: string) => text;
      case OID.timestamptz:
        return (text: string) => parseTimestamptz(text).toISOString();
      default:
        return (
          format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format)
        ) as unknown;
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PostgresEngineOptions {
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
}

/** Connects to PostgreSQL and checks the connection once, so a bad URL fails here with a clear message. */
export async function openPostgresEngine(
  url: string,
  display: string,
  options: PostgresEngineOptions = {},
): Promise<Engine> {
  const translateError = (error: unknown): unknown => translatePostgresError(error, display);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: typeParsers });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw translateError(error);
  }
  const guard = new TransactionGuard();
  const db = new Kysely<HubDatabase>({ dialect: guard.dialect(new PostgresDialect({ pool })) });
  const sequences = new Map<string, string>();

  return {
    kind: 'postgres',
    db,
    location: display,
    maxParameters: MAX_PARAMETERS,
    async allocateIds(executor: Kysely<HubDatabase>, table: IdTable, count: number): Promise<number[]> {
      if (count === 0) return [];
      let sequence = sequences.get(table);
      if (sequence === undefined) {
        const { rows } = await sql<{
          name: string;
        }>`select pg_get_serial_sequence(${table}, 'id') as name`.execute(executor);
        sequence = rows[0]?.name ?? `${table}_id_seq`;
        sequences.set(table, sequence);
      }
      const { rows } = await sql<{ id: number }>`
        select nextval(${sequence}::regclass) as id from generate_series(1, ${count})`.execute(executor);
      return rows.map((row) => row.id);
    },
    async databaseSize(): Promise<number> {
      const { rows } = await sql<{
        size: number;
      }>`select pg_database_size(current_database()) as size`.execute(db);
      return rows[0]?.size ?? 0;
    },
    translateError,
    inTransactionBody: (fn) => guard.run(fn),
    close: () => db.destroy(),
  };
}

function translatePostgresError(error: unknown, display: string): unknown {
  if (error instanceof HubError) return error;
  const code = errorCode(error) ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ECONNRESET':
    case '57P01': // admin shutdown
    case '57P03': // cannot connect now (starting up)
      return new DatabaseUnreachableError(
        `Cannot reach PostgreSQL at ${display} (${code}). Start the server, or fix the host and port in DATABASE_URL.`,
        error,
      );
    case '3D000':
      return new DatabaseUnreachableError(
        `PostgreSQL at ${display} has no such database (${detail}). Create it (createdb NAME) or fix DATABASE_URL.`,
        error,
      );
    case '28P01':
    case '28000':
      return new DatabaseUnreachableError(
        `PostgreSQL at ${display} refused the login (${detail}). Check the user and password in DATABASE_URL.`,
        error,
      );
    case '53100':
      return new DiskFullError(
        `The disk of the PostgreSQL server at ${display} is full: the change was not saved. Free space on the server and run again.`,
        error,
      );
    case '25006':
      return new DatabaseReadOnlyError(
        `PostgreSQL at ${display} accepts only reads (a standby or a read-only transaction). Point DATABASE_URL at the primary server.`,
        error,
      );
    default:
      return error;
  }
}
