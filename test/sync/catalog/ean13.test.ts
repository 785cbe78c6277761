import { describe, expect, it } from 'vitest';

import { ean13CheckDigit, ean13For, isValidEan13 } from '../../../src/sync/catalog/ean13.js';

describe('EAN-13', () => {
  it('computes the check digit of real GTINs', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(ean13CheckDigit('590123412345')).toBe(7);
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('4006381333932')).toBe(false);
    expect(isValidEan13('400638133393')).toBe(false);
  });

  it('builds a code from a prefix and an item number, padded between them', () => {
    expect(ean13For('20', 1)).toBe('2000000000015');
    expect(ean13For('87123456', 42)).toMatch(/^871234560042\d$/);
    expect(isValidEan13(ean13For('87123456', 42))).toBe(true);
    expect(() => ean13For('20', 10_000_000_000)).toThrow(/does not fit after prefix 20/);
    expect(() => ean13For('2x', 1)).toThrow(/1 to 11 digits/);
  });
});
