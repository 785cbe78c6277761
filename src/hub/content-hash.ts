import { createHash } from 'node:crypto';

/**
 * A stable fingerprint of a record's content: JSON with sorted keys, hashed (SHA-256, first 128
 * bits, hex). Equal content gives an equal hash whatever the key order; `undefined` fields are
 * left out as JSON does.
 *
 * @example
 * contentHash({ b: 1, a: 'x' }) === contentHash({ a: 'x', b: 1 }); // true
 */
export function contentHash(value: unknown): string {
  return hashText(stableJson(value));
}

/** The same fingerprint over text already in a canonical form (the fast path for bulk pages). */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Language maps as JSON with their keys sorted, so that `{fr, en}` and `{en, fr}` are the same text. */
export function localizedJson(text: Readonly<Record<string, string>> | undefined): string {
  if (text === undefined) return '{}';
  const keys = Object.keys(text);
  const sorted = keys.every((key, index) => index === 0 || (keys[index - 1] ?? '') < key);
  if (sorted) return JSON.stringify(text);
  return JSON.stringify(Object.fromEntries(keys.sort().map((key) => [key, text[key]])));
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => stableJson(item === undefined ? null : item)).join(',')}]`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return stableJson((value as { toJSON(): unknown }).toJSON());
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
}
