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
 * limit. Query-builder objects per value cost more than the database work on pages of thousands of
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
  for (const chunk of chunked(rows, rowsPerStatement(columns.length, engine.maxParameters, 500))) {
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const column of columns) {
        parameters.push(row[column] ?? null);
        marks.push(engine.kind === 'sqlite' ? '?' : `$${parameters.length}`);
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    const query = CompiledQuery.raw(head + tuples.join(', ') + tail, parameters) as CompiledQuery<R>;
    const result = await db.executeQuery(query);
    results.push(...result.rows);
  }
  return results;
}
