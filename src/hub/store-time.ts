import { InvalidRecordError } from './hub-errors.js';

/**
 * PrestaShop dates carry no zone: they are the store's local wall-clock time (`2026-11-22 12:11:13`).
 * The hub keeps both the local text (what the merchant sees) and the UTC instant (what sorts and
 * compares), converting once with the store's IANA time zone.
 */

/** A store date in both forms. */
export interface StoreDate {
  /** As the store wrote it: `YYYY-MM-DD HH:mm:ss`. */
  readonly local: string;
  /** The same moment in UTC, ISO 8601 (`2026-11-22T11:11:13.000Z`). */
  readonly instant: string;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
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
    } catch {
      throw new InvalidRecordError(
        `'${timeZone}' is not a time zone this system knows. Use an IANA name such as Europe/Paris or UTC.`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a readable error unless `timeZone` is a known IANA zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Wall-clock fields of `epochMs` in `timeZone`, as if they were UTC (milliseconds dropped). */
function wallClockAsUtc(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtc(wholeSeconds, timeZone) - wholeSeconds;
}

/**
 * Converts a store's local date to a UTC ISO instant. PrestaShop's empty date (`0000-00-00 …`) and
 * an empty string give `null`. A time that occurs twice (clocks going back) takes the first
 * occurrence; a time that does not exist (clocks going forward) moves forward by the gap.
 *
 * @example
 * storeLocalToInstant('2026-07-01 12:00:00', 'Europe/Paris'); // '2026-07-01T10:00:00.000Z'
 */
export function storeLocalToInstant(local: string, timeZone: string): string | null {
  const text = local.trim();
  if (text === '' || text.startsWith('0000-00-00')) return null;
  const match = LOCAL_DATE.exec(text);
  if (!match) {
    throw new InvalidRecordError(`'${local}' is not a store date (expected YYYY-MM-DD HH:mm:ss).`);
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const dayUtc = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const asUtc = dayUtc + (Number(hour) * 60 + Number(minute)) * 60_000;
  // Most days have one offset from midnight to midnight: one conversion per day (cached). A day the
  // zone changes its offset converts each local minute once (cached), then adds the seconds.
  const offset = dayOffset(dayUtc, timeZone);
  let minuteEpoch: number | undefined;
  if (offset !== null) minuteEpoch = asUtc - offset;
  else {
    const key = `${timeZone}|${asUtc}`;
    minuteEpoch = minuteCache.get(key);
    if (minuteEpoch === undefined) {
      minuteEpoch = localMinuteToEpoch(asUtc, timeZone);
      if (minuteCache.size >= MINUTE_CACHE_SIZE) minuteCache.clear();
      minuteCache.set(key, minuteEpoch);
    }
  }
  return new Date(minuteEpoch + Number(second) * 1000).toISOString();
}

const MINUTE_CACHE_SIZE = 50_000;
const minuteCache = new Map<string, number>();
const DAY_CACHE_SIZE = 20_000;
const dayCache = new Map<string, number | null>();

/**
 * The zone's offset on the local day starting at `dayUtc` (its midnight read as UTC), when its first
 * and last minutes have the same one (no change of offset that day); null on a day of change.
 */
function dayOffset(dayUtc: number, timeZone: string): number | null {
  const key = `${timeZone}|${dayUtc}`;
  let offset = dayCache.get(key);
  if (offset === undefined) {
    const lastMinute = dayUtc + 86_400_000 - 60_000;
    const first = dayUtc - localMinuteToEpoch(dayUtc, timeZone);
    const last = lastMinute - localMinuteToEpoch(lastMinute, timeZone);
    offset = first === last ? first : null;
    if (dayCache.size >= DAY_CACHE_SIZE) dayCache.clear();
    dayCache.set(key, offset);
  }
  return offset;
}

function localMinuteToEpoch(asUtc: number, timeZone: string): number {
  const hours12 = 12 * 3600 * 1000;
  const candidates = [
    asUtc - offsetAt(asUtc - hours12, timeZone),
    asUtc - offsetAt(asUtc + hours12, timeZone),
  ]
    .filter((epoch) => wallClockAsUtc(epoch, timeZone) === asUtc)
    .sort((a, b) => a - b);
  return candidates[0] ?? asUtc - offsetAt(asUtc - hours12, timeZone);
}

/**
 * The store's local wall-clock text for a UTC instant.
 *
 * @example
 * instantToStoreLocal('2026-07-01T10:00:00.000Z', 'Europe/Paris'); // '2026-07-01 12:00:00'
 */
export function instantToStoreLocal(instant: string | Date, timeZone: string): string {
  const epoch = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(epoch)) throw new InvalidRecordError(`'${String(instant)}' is not a date.`);
  return new Date(wallClockAsUtc(epoch, timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

/** Both forms of a store date, or `null` for PrestaShop's empty date. */
export function storeDate(local: string, timeZone: string): StoreDate | null {
  const instant = storeLocalToInstant(local, timeZone);
  return instant === null ? null : { local: local.trim().replace('T', ' '), instant };
}
