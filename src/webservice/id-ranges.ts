import { NoProgressError, type PsRequestInfo } from './errors.js';
import type { PsRecord } from './ps-record.js';
import { filter, type PsQuery } from './query.js';

/** An inclusive range of record ids: `filter[id]=[first,last]`. */
export interface IdRange {
  readonly first: number;
  readonly last: number;
  /** Ids the listing found in it (the page's expected size). */
  readonly count: number;
}

/**
 * Cuts a sorted id list into ranges of `size` ids each (the last one shorter): pages that can be
 * requested all at once, because none needs the previous page's last id.
 *
 * @example
 * ```ts
 * idRanges([1, 2, 5, 9, 10], 2); // [{ first: 1, last: 2, count: 2 }, { first: 5, last: 9, count: 2 }, { first: 10, last: 10, count: 1 }]
 * ```
 */
export function idRanges(sortedIds: readonly number[], size: number): IdRange[] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`size must be a positive integer, got ${size}`);
  const ranges: IdRange[] = [];
  for (let start = 0; start < sortedIds.length; start += size) {
    const end = Math.min(start + size, sortedIds.length) - 1;
    ranges.push({ first: sortedIds[start] ?? 0, last: sortedIds[end] ?? 0, count: end - start + 1 });
  }
  return ranges;
}

/** Reads one request of a listing; the client supplies it. */
export type RangeFetcher<T> = (query: PsQuery) => Promise<T[]>;

/**
 * Every record whose id is in `range`, in id order: `filter[id]=[first,last]`, `sort=[id_ASC]`, with a
 * limit of twice the ids listed, so a range that grew since the listing (records inserted with chosen
 * ids) is read on by id rather than cut short. A store that ignores the id filter answers ids
 * outside the range: that fails with a {@link NoProgressError} instead of reading the whole table
 * once per range.
 */
export async function readIdRange<T extends PsRecord>(
  query: PsQuery,
  range: IdRange,
  fetch: RangeFetcher<T>,
  describe: (query: PsQuery) => PsRequestInfo,
): Promise<T[]> {
  const limit = range.count * 2;
  const records: T[] = [];
  for (let from = range.first; ;) {
    const asked: PsQuery = {
      ...query,
      filter: { ...query.filter, id: filter.between(from, range.last) },
      sort: ['id_ASC'],
      limit,
    };
    const page = await fetch(asked);
    const outside = page.find((record) => record.id < from || record.id > range.last);
    if (outside !== undefined) {
      throw new NoProgressError(
        describe(asked),
        `the store ignores the id filter: asked for ids ${from}–${range.last}, it answered id ${outside.id}`,
      );
    }
    records.push(...page);
    const lastId = page.reduce((max, record) => Math.max(max, record.id), 0);
    if (page.length < limit || lastId >= range.last) break;
    from = lastId + 1;
  }
  // Without ORDER BY honoured a store may answer in any order; pages are committed in id order.
  return records.sort((a, b) => a.id - b.id);
}
