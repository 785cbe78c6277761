import type { Store } from '../hub/index.js';
import { instantToStoreDate, storeDateToInstant } from '../webservice/index.js';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_MS = 86_400_000;
/** Days whose offset is remembered (a catalog's dates span a few thousand at most). */
const CACHED_DAYS = 20_000;

/**
 * A store's dates, converted with its time zone. PrestaShop writes local wall-clock times without a
 * zone (`2026-11-22 12:11:13`); the hub keeps UTC instants. Watermarks sent back in filters stay in
 * the store's own text, so they compare exactly with what the store wrote.
 *
 * Converting with `Intl` costs about 100 µs per date, which adds up over a large catalog: the zone's
 * offset is remembered per wall-clock day, for every day without a clock change (on the two days a
 * year with one, dates are converted exactly each time).
 *
 * @example
 * const dates = StoreDates.of(store); // store.timeZone 'Europe/Paris'
 * dates.toInstant('2026-11-22 12:11:13'); // '2026-11-22T11:11:13.000Z'
 * dates.toInstant('0000-00-00 00:00:00'); // null
 * dates.toLocal('2026-11-22T11:11:13.000Z'); // '2026-11-22 12:11:13'
 */
export class StoreDates {
  readonly timeZone: string;
  /** Wall-clock day → the zone's offset during all of it (ms), or null when the clocks change that day. */
  readonly #offsets = new Map<number, number | null>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
  }

  static of(store: Store): StoreDates {
    return new StoreDates(store.timeZone);
  }

  /** The UTC instant of a store date; `null` for PrestaShop's empty date or an empty field. */
  toInstant(local: string | undefined): string | null {
    if (local === undefined) return null;
    const match = LOCAL_DATE.exec(local.trim());
    if (match === null || match[1] === '0000') return storeDateToInstant(local, this.timeZone);
    const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
    const wall = Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
    );
    const offset = this.#dayOffset(Math.floor(wall / DAY_MS));
    return offset === null ? storeDateToInstant(local, this.timeZone) : new Date(wall - offset).toISOString();
  }

  /** The store's local text of an instant. */
  toLocal(instant: Date | string): string {
    return instantToStoreDate(instant, this.timeZone);
  }

  #dayOffset(day: number): number | null {
    const known = this.#offsets.get(day);
    if (known !== undefined) return known;
    const offsetAt = (wall: number): number => {
      const text = new Date(wall).toISOString().slice(0, 19).replace('T', ' ');
      return wall - Date.parse(storeDateToInstant(text, this.timeZone) ?? text);
    };
    const start = offsetAt(day * DAY_MS);
    const end = offsetAt(day * DAY_MS + DAY_MS - 1000);
    const offset = start === end ? start : null;
    if (this.#offsets.size >= CACHED_DAYS) this.#offsets.clear();
    this.#offsets.set(day, offset);
    return offset;
  }
}
