import { CompiledQuery, type Kysely, type QueryResult, type RawBuilder, sql, type SqlBool } from 'kysely';

import type { EngineKind } from './engine/engine.js';

/**
 * Helpers for the bulk paths: statements sized under the engine's parameter limit, and id lists
 * bound as ONE parameter (a JSON array on SQLite, an array on PostgreSQL) whatever their length.
 */

/** Rows per multi-row statement: under the parameter limit, and never absurdly long. */
export function rowsPerStatement(columns: number, maxParameters: number, cap = 2000): number {
  return Math.max(1, Math.min(cap, Math.floor(maxParameters / Math.max(1, columns))));
}

/**
 * Parameters per multi-row statement on SQLite. The driver keeps prepared statements by their text,
 * and a statement of n rows is a text of its own: pages of varying sizes prepared a new one each time
 * (about 7 ms for 500 rows of 30 columns, as long as inserting them) and the cache held hundreds of
 * them (over 1 MB each: 229 MB for 200). Statements of about a thousand parameters, in a few fixed
 * row counts, are prepared once and stay small.
 */
const SQLITE_STATEMENT_PARAMETERS = 1024;

/**
 * Row counts of the statements that write `count` rows on SQLite: as many of `largest` rows as fit,
 * then the rest in powers of two (37 rows with largest 32: 32, 4, 1), so that only a handful of
 * statement texts ever exist per table.
 */
export function statementSizes(count: number, largest: number): number[] {
  const sizes: number[] = [];
  let left = count;
  for (; left >= largest; left -= largest) sizes.push(largest);
  for (let size = largest >> 1; size >= 1; size >>= 1) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/** The largest power of two of rows of `columns` that fits SQLite's statement budget (at least 1). */
function sqliteStatementRows(columns: number): number {
  const fit = Math.max(1, Math.floor(SQLITE_STATEMENT_PARAMETERS / Math.max(1, columns)));
  return 2 ** Math.floor(Math.log2(fit));
}

/** Row counts of `count` rows cut into statements of at most `size` (the last one shorter). */
function evenSizes(count: number, size: number): number[] {
  return Array.from({ length: Math.ceil(count / size) }, (_, index) => Math.min(size, count - index * size));
}

/** Splits `items` into slices of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Ids per query when a list is read in slices (bounded memory whatever the list's length). */
export const IDS_PER_QUERY = 5000;

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

/** What runs a compiled query: a Kysely instance or transaction. */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

export interface BulkInsertOptions {
  /** Conflict target (unique columns). Without it a conflict is an error. */
  readonly conflict?: readonly string[];
  /** On conflict, set these columns from the incoming row (`excluded`); without it: do nothing. */
  readonly update?: readonly string[];
  /** On conflict, further raw assignments, e.g. `"revision" = "outbox"."revision" + 1`. */
  readonly updateRaw?: readonly string[];
  /** Columns to return for the rows written (with `do nothing`: only the rows inserted). */
  readonly returning?: readonly string[];
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * The bulk write path: multi-row `INSERT … [ON CONFLICT …] [RETURNING …]` built as text and run on
 * the caller's executor (database or transaction), in statements sized under the engine's parameter
 * limit (on SQLite, in a few fixed sizes: see {@link statementSizes}). Query-builder objects per value cost more than the database work on pages of thousands of
 * rows; this keeps a page of 10,000 products well under a second. Every row must have the same keys.
 */
export async function bulkInsert<R = Record<string, unknown>>(
  db: QueryRunner,
  engine: { readonly kind: EngineKind; readonly maxParameters: number },
  table: string,
  rows: readonly Record<string, unknown>[],
  options: BulkInsertOptions = {},
): Promise<R[]> {
  const first = rows[0];
  if (first === undefined) return [];
  const columns = Object.keys(first);
  let tail = '';
  if (options.conflict !== undefined) {
    const sets = [
      ...(options.update ?? []).map((column) => `${quote(column)} = excluded.${quote(column)}`),
      ...(options.updateRaw ?? []),
    ];
    tail += ` on conflict (${options.conflict.map(quote).join(', ')}) do ${sets.length > 0 ? `update set ${sets.join(', ')}` : 'nothing'}`;
  }
  if (options.returning !== undefined) tail += ` returning ${options.returning.map(quote).join(', ')}`;
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const results: R[] = [];
  // PostgreSQL parses each statement anyway: the fewer round trips the better. SQLite reuses
  // prepared statements: a few fixed sizes.
  const sizes =
    engine.kind === 'sqlite'
      ? statementSizes(rows.length, sqliteStatementRows(columns.length))
      : evenSizes(rows.length, rowsPerStatement(columns.length, engine.maxParameters, 500));
  const texts = new Map<number, string>();
  let start = 0;
  for (const size of sizes) {
    let text = texts.get(size);
    if (text === undefined) {
      const tuples: string[] = [];
      for (let row = 0; row < size; row += 1) {
        const marks = columns.map((_, column) =>
          engine.kind === 'sqlite' ? '?' : `$${row * columns.length + column + 1}`,
        );
        tuples.push(`(${marks.join(', ')})`);
      }
      text = head + tuples.join(', ') + tail;
      texts.set(size, text);
    }
    const parameters: unknown[] = [];
    for (let index = start; index < start + size; index += 1) {
      const row = rows[index] ?? {};
      for (const column of columns) parameters.push(row[column] ?? null);
    }
    start += size;
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, parameters));
    results.push(...result.rows);
  }
  return results;
}
