import type { PsRecord } from '../../webservice/index.js';

/** How one page of an action listing is read from the store. */
export interface StorePageRead<R extends PsRecord, T> {
  /** Records with a store id above `afterId`, in id order, at most `count` (one request). */
  readonly fetch: (afterId: number, count: number) => Promise<R[]>;
  /**
   * The page's records as the action answers them, `undefined` for those it leaves out (carts with
   * an order, when only abandoned ones are asked for). May make one request for the whole page.
   */
  readonly convert: (records: readonly R[]) => Promise<ReadonlyArray<T | undefined>>;
  readonly afterId: number;
  readonly limit: number;
  /** Store requests at most, when records are left out (default 10). */
  readonly maxRequests?: number;
  /**
   * Records per request (default `limit + 1`). A listing that leaves many records out reads more at a
   * time, so that a page fills in fewer requests; it must be more than `limit`.
   */
  readonly batchSize?: number;
}

/** The page, and the store id to read on after (null: the listing is over). */
export interface StorePage<T> {
  readonly items: T[];
  readonly nextAfterId: number | null;
}

const DEFAULT_MAX_REQUESTS = 10;

/**
 * Reads one page of an action listing from the store, paging by id ranges (`filter[id]=>[last]`,
 * `sort=[id_ASC]`): it asks for one record more than the page holds, so that a full page knows
 * whether another follows without a second request (the webservice gives no total count). When
 * `convert` leaves records out, it reads on — up to `maxRequests` requests — to fill the page; a
 * page cut short by that ceiling still has a cursor, so the caller reads on.
 *
 * @example
 * const page = await readStorePage({ fetch, convert, afterId: 0, limit: 50 });
 * page.nextAfterId; // 50, or null after the last page
 */
export async function readStorePage<R extends PsRecord, T>(read: StorePageRead<R, T>): Promise<StorePage<T>> {
  const items: T[] = [];
  const batchSize = Math.max(read.batchSize ?? 0, read.limit + 1);
  const maxRequests = read.maxRequests ?? DEFAULT_MAX_REQUESTS;
  let afterId = read.afterId;
  for (let request = 1; ; request += 1) {
    const records = await read.fetch(afterId, batchSize);
    const converted = await read.convert(records);
    for (const [index, record] of records.entries()) {
      // A record beyond a full page: another page follows, starting after the last one looked at.
      if (items.length === read.limit) return { items, nextAfterId: afterId };
      afterId = Math.max(afterId, record.id);
      const item = converted[index];
      if (item === undefined) continue;
      items.push(item);
    }
    if (records.length < batchSize) return { items, nextAfterId: null };
    if (items.length === read.limit || request >= maxRequests) return { items, nextAfterId: afterId };
  }
}
