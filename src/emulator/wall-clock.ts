/**
 * Store time. PrestaShop writes dates as local wall-clock strings without a zone
 * (`2026-11-22 12:11:13`, in the store's `PS_TIMEZONE`). Inside the emulator a date is a number of
 * wall-clock seconds: seconds since 1970-01-01 00:00:00 *in the store's zone*, formatted with UTC
 * arithmetic, so generated dates never go through a time-zone database.
 */

/** Where the emulator reads the current instant; tests inject a fixed or stepping clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** `1795349473` → `2026-11-22 12:11:13`. */
export function formatWallClock(seconds: number): string {
  const date = new Date(seconds * 1000);
  const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

/** `2026-11-22 12:11:13` (or `2026-11-22`) → wall-clock seconds; NaN when not a date. */
export function parseWallClock(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock seconds of `instant` in `timeZone` (for example `Europe/Paris`). */
export function wallClockSeconds(instant: Date, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return (
    Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    ) / 1000
  );
}
