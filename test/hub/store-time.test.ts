import { describe, expect, it } from 'vitest';

import {
  instantToStoreLocal,
  InvalidRecordError,
  storeDate,
  storeLocalToInstant,
} from '../../src/hub/index.js';

describe('store dates', () => {
  it("converts a store's local time to UTC with its time zone, summer and winter", () => {
    expect(storeLocalToInstant('2026-07-01 12:00:00', 'Europe/Paris')).toBe('2026-07-01T10:00:00.000Z');
    expect(storeLocalToInstant('2026-01-15 12:00:00', 'Europe/Paris')).toBe('2026-01-15T11:00:00.000Z');
    expect(storeLocalToInstant('2026-11-22 12:11:13', 'America/New_York')).toBe('2026-11-22T17:11:13.000Z');
    expect(storeLocalToInstant('2026-11-22 12:11:13', 'UTC')).toBe('2026-11-22T12:11:13.000Z');
  });

  it('takes the first occurrence of a time that happens twice, and moves a missing time forward', () => {
    // Clocks go back at 03:00 on 2026-10-25 in Paris: 02:30 happens at 00:30Z and again at 01:30Z.
    expect(storeLocalToInstant('2026-10-25 02:30:00', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    // Clocks go forward at 02:00 on 2026-03-29: 02:30 does not exist; it is read as 03:30 local.
    expect(storeLocalToInstant('2026-03-29 02:30:00', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
  });

  it("reads PrestaShop's empty date as none and refuses other text", () => {
    expect(storeLocalToInstant('0000-00-00 00:00:00', 'Europe/Paris')).toBeNull();
    expect(storeDate('', 'UTC')).toBeNull();
    expect(() => storeLocalToInstant('22/11/2026', 'UTC')).toThrow(InvalidRecordError);
    expect(() => storeLocalToInstant('2026-11-22 12:00:00', 'Mars/Olympus')).toThrow(/not a time zone/);
  });

  it('gives back the local text of an instant', () => {
    expect(instantToStoreLocal('2026-07-01T10:00:00.000Z', 'Europe/Paris')).toBe('2026-07-01 12:00:00');
    expect(storeDate('2026-07-01 12:00:00', 'Europe/Paris')).toEqual({
      local: '2026-07-01 12:00:00',
      instant: '2026-07-01T10:00:00.000Z',
    });
  });
});
