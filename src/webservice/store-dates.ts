import { InvalidRequestError } from './invalid-request-error.js';

/**
 * PrestaShop writes dates in the store's local time without a zone (`2026-11-22 12:11:13`).
 * These helpers convert them to and from instants for a given IANA zone, daylight saving time
 * included, with `Intl` only.
 */

const storeDatePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The instant (ISO 8601, UTC) of a store date in the store's zone; `null` for PrestaShop's empty
 * dates (`0000-00-00`, `0000-00-00 00:00:00`, `''`). A wall time that happens twice (autumn
 * change) is read as the first; one that does not exist (spring change) is moved forward by the
 * gap, as clocks do.
 *
 * @example
 * ```ts
 * storeDateToInstant('2026-11-22 12:11:13', 'Europe/Paris'); // '2026-11-22T11:11:13.000Z'
 * storeDateToInstant('0000-00-00 00:00:00', 'Europe/Paris'); // null
 * ```
 */
export function storeDateToInstant(storeDate: string, timeZone: string): string | null {
  const text = storeDate.trim();
  if (text === '' || text.startsWith('0000-00-00')) return null;
  const match = storeDatePattern.exec(text);
  if (!match) throw new InvalidRequestError(`"${storeDate}" is not a store date (YYYY-MM-DD HH:MM:SS)`);
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  return new Date(instantOfWallTime(wall, timeZone)).toISOString();
}

/**
 * The store date (`YYYY-MM-DD HH:MM:SS`, the store's local time) of an instant.
 *
 * @example
 * ```ts
 * instantToStoreDate('2026-07-01T10:00:00Z', 'Europe/Paris'); // '2026-07-01 12:00:00'
 * ```
 */
export function instantToStoreDate(instant: Date | string | number, timeZone: string): string {
  const time = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  if (Number.isNaN(time)) throw new InvalidRequestError(`"${String(instant)}" is not an instant`);
  const wall = new Date(time + offsetAt(time, timeZone));
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`
  );
}

/** The UTC instant at which the zone's clocks show `wall` (a wall time encoded as if it were UTC). */
function instantOfWallTime(wall: number, timeZone: string): number {
  const day = 24 * 3600 * 1000;
  // The offsets in force a day either side cover any transition near this wall time.
  const offsets = new Set([
    offsetAt(wall - day, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + day, timeZone),
  ]);
  const candidates = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return first;
  // In a gap: read the wall time with the offset from before the change (moves it forward).
  return wall - offsetAt(wall - day, timeZone);
}

/** The zone's offset from UTC (ms) at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);
  const hour = value('hour') % 24;
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    hour,
    value('minute'),
    value('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

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
      throw new InvalidRequestError(`"${timeZone}" is not an IANA time zone (e.g. Europe/Paris)`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
