import { describe, expect, it } from 'vitest';

import { StoreDates } from '../../src/sync/store-dates.js';
import { storeDateToInstant } from '../../src/webservice/index.js';

/** Days of 2026 when clocks change in the zones below (US, EU, Lord Howe Island). */
const CHANGE_DAYS = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01'];

/** Wall-clock texts: every 3 h 7 min 13 s of a year, and every 307 s of the change days. */
function sampleDates(): string[] {
  const texts: string[] = [];
  const push = (wall: number): void => {
    texts.push(new Date(wall).toISOString().slice(0, 19).replace('T', ' '));
  };
  for (let wall = Date.UTC(2026, 0, 1); wall < Date.UTC(2027, 0, 1); wall += 11_233_000) push(wall);
  for (const day of CHANGE_DAYS) {
    const start = Date.parse(`${day}T00:00:00Z`);
    for (let wall = start; wall < start + 86_400_000; wall += 307_000) push(wall);
  }
  return texts;
}

describe('StoreDates', () => {
  it.each(['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'])(
    'converts like the exact conversion in %s, clock changes included',
    (zone) => {
      const dates = new StoreDates(zone);
      const texts = sampleDates();
      expect(texts.map((text) => dates.toInstant(text))).toEqual(
        texts.map((text) => storeDateToInstant(text, zone)),
      );
    },
  );

  it("reads PrestaShop's empty dates as none, and writes instants back in store time", () => {
    const dates = new StoreDates('Europe/Paris');
    expect(dates.toInstant('0000-00-00 00:00:00')).toBeNull();
    expect(dates.toInstant('')).toBeNull();
    expect(dates.toInstant(undefined)).toBeNull();
    expect(dates.toInstant('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
    expect(dates.toLocal('2026-11-22T11:11:13.000Z')).toBe('2026-11-22 12:11:13');
    expect(() => dates.toInstant('22/11/2026')).toThrow(/not a store date/);
  });
});
