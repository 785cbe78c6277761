/**
 * How the hub commands show times, durations, counts and prices: short, unambiguous (UTC instants),
 * and never through a binary float for money.
 */

/** `2026-01-15 09:15:00Z` (UTC), or `-`. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** `850 ms`, `12.4 s`, `3 min 20 s`, `2 h 5 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 3_600) return pair(Math.floor(seconds / 60), 'min', seconds % 60, 's');
  const minutes = Math.round(seconds / 60);
  if (minutes < 24 * 60) return pair(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
  return pair(Math.floor(minutes / 1_440), 'd', Math.floor((minutes % 1_440) / 60), 'h');
}

function pair(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
}

/** `in 12 min`, `3 min ago`, `now`. */
export function formatRelative(at: Date, now: Date): string {
  const delta = at.getTime() - now.getTime();
  if (Math.abs(delta) < 1_000) return 'now';
  const span = formatDuration(Math.abs(delta)).replace(/^(\d+)\.\d s$/, '$1 s');
  return delta > 0 ? `in ${span}` : `${span} ago`;
}

/** An integer with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * A decimal string as stored (`23.900000`) for display: trailing zeros dropped, at least two
 * decimals (`23.90`, `9.166667`). Text only: money never goes through a float.
 */
export function formatPrice(decimal: string): string {
  const match = /^(-?\d+)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!match) return decimal;
  const fraction = (match[2] ?? '').replace(/0+$/, '').padEnd(2, '0');
  return `${match[1]}.${fraction}`;
}
