import { describe, expect, it } from 'vitest';

import { Decimal, InvalidRecordError, toStoredDecimal } from '../../src/hub/index.js';

describe('Decimal', () => {
  it("reads PrestaShop's six-digit strings exactly", () => {
    expect(Decimal.from('23.900000').toString()).toBe('23.9');
    expect(Decimal.from('0.000000').toString()).toBe('0');
    expect(Decimal.from('-1.50').toString()).toBe('-1.5');
    expect(Decimal.from('.5').toString()).toBe('0.5');
    expect(Decimal.from(' 7 ').toString()).toBe('7');
    expect(Decimal.from(12).toString()).toBe('12');
  });

  it('refuses text that is not a number and binary fractions', () => {
    for (const bad of ['', '1,5', 'abc', '1e3', '--1', '.']) {
      expect(() => Decimal.from(bad)).toThrow(InvalidRecordError);
    }
    expect(() => Decimal.from(0.1)).toThrow(/never as binary floats/);
  });

  it('adds, subtracts and multiplies without binary rounding errors', () => {
    expect(Decimal.from('0.1').add('0.2').toString()).toBe('0.3');
    expect(Decimal.from('23.900000').mul(3).toString()).toBe('71.7');
    expect(Decimal.from('19.99').mul('1.21').toString()).toBe('24.1879');
    expect(Decimal.from('10').sub('0.01').toString()).toBe('9.99');
    expect(Decimal.sum(['1.10', '2.20', '3.30']).toString()).toBe('6.6');
  });

  it('rounds with each mode, ties included, for positive and negative values', () => {
    const cases: [string, Parameters<Decimal['round']>[1], string][] = [
      ['2.345', 'half-up', '2.35'],
      ['2.345', 'half-even', '2.34'],
      ['2.355', 'half-even', '2.36'],
      ['2.345', 'half-down', '2.34'],
      ['2.341', 'up', '2.35'],
      ['2.349', 'down', '2.34'],
      ['-2.345', 'half-up', '-2.35'],
      ['-2.345', 'half-even', '-2.34'],
      ['-2.341', 'up', '-2.35'],
      ['2.3449', 'half-up', '2.34'],
    ];
    for (const [value, mode, expected] of cases) {
      expect(Decimal.from(value).round(2, mode).toFixed(2), `${value} ${mode}`).toBe(expected);
    }
  });

  it('divides to a given number of places', () => {
    expect(Decimal.from('10').div(3, 2).toFixed(2)).toBe('3.33');
    expect(Decimal.from('2').div(3, 2).toFixed(2)).toBe('0.67');
    expect(Decimal.from('-2').div(3, 2).toFixed(2)).toBe('-0.67');
    expect(Decimal.from('1').div(8, 2, 'half-even').toFixed(2)).toBe('0.12');
    expect(() => Decimal.from(1).div(0, 2)).toThrow('Division by zero.');
  });

  it('compares values whatever their scale', () => {
    expect(Decimal.from('1.50').eq('1.5')).toBe(true);
    expect(Decimal.from('1.49').lt('1.5')).toBe(true);
    expect(Decimal.from('-0.01').sign()).toBe(-1);
  });

  it('stores money with exactly six places, like PostgreSQL numeric(20,6)', () => {
    expect(toStoredDecimal('23.9')).toBe('23.900000');
    expect(toStoredDecimal(5)).toBe('5.000000');
    expect(toStoredDecimal('0.0000005')).toBe('0.000001');
    expect(toStoredDecimal('-0.0000005')).toBe('-0.000001');
  });
});
