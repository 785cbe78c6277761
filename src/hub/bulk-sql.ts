import { type Kysely, type RawBuilder, sql, type SqlBool } from 'kysely';

import type { EngineKind } from './engine/engine.js';

/**
 * Helpers for the bulk paths: statements sized under the engine's parameter limit, and id lists
 * bound as ONE parameter (a JSON array on SQLite, an array on PostgreSQL) whatever their length.
 */

/** Rows per multi-row statement: under the parameter limit, and never absurdly long. */
export function rowsPerStatement(columns: number, maxParameters: number, cap = 2000): number {
  return Math.max(1, Math.min(cap, Math.floor(maxParameters / Math.max(1, columns))));
}

/** Splits `items` into slices of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Inserts `rows` in multi-row statements sized for the engine. */
export async function insertInChunks<R extends object>(
  rows: readonly R[],
  maxParameters: number,
  insert: (chunk: R[]) => Promise<unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  for (const chunk of chunked(rows, rowsPerStatement(columns, maxParameters))) await insert(chunk);
}

/**
 * `column IN (values)` with the whole list bound as one parameter.
 *
 * @example
 * db.selectFrom('variants').selectAll().where(inList(kind, 'variants.id', ids))
 */
export function inList(
  kind: EngineKind,
  column: string,
  values: readonly (number | string)[],
): RawBuilder<SqlBool> {
  return kind === 'sqlite'
    ? sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`
    : sql<SqlBool>`${sql.ref(column)} = any(${[...values]})`;
}

/** Runs `fn` in a transaction: the caller's when there is one, a new one otherwise. */
export function inTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
