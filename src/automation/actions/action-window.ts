import type { Store } from '../../hub/index.js';
import { filter, instantToStoreDate, type PsFilter } from '../../webservice/index.js';
import { ActionInputError } from './action-errors.js';
import type { UpdatedWindow } from './action-types.js';

/** The window as UTC ISO instants, checked (what the hub compares its copies with). */
export interface CheckedWindow {
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
}

/** Reads and checks a window: instants with a zone, the start not after the end. */
export function checkWindow(window: UpdatedWindow): CheckedWindow {
  const from = window.updatedFrom === undefined ? undefined : instant(window.updatedFrom, 'updatedFrom');
  const to = window.updatedTo === undefined ? undefined : instant(window.updatedTo, 'updatedTo');
  if (from !== undefined && to !== undefined && from > to) {
    throw new ActionInputError(`updatedFrom (${from}) is after updatedTo (${to}): swap them.`);
  }
  return {
    ...(from === undefined ? {} : { updatedFrom: from }),
    ...(to === undefined ? {} : { updatedTo: to }),
  };
}

/** The earliest and latest store dates a window may name when one side is open. */
const EARLIEST = '1970-01-01 00:00:00';
const LATEST = '9999-12-31 23:59:59';

/**
 * The window as a `date_upd` filter in the store's own local time — an inclusive interval
 * (`[from,to]`, with `date=1`, which the query adds) — or undefined when it is open on both sides.
 */
export function storeDateFilter(store: Store, window: CheckedWindow): PsFilter | undefined {
  if (window.updatedFrom === undefined && window.updatedTo === undefined) return undefined;
  const local = (value: string | undefined, open: string) =>
    value === undefined ? open : instantToStoreDate(value, store.timeZone);
  return filter.between(local(window.updatedFrom, EARLIEST), local(window.updatedTo, LATEST));
}

function instant(text: string, field: string): string {
  const trimmed = text.trim();
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const time = Date.parse(trimmed);
  if (!withZone || !/^\d{4}-\d{2}-\d{2}T/.test(trimmed) || Number.isNaN(time)) {
    throw new ActionInputError(
      `${field} must be an ISO 8601 instant with its zone (2026-12-01T08:00:00Z or 2026-12-01T09:00:00+01:00), got '${text}'.`,
    );
  }
  return new Date(time).toISOString();
}
