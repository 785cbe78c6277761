import { describe, expect, it } from 'vitest';

import { decimalText } from '../../../src/ui/lib/decimal-text';

describe('decimalText', () => {
  it('drops the database’s trailing zeros down to two decimals, keeping what carries value', () => {
    expect(decimalText('16.900000')).toBe('16.90');
    expect(decimalText('0.000000')).toBe('0.00');
    expect(decimalText('12')).toBe('12.00');
    expect(decimalText('-3.5')).toBe('-3.50');
    expect(decimalText('0.125000')).toBe('0.125');
    expect(decimalText('99999999999999999.990000')).toBe('99999999999999999.99');
  });

  it('leaves what is not a decimal as it is', () => {
    expect(decimalText('n/a')).toBe('n/a');
    expect(decimalText('1e5')).toBe('1e5');
  });
});
