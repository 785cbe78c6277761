import type { Feed, FeedOptions, FeedOptionSpec } from '../sync/index.js';
import { ApiError } from './api-errors.js';

const DATE = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The options of a "Run now" body, checked against what the feed declares (by option name:
 * `{ "pageSize": 50, "since": "2026-01-31" }`). An unknown option or a value of the wrong kind is a
 * validation error naming the field.
 */
export function feedRunOptions(feed: Feed, given: Readonly<Record<string, unknown>>): FeedOptions {
  const specs = feed.options ?? [];
  const values: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(given)) {
    const spec = specs.find((candidate) => candidate.name === name);
    const field = `body.options.${name}`;
    if (!spec) {
      const known = specs.map((candidate) => candidate.name);
      throw new ApiError(
        400,
        'validation',
        `${feed.name} takes no option '${name}' (${known.length === 0 ? 'it takes none' : `it takes ${known.join(', ')}`}).`,
        { field },
      );
    }
    values[name] = checked(spec, value, field);
  }
  return values;
}

function checked(spec: FeedOptionSpec, value: unknown, field: string): string | number | boolean {
  const wrong = (expected: string): ApiError =>
    new ApiError(400, 'validation', `${field} must be ${expected}, got ${JSON.stringify(value)}.`, {
      field,
    });
  switch (spec.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('true or false');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrong('a whole number');
      return value;
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value.replace(' ', 'T'))))
        throw wrong('a date such as 2026-01-31 or 2026-01-31T08:00');
      return value;
    case 'string':
      if (typeof value !== 'string') throw wrong('a string');
      return value;
  }
}
