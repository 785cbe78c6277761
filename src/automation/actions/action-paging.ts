import { encodeCursor } from './action-cursor.js';
import { ActionInputError } from './action-errors.js';
import {
  type ActionPage,
  type ActionPaging,
  type ActionSource,
  DEFAULT_ACTION_LIMIT,
  MAX_ACTION_LIMIT,
} from './action-types.js';

/** The page size asked for, checked against the ceiling. */
export function pageLimit(paging: ActionPaging): number {
  const limit = paging.limit ?? DEFAULT_ACTION_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ACTION_LIMIT) {
    throw new ActionInputError(`limit must be a whole number from 1 to ${MAX_ACTION_LIMIT}, got ${limit}.`);
  }
  return limit;
}

/** Where to read: `store` unless the caller asks for the hub's copy. */
export function pageSource(paging: ActionPaging): ActionSource {
  return paging.source ?? 'store';
}

/** A page of a listing, its `next` cursor bound to the listing and its filters. */
export function actionPage<T>(
  source: ActionSource,
  items: T[],
  nextAfterId: number | null,
  limit: number,
  listing: string,
  filters: object,
): ActionPage<T> {
  return {
    source,
    items,
    next: nextAfterId === null ? null : encodeCursor(nextAfterId, listing, filters),
    limit,
  };
}

/**
 * A hub page read with one row more than the page holds: the extra row says another page follows,
 * and the page's last store id is where it starts.
 */
export function hubPage<T extends { readonly id: number }>(
  rows: T[],
  limit: number,
  listing: string,
  filters: object,
): ActionPage<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return actionPage('hub', items, more ? (items.at(-1)?.id ?? null) : null, limit, listing, filters);
}
