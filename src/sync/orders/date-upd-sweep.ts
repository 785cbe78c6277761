import {
  filter,
  NoProgressError,
  type PrestaShopClient,
  type PsFilter,
  type PsQuery,
  type PsRecordOf,
} from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { StoreDates } from '../store-dates.js';

/** Resources swept by `date_upd`. */
export type SweptResource = 'orders' | 'customers' | 'customer_messages' | 'carts';

/** Where a sweep starts, how many records a page holds, and filters every page also applies. */
export interface SweepOptions {
  readonly from: string;
  readonly pageSize: number;
  /** Further filters on other fields (`{ id_customer: filter.gt(0) }`), sent with every request. */
  readonly where?: Readonly<Record<string, PsFilter>>;
}

/**
 * How far back each run looks before the time it started. A change made while a run reads can land
 * in a second the run has already passed; starting the next run this far back reads it then. (It
 * assumes the store's and the hub's clocks agree within this margin.)
 */
export const SWEEP_MARGIN_MS = 5 * 60_000;

/** The latest watermark a run that started at `now` may keep (store-local text). */
export function sweepCeiling(dates: StoreDates, now: Date): string {
  return dates.toLocal(new Date(now.getTime() - SWEEP_MARGIN_MS));
}

/**
 * The watermark after a page whose last record changed at `seen`: moved forward to it, but never past
 * `ceiling` nor back.
 */
export function advanceMark(mark: string, seen: string, ceiling: string): string {
  const next = seen < ceiling ? seen : ceiling;
  return next > mark ? next : mark;
}

/** The lowest store date: a sweep without a start reads everything. */
export const EPOCH_LOCAL = '1970-01-01 00:00:00';

/**
 * Every record of `resource` changed at or after `from` (store-local `date_upd`), oldest change
 * first, in pages of full records — keyset on (`date_upd`, `id`), never by growing offsets, so that a
 * record changed during the sweep (it moves to the end) is never skipped and no page costs more than
 * the first:
 *
 * 1. the records of the second `from` itself, by id (`filter[date_upd]=[from]`);
 * 2. then pages of `date_upd > last` sorted `[date_upd_ASC, id_ASC]`; after a full page whose last
 *    record changed at second `d`, the rest of second `d` by id, then on from `d`.
 *
 * A store that ignores the `date_upd` filter answers full pages that never get past `from`: the
 * second such page in a row fails the sweep with a `NoProgressError` rather than loop forever.
 *
 * @example
 * for await (const page of sweepByDateUpd(client, 'orders', { from: '2026-11-22 12:00:00', pageSize: 250 })) { … }
 */
export async function* sweepByDateUpd<R extends SweptResource>(
  client: PrestaShopClient,
  resource: R,
  options: SweepOptions,
): AsyncGenerator<Array<PsRecordOf<R>>> {
  const { pageSize } = options;
  const where = options.where ?? {};
  let second = options.from;
  let stalled = 0;
  if (second !== EPOCH_LOCAL) yield* sameSecond(client, resource, second, 0, pageSize, where);
  for (;;) {
    const query: PsQuery = {
      display: 'full',
      filter: { ...where, date_upd: filter.after(second) },
      sort: ['date_upd_ASC', 'id_ASC'],
      limit: pageSize,
    };
    const page = await client.list(resource, query);
    if (page.length === 0) return;
    const last = page.at(-1);
    const reached = scalar(last?.date_upd);
    const full = page.length >= pageSize && last !== undefined;
    // A full page whose last change is not after the second asked for brings the sweep no further.
    stalled = full && !(reached > second) ? stalled + 1 : 0;
    if (stalled > 1) {
      const request = client.listRequest(resource, query);
      throw new NoProgressError(
        request,
        `the store does not move on: asked for the ${resource} changed after ${second} (${request.url}), it answered ` +
          `${page.length} changed at or before ${reached || 'no date'} (ids ${page[0]?.id ?? '?'}–${last?.id ?? '?'}), ` +
          `${stalled} full pages in a row. It ignores the date_upd filter, so paging would never end`,
      );
    }
    yield page;
    if (!full) return;
    if (reached > second) second = reached;
    yield* sameSecond(client, resource, second, last.id, pageSize, where);
  }
}

/** The records changed at exactly `second`, after id `afterId`, by id. */
async function* sameSecond<R extends SweptResource>(
  client: PrestaShopClient,
  resource: R,
  second: string,
  afterId: number,
  pageSize: number,
  where: Readonly<Record<string, PsFilter>>,
): AsyncGenerator<Array<PsRecordOf<R>>> {
  for await (const page of client.iterate(
    resource,
    { display: 'full', filter: { ...where, date_upd: second } },
    { pageSize, afterId },
  )) {
    if (page.length > 0) yield page;
  }
}
