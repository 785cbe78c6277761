/**
 * A plain field of a store record as text: the string as the store wrote it, a number written out,
 * and `''` for anything else (absent, or a multilingual map where plain text was expected).
 */
export function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}
