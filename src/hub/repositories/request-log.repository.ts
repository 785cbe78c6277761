import { sql } from 'kysely';

import { bulkInsert } from '../bulk-sql.js';
import { type HubContext, nowIso, write } from '../hub-context.js';
import { redact, redactUrl } from '../redact.js';
import type { DbRequestLogEntry } from '../schema/hub-database.js';

/** Bodies longer than this are cut (the log is for reading, not for replaying). */
const MAX_BODY_CHARS = 64 * 1024;

export interface RequestLogInput {
  readonly storeId: number | null;
  readonly at?: Date;
  readonly method: string;
  /** Redacted again on the way in (`ws_key`, user-info): a key never reaches the log. */
  readonly url: string;
  /** HTTP status, or null when no answer came (network error, timeout). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly bytesSent?: number;
  readonly bytesReceived?: number;
  /** Kept only when the store's `extras.logApiRequests` is on: the caller decides. */
  readonly requestBody?: string | null;
  readonly responseBody?: string | null;
  readonly error?: string | null;
  /** Values to blank out of the bodies and error (the store's webservice key). */
  readonly secrets?: readonly string[];
}

export interface RequestLogEntry {
  readonly id: number;
  readonly storeId: number | null;
  readonly at: string;
  readonly method: string;
  readonly url: string;
  readonly status: number | null;
  readonly durationMs: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly error: string | null;
  readonly requestBody?: string | null;
  readonly responseBody?: string | null;
}

export interface RequestLogQuery {
  readonly storeId?: number;
  /** An exact status, `failed` (no answer or ≥ 400) or `ok` (< 400). */
  readonly status?: number | 'failed' | 'ok';
  readonly from?: Date;
  readonly to?: Date;
  /** Only this HTTP method (`GET`, `PUT`, …). */
  readonly method?: string;
  /** Only requests to this webservice resource (`products`, `stock_availables`). */
  readonly resource?: string;
  readonly beforeId?: number;
  readonly limit?: number;
}

function cut(text: string | null | undefined, secrets: readonly string[]): string | null {
  if (text === null || text === undefined) return null;
  const clean = redact(text, secrets);
  return clean.length > MAX_BODY_CHARS
    ? `${clean.slice(0, MAX_BODY_CHARS)}…[${clean.length - MAX_BODY_CHARS} more characters not kept]`
    : clean;
}

function toEntry(row: Partial<DbRequestLogEntry> & DbRequestLogEntryHead): RequestLogEntry {
  return {
    id: row.id,
    storeId: row.store_id,
    at: row.at,
    method: row.method,
    url: row.url,
    status: row.status,
    durationMs: row.duration_ms,
    bytesSent: row.bytes_sent,
    bytesReceived: row.bytes_received,
    error: row.error,
    ...(row.request_body !== undefined ? { requestBody: row.request_body } : {}),
    ...(row.response_body !== undefined ? { responseBody: row.response_body } : {}),
  };
}

type DbRequestLogEntryHead = Omit<DbRequestLogEntry, 'request_body' | 'response_body' | 'stored_bytes'>;

const HEAD_COLUMNS = [
  'id',
  'store_id',
  'at',
  'method',
  'url',
  'status',
  'duration_ms',
  'bytes_sent',
  'bytes_received',
  'error',
] as const;

/**
 * What was sent to each store and what came back, with keys redacted; pruned by age and total size.
 *
 * @example
 * await hub.requestLog.record({ storeId, method: 'GET', url, status: 200, durationMs: 84, bytesReceived: 5120 });
 * await hub.requestLog.list({ storeId, status: 'failed', from: yesterday });
 */
export class RequestLogRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async record(entries: RequestLogInput | readonly RequestLogInput[]): Promise<void> {
    const list: readonly RequestLogInput[] = Array.isArray(entries) ? entries : [entries as RequestLogInput];
    if (list.length === 0) return;
    const now = nowIso(this.#ctx);
    const rows = list.map((entry) => {
      const secrets = entry.secrets ?? [];
      const url = redact(redactUrl(entry.url), secrets);
      const requestBody = cut(entry.requestBody, secrets);
      const responseBody = cut(entry.responseBody, secrets);
      const error = cut(entry.error, secrets);
      return {
        store_id: entry.storeId,
        at: entry.at?.toISOString() ?? now,
        method: entry.method.toUpperCase(),
        url,
        status: entry.status,
        duration_ms: Math.round(entry.durationMs),
        bytes_sent: entry.bytesSent ?? 0,
        bytes_received: entry.bytesReceived ?? 0,
        request_body: requestBody,
        response_body: responseBody,
        error,
        stored_bytes:
          url.length + (requestBody?.length ?? 0) + (responseBody?.length ?? 0) + (error?.length ?? 0) + 64,
      };
    });
    await write(this.#ctx, (db) => bulkInsert(db, this.#ctx.engine, 'request_log', rows));
  }

  /** Entries newest first, without bodies (see {@link get}). */
  async list(query: RequestLogQuery = {}): Promise<RequestLogEntry[]> {
    let select = this.#ctx.db.selectFrom('request_log').select(HEAD_COLUMNS);
    if (query.storeId !== undefined) select = select.where('store_id', '=', query.storeId);
    if (typeof query.status === 'number') select = select.where('status', '=', query.status);
    if (query.status === 'failed')
      select = select.where((eb) => eb.or([eb('status', 'is', null), eb('status', '>=', 400)]));
    if (query.status === 'ok') select = select.where('status', '<', 400);
    if (query.from !== undefined) select = select.where('at', '>=', query.from.toISOString());
    if (query.to !== undefined) select = select.where('at', '<', query.to.toISOString());
    if (query.method !== undefined) select = select.where('method', '=', query.method.toUpperCase());
    if (query.resource !== undefined) {
      // `/api/products`, then the end, an id or a query: not `/api/product_options`.
      const base = `%/api/${query.resource.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
      select = select.where((eb) =>
        eb.or(
          [base, `${base}/%`, `${base}?%`].map((pattern) =>
            eb(sql`url`, 'like', sql`${pattern} escape '\\'`),
          ),
        ),
      );
    }
    if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(query.limit ?? 100)
      .execute();
    return rows.map((row) => toEntry(row));
  }

  /** One entry with its bodies. */
  async get(id: number): Promise<RequestLogEntry | undefined> {
    const row = await this.#ctx.db
      .selectFrom('request_log')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toEntry(row) : undefined;
  }

  /**
   * Deletes entries older than `olderThan`, then the oldest ones until the bodies and URLs kept fit in
   * `maxBytes`. Returns how many were deleted.
   */
  async prune(limits: { olderThan?: Date; maxBytes?: number }): Promise<number> {
    return write(this.#ctx, async (db) => {
      let deleted = 0;
      if (limits.olderThan !== undefined) {
        const result = await db
          .deleteFrom('request_log')
          .where('at', '<', limits.olderThan.toISOString())
          .executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      if (limits.maxBytes !== undefined) {
        // The newest entries whose running total fits are kept; the first id past the limit and all older go.
        const cutoff = await db
          .selectFrom(
            db
              .selectFrom('request_log')
              .select(['id', sql<number>`sum(stored_bytes) over (order by id desc)`.as('running')])
              .as('sized'),
          )
          .select('id')
          .where('running', '>', limits.maxBytes)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (cutoff) {
          const result = await db.deleteFrom('request_log').where('id', '<=', cutoff.id).executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
      }
      return deleted;
    });
  }
}
