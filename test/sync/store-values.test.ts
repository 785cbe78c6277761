import { describe, expect, it } from 'vitest';

import { StoreDates } from '../../src/sync/store-dates.js';
import {
  storeDate,
  storeDecimal,
  storeInstant,
  StoreValueError,
  storeWholeNumber,
} from '../../src/sync/store-values.js';

const dates = new StoreDates('Europe/Paris');
const refused = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    if (error instanceof StoreValueError) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('reading store values', () => {
  it('money: exact decimals, empty as zero unless required, anything else refused by name', () => {
    expect(storeDecimal('23.900000', 'total_paid')).toBe('23.9');
    expect(storeDecimal(' -1.5 ', 'total_discounts')).toBe('-1.5');
    expect(storeDecimal('', 'total_wrapping')).toBe('0');
    for (const bad of ['NaN', 'Infinity', '-Infinity', '12,50', '1e309', '0x10', '1 000.00', '€12'])
      expect(refused(() => storeDecimal(bad, 'total_paid'))).toBe(
        `total_paid is '${bad}', not a decimal number`,
      );
    expect(refused(() => storeDecimal('', 'total_paid', { required: true }))).toBe(
      'total_paid is empty, where the store must give a decimal number',
    );
  });

  it('quantities: whole numbers only', () => {
    expect(storeWholeNumber('3', 'q')).toBe(3);
    expect(storeWholeNumber(7, 'q')).toBe(7);
    for (const bad of ['3 pcs', '2.5', '', 'NaN', '-1', '99999999999999999999'])
      expect(refused(() => storeWholeNumber(bad, 'q'))).toMatch(/^q is (empty|'.*', not a whole number ≥ 0)/);
  });

  it('dates: real calendar days and times; the empty date is none unless required', () => {
    expect(storeDate('2026-11-22 12:11:13', 'date_add')).toBe('2026-11-22 12:11:13');
    expect(storeInstant(dates, '2026-11-22 12:11:13', 'date_add')).toBe('2026-11-22T11:11:13.000Z');
    expect(storeDate('2024-02-29', 'birthday')).toBe('2024-02-29');
    expect(storeDate('0000-00-00 00:00:00', 'date_upd')).toBeNull();
    expect(storeDate('', 'date_upd')).toBeNull();
    for (const bad of [
      '2026-02-31 10:00:00',
      '2025-02-29',
      '2026-13-01',
      '2026-11-22 25:00:00',
      'soon',
      '22/11/2026',
    ])
      expect(refused(() => storeDate(bad, 'date_add'))).toBe(`date_add is '${bad}', not a date`);
    expect(refused(() => storeDate('0000-00-00 00:00:00', 'date_add', { required: true }))).toBe(
      "date_add is '0000-00-00 00:00:00', not a date",
    );
  });

  it('quotes a long bad value cut short', () => {
    expect(refused(() => storeDecimal('9'.repeat(30) + 'x'.repeat(30), 'price'))).toBe(
      `price is '${'9'.repeat(30)}${'x'.repeat(10)}…', not a decimal number`,
    );
  });
});
