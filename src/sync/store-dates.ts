import type { Store } from '../hub/index.js';
import { instantToStoreDate, storeDateToInstant } from '../webservice/index.js';

/**
 * A store's dates, converted with its time zone. PrestaShop writes local wall-clock times without a
 * zone (`2026-11-22 12:11:13`); the hub keeps UTC instants. Watermarks sent back in filters stay in
 * the store's own text, so they compare exactly with what the store wrote.
 *
 * @example
 * const dates = StoreDates.of(store); // store.timeZone 'Europe/Paris'
 * dates.toInstant('2026-11-22 12:11:13'); // '2026-11-22T11:11:13.000Z'
 * dates.toInstant('0000-00-00 00:00:00'); // null
 * dates.toLocal('2026-11-22T11:11:13.000Z'); // '2026-11-22 12:11:13'
 */
export class StoreDates {
  readonly timeZone: string;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
  }

  static of(store: Store): StoreDates {
    return new StoreDates(store.timeZone);
  }

  /** The UTC instant of a store date; `null` for PrestaShop's empty date or an empty field. */
  toInstant(local: string | undefined): string | null {
    if (local === undefined) return null;
    return storeDateToInstant(local, this.timeZone);
  }

  /** The store's local text of an instant. */
  toLocal(instant: Date | string): string {
    return instantToStoreDate(instant, this.timeZone);
  }
}
