import { createHash } from 'node:crypto';

import { ActionInputError } from './action-errors.js';

/**
 * Cursors of action listings: opaque to callers, they hold the last store id of the page (keyset
 * paging by id — the store's own order, so a record added meanwhile is read once, at the end) and a
 * fingerprint of the listing and its filters, so that a cursor sent with other filters is refused
 * rather than silently skipping records. The same cursor reads on from the store or from the hub.
 *
 * @example
 * const next = encodeCursor(120, 'orders', { state: '2' });
 * decodeCursor(next, 'orders', { state: '2' }); // 120
 */
export function encodeCursor(afterId: number, listing: string, filters: object): string {
  return Buffer.from(`${afterId}.${fingerprint(listing, filters)}`, 'utf8').toString('base64url');
}

/** The store id a cursor reads after (0 without a cursor). */
export function decodeCursor(cursor: string | undefined, listing: string, filters: object): number {
  if (cursor === undefined || cursor === '') return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\.([0-9a-f]{12})$/.exec(text);
  if (match === null) {
    throw new ActionInputError(
      `The cursor '${cursor}' is not one this hub gave: pass the 'next' of the previous page as it is, or leave it out to start again.`,
    );
  }
  if (match[2] !== fingerprint(listing, filters)) {
    throw new ActionInputError(
      `The cursor '${cursor}' belongs to another listing or other filters: send the filters of the page that gave it, or leave the cursor out to start again.`,
    );
  }
  return Number(match[1]);
}

function fingerprint(listing: string, filters: object): string {
  const entries = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([listing, entries]))
    .digest('hex')
    .slice(0, 12);
}
