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

const defaultPageSize = 500;
const defaultOffsetCeiling = 1000;

/**
 * Pages of a listing, as an async iterator: `for await (const page of client.iterate(…))`.
 *
 * Sorted by id (or unsorted), it pages by id ranges — `filter[id]=>[last id]`, `sort=[id_ASC]`,
 * `limit=N` — so every request costs the same however deep the table, and a record added during
 * the sweep is read once (at the end) and never twice. Any other sort falls back to offsets
 * (`limit=offset,N`), with a page ceiling. Either way it stops on a short page: the webservice
 * has no total count.
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
    const request = (): Promise<T[]> => {
      const pending = this.fetchPage(
        this.mode === 'keyset' ? this.keysetQuery(lastId) : this.offsetQuery(offset),
      );
      // A prefetched page the caller never asks for must not become an unhandled rejection.
      pending.catch(() => undefined);
      return pending;
    };
    let next = request();
    for (;;) {
      const page = await next;
      this.pages += 1;
      if (page.length === 0) return;
      const last = page.at(-1);
      if (last) lastId = Math.max(lastId, last.id);
      offset += this.pageSize;
      const finished = page.length < this.pageSize;
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
