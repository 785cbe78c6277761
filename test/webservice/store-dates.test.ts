import { describe, expect, it } from 'vitest';

import { instantToStoreDate, storeDateToInstant } from '../../src/webservice/store-dates.js';

describe('store dates (local, without zone) and instants', () => {
  it('reads a store date in the store zone, summer and winter', () => {
    expect(storeDateToInstant('2026-11-22 12:11:13', 'Europe/Paris')).toBe('2026-11-22T11:11:13.000Z');
    expect(storeDateToInstant('2026-07-01 12:00:00', 'Europe/Paris')).toBe('2026-07-01T10:00:00.000Z');
    expect(storeDateToInstant('2026-07-01 12:00:00', 'America/New_York')).toBe('2026-07-01T16:00:00.000Z');
    expect(storeDateToInstant('2026-07-01', 'UTC')).toBe('2026-07-01T00:00:00.000Z');
  });

  it("maps PrestaShop's empty dates to null", () => {
    expect(storeDateToInstant('0000-00-00 00:00:00', 'Europe/Paris')).toBeNull();
    expect(storeDateToInstant('0000-00-00', 'Europe/Paris')).toBeNull();
    expect(storeDateToInstant('', 'Europe/Paris')).toBeNull();
  });

  it('an hour that happens twice (autumn change) is read as the first', () => {
    // 2026-10-25 in Paris: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
    expect(storeDateToInstant('2026-10-25 02:30:00', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('an hour that does not exist (spring change) moves forward by the gap', () => {
    // 2026-03-29 in Paris: 02:00 CET becomes 03:00 CEST; 02:30 is read as 03:30 CEST.
    expect(storeDateToInstant('2026-03-29 02:30:00', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('writes an instant as a store date, both ways round', () => {
    expect(instantToStoreDate('2026-07-01T10:00:00Z', 'Europe/Paris')).toBe('2026-07-01 12:00:00');
    expect(instantToStoreDate(new Date('2026-10-25T01:30:00Z'), 'Europe/Paris')).toBe('2026-10-25 02:30:00');
    for (const date of ['2026-01-15 08:05:09', '2026-06-30 23:59:59', '2026-12-31 00:00:00']) {
      expect(instantToStoreDate(storeDateToInstant(date, 'Australia/Sydney')!, 'Australia/Sydney')).toBe(
        date,
      );
    }
  });

  it('refuses an unknown zone or a malformed date with a clear message', () => {
    expect(() => storeDateToInstant('2026-01-01 00:00:00', 'Mars/Olympus')).toThrow(/IANA time zone/);
    expect(() => storeDateToInstant('22/11/2026', 'Europe/Paris')).toThrow(/store date/);
  });
});
