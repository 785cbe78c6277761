import type { WatermarkValue } from '../../hub/index.js';
import type { FeedOptions, FeedOptionSpec } from '../feed.js';
import { FeedPreconditionError } from '../feed-errors.js';

/** Orders per page (each page also reads its addresses, customers, histories and messages in bulk). */
export const DEFAULT_ORDER_PAGE = 250;

export const ORDER_PAGE_SIZE_OPTION: FeedOptionSpec = {
  name: 'pageSize',
  flag: 'page-size',
  kind: 'integer',
  description: `Records per request (default ${DEFAULT_ORDER_PAGE} orders); smaller pages suit slow or limited hosts.`,
};

export function orderPageSize(options: FeedOptions): number {
  const value = options.pageSize;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1000
    ? value
    : DEFAULT_ORDER_PAGE;
}

/** A watermark field as a whole number (0 when absent). */
export function markNumber(value: WatermarkValue | undefined, key: string): number {
  const field = value?.[key];
  return typeof field === 'number' && Number.isFinite(field) ? field : 0;
}

/** A watermark field as text (undefined when absent). */
export function markText(value: WatermarkValue | undefined, key: string): string | undefined {
  const field = value?.[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/**
 * A date given on the command line as store-local text (`2026-01-31`, `2026-01-31T08:00`): the
 * store's own wall-clock form, `YYYY-MM-DD HH:MM:SS`. A bare date is the start of that day, or its
 * end for the upper bound of a range.
 */
export function storeLocalBound(text: string, end: boolean): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (match === null) {
    throw new FeedPreconditionError(`'${text}' is not a date: write it as 2026-01-31 or 2026-01-31T08:00.`);
  }
  const [, day, hours, minutes, seconds] = match;
  if (hours === undefined) return `${day} ${end ? '23:59:59' : '00:00:00'}`;
  return `${day} ${hours}:${minutes}:${seconds ?? (end ? '59' : '00')}`;
}
