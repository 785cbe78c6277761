import { NoProgressError, type PsRequestInfo } from './errors.js';
import type { PsRecord } from './ps-record.js';
import { filter, type PsQuery, sortList } from './query.js';

/** How `iterate()` pages. */
export interface IterateOptions {
  /** Records per request (default 500). */
  readonly pageSize?: number;
  /**
   * Stop after this many pages: a ceiling for listings read by offset, which have no total
   * count (default 1000 pages by offset, none by id range).
   */
  readonly maxPages?: number;
  /** Request the next page while the caller works on the current one (default true). */
  readonly prefetch?: boolean;
  /** Resume an id-range sweep after this id (a watermark). */
  readonly afterId?: number;
}

/** Reads one page for the iterator; the client supplies it. */
export type PageFetcher<T> = (query: PsQuery) => Promise<T[]>;

/** What a page's request was, for errors; the client supplies it. */
export type PageRequestDescriber = (query: PsQuery) => PsRequestInfo;

const defaultPageSize = 500;
const defaultOffsetCeiling = 1000;
/**
 * Full pages in a row that bring nothing new before the sweep gives up. One is forgiven: a store
 * may answer a page twice once (a cache, orders arriving while it pages) and then move on.
 */
const stalledPagesAllowed = 1;

/**
 * Pages of a listing, as an async iterator: `for await (const page of client.iterate(…))`.
 *
 * Sorted by id (or unsorted), it pages by id ranges — `filter[id]=>[last id]`, `sort=[id_ASC]`,
 * `limit=N` — so every request costs the same however deep the table, and a record added during
 * the sweep is read once (at the end) and never twice. Any other sort falls back to offsets
 * (`limit=offset,N`), with a page ceiling. Either way it stops on a short page: the webservice
 * has no total count. A store that does not move on — full pages of ids already read, because it
 * ignores the id filter or the offset — fails the sweep with a {@link NoProgressError} at the
 * second such page in a row, instead of paging forever.
 *
 * @example
 * ```ts
 * const pages = client.iterate('products', { display: 'full' }, { pageSize: 250 });
 * for await (const page of pages) await saveInOneTransaction(page);
 * const all = await client.iterate('order_states', { display: 'full' }).toArray();
 * ```
 */
export class PageIterator<T extends PsRecord> implements AsyncIterable<T[]> {
  /** `keyset` (id ranges) or `offset`. */
  readonly mode: 'keyset' | 'offset';
  private readonly pageSize: number;
  private readonly maxPages: number;
  private ceilingReached = false;
  private pages = 0;

  constructor(
    private readonly query: PsQuery,
    private readonly options: IterateOptions,
    private readonly fetchPage: PageFetcher<T>,
    private readonly describe: PageRequestDescriber = () => ({ method: 'GET', url: '' }),
  ) {
    this.pageSize = options.pageSize ?? defaultPageSize;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) {
      throw new RangeError(`pageSize must be a positive integer, got ${this.pageSize}`);
    }
    const sort = sortList(query.sort);
    const sortedById = sort.length === 0 || (sort.length === 1 && sort[0]?.toLowerCase() === 'id_asc');
    const filtersId = query.filter !== undefined && Object.hasOwn(query.filter, 'id');
    this.mode = sortedById && !filtersId ? 'keyset' : 'offset';
    this.maxPages =
      options.maxPages ?? (this.mode === 'offset' ? defaultOffsetCeiling : Number.POSITIVE_INFINITY);
  }

  /** Pages read so far. */
  get pagesRead(): number {
    return this.pages;
  }

  /** Whether the sweep stopped at `maxPages` rather than at the end of the listing. */
  get stoppedAtCeiling(): boolean {
    return this.ceilingReached;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T[]> {
    const prefetch = this.options.prefetch ?? true;
    let lastId = this.options.afterId ?? 0;
    let offset = 0;
    let previousIds: ReadonlySet<number> = new Set();
    let stalled = 0;
    const request = (): { query: PsQuery; page: Promise<T[]> } => {
      const query = this.mode === 'keyset' ? this.keysetQuery(lastId) : this.offsetQuery(offset);
      const page = this.fetchPage(query);
      // A prefetched page the caller never asks for must not become an unhandled rejection.
      page.catch(() => undefined);
      return { query, page };
    };
    let next = request();
    for (;;) {
      const { query } = next;
      const page = await next.page;
      this.pages += 1;
      if (page.length === 0) return;
      const finished = page.length < this.pageSize;
      const ids = page.map((record) => record.id);
      const moved =
        this.mode === 'keyset'
          ? ids.some((id) => id > lastId)
          : ids.some((id) => typeof id !== 'number' || !previousIds.has(id));
      // Only a full page can make the sweep go on; a short one ends it whatever it holds.
      stalled = moved || finished ? 0 : stalled + 1;
      if (stalled > stalledPagesAllowed) throw this.noProgress(query, ids, lastId, offset, stalled);
      previousIds = new Set(ids);
      const last = page.at(-1);
      if (last) lastId = Math.max(lastId, last.id);
      offset += this.pageSize;
      if (!finished && this.pages >= this.maxPages) this.ceilingReached = true;
      const more = !finished && !this.ceilingReached;
      if (more && prefetch) next = request();
      yield page;
      if (!more) return;
      if (!prefetch) next = request();
    }
  }

  /** Every record, one at a time (pages are still fetched whole). */
  async *records(): AsyncGenerator<T> {
    for await (const page of this) yield* page;
  }

  /** Every record in one array: for small listings only. */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this) all.push(...page);
    return all;
  }

  private noProgress(
    query: PsQuery,
    ids: readonly number[],
    lastId: number,
    offset: number,
    times: number,
  ): NoProgressError {
    const request = this.describe(query);
    const asked =
      this.mode === 'keyset'
        ? `asked for the records after id ${lastId}`
        : `asked for the records from position ${offset}`;
    const answered =
      this.mode === 'keyset'
        ? `it answered ${describeIds(ids)}, none after ${lastId}`
        : `it answered ${describeIds(ids)}, the records of the page before`;
    const ignores = this.mode === 'keyset' ? 'the id filter (filter[id])' : 'the offset of limit';
    return new NoProgressError(
      request,
      `the store does not move on: ${asked}${request.url === '' ? '' : ` (${readableUrl(request.url)})`}, ` +
        `${answered}, ${times} full pages in a row. It ignores ${ignores}, so paging would never end`,
    );
  }

  private keysetQuery(lastId: number): PsQuery {
    return {
      ...this.query,
      filter: { ...this.query.filter, id: filter.gt(lastId) },
      sort: ['id_ASC'],
      limit: this.pageSize,
    };
  }

  private offsetQuery(offset: number): PsQuery {
    return { ...this.query, limit: { offset, count: this.pageSize } };
  }
}

/** `ids 1–25 (25 records)`, or the ids themselves when they are few. */
function describeIds(ids: readonly number[]): string {
  if (ids.length <= 3) return `id${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
  return `ids ${Math.min(...ids)}–${Math.max(...ids)} (${ids.length} records)`;
}

/** The URL as a person reads it: `filter[id]=>[25]` rather than `filter[id]=%3E[25]`. */
function readableUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
