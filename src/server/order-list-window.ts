/**
 * The time windows of `GET /orders` (placed, updated): a bound is a UTC day (`2026-12-03`, whole day
 * included) or an instant (`2026-12-03T10:00:00Z`). Stored instants are ISO text on SQLite and
 * timestamptz on PostgreSQL; both compare with the ISO form `toISOString` gives.
 */
import { ApiError } from './api-errors.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The query-string schema of one bound. */
export const windowBoundQuery = (description: string) =>
  ({
    type: 'string',
    pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$',
    description: `${description}: a UTC day (YYYY-MM-DD, the whole day) or an ISO instant.`,
  }) as const;

function instant(text: string, name: string): Date {
  const date = new Date(DAY.test(text) ? `${text}T00:00:00.000Z` : text);
  if (Number.isNaN(date.getTime()))
    throw new ApiError(
      400,
      'validation',
      `${name} '${text}' is not a date: use YYYY-MM-DD or an ISO instant.`,
      {
        field: `querystring.${name}`,
      },
    );
  return date;
}

/** The inclusive lower bound as an ISO instant. */
export function windowStart(text: string | undefined, name: string): string | undefined {
  return text === undefined ? undefined : instant(text, name).toISOString();
}

/** The exclusive upper bound as an ISO instant: the day after a day, the instant itself otherwise. */
export function windowEnd(text: string | undefined, name: string): string | undefined {
  if (text === undefined) return undefined;
  const date = instant(text, name);
  if (DAY.test(text)) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}
