import { describe, expect, it } from 'vitest';

import { Decimal } from '../../../src/hub/index.js';
import { checkOrderTotals, roundAsStore } from '../../../src/sync/orders/index.js';

const base = { shippingTaxIncl: '0', wrappingTaxIncl: '0', discountsTaxIncl: '0' };

describe('order totals check', () => {
  it("rounds with each of PrestaShop's modes", () => {
    const round = (value: string, mode: number) => roundAsStore(Decimal.from(value), 2, mode).toFixed(2);
    expect(['2.341', '2.349', '2.345', '2.355'].map((value) => round(value, 0))).toEqual([
      '2.35',
      '2.35',
      '2.35',
      '2.36',
    ]);
    expect(['2.341', '2.349', '2.345'].map((value) => round(value, 1))).toEqual(['2.34', '2.34', '2.34']);
    expect(['2.345', '2.355', '2.346'].map((value) => round(value, 2))).toEqual(['2.35', '2.36', '2.35']);
    expect(['2.345', '2.355', '2.346'].map((value) => round(value, 3))).toEqual(['2.34', '2.35', '2.35']);
    expect(['2.345', '2.355', '2.346'].map((value) => round(value, 4))).toEqual(['2.34', '2.36', '2.35']);
    expect(['2.345', '2.355', '2.346'].map((value) => round(value, 5))).toEqual(['2.35', '2.35', '2.35']);
  });

  it('adds the lines per item, per line or on the total, as the order says', () => {
    const rows = [
      { quantity: 3, unitPriceTaxIncl: '10.005' },
      { quantity: 1, unitPriceTaxIncl: '0.333' },
    ];
    const check = (type: number, products: string) =>
      checkOrderTotals({
        rounding: { mode: 2, type, places: 2 },
        rows,
        productsTaxIncl: products,
        paidTaxIncl: products,
        ...base,
      });
    // Per item: 10.01 × 3 + 0.33; per line: 30.02 + 0.33; on the total: 30.348 → 30.35.
    expect(check(1, '30.36')).toMatchObject({ ok: true, lines: '30.36' });
    expect(check(2, '30.35')).toMatchObject({ ok: true, lines: '30.35' });
    expect(check(3, '30.35')).toMatchObject({ ok: true, lines: '30.35' });
    expect(check(1, '30.35')).toMatchObject({ ok: false, lines: '30.36' });
  });

  it('checks lines + shipping + wrapping − discounts against the total paid, and says what differs', () => {
    const input = {
      rounding: { mode: 2, type: 1, places: 2 },
      rows: [{ quantity: 2, unitPriceTaxIncl: '20.280000' }],
      productsTaxIncl: '40.560000',
      shippingTaxIncl: '8.400000',
      wrappingTaxIncl: '1.000000',
      discountsTaxIncl: '5.000000',
    };
    expect(checkOrderTotals({ ...input, paidTaxIncl: '44.960000' })).toMatchObject({ ok: true, problem: '' });
    const off = checkOrderTotals({ ...input, paidTaxIncl: '44.970000' });
    expect(off).toMatchObject({ ok: false, expectedPaid: '44.96', paid: '44.97' });
    expect(off.problem).toBe(
      "lines + shipping + wrapping − discounts = 44.96, the store's total paid is 44.97",
    );
  });

  it('compares at the precision of the currency', () => {
    const yen = {
      rounding: { mode: 2, type: 1, places: 0 },
      rows: [{ quantity: 1, unitPriceTaxIncl: '1000.4' }],
      productsTaxIncl: '1000',
      ...base,
    };
    expect(checkOrderTotals({ ...yen, paidTaxIncl: '1000.3' }).ok).toBe(true);
    expect(checkOrderTotals({ ...yen, paidTaxIncl: '1001' }).ok).toBe(false);
  });
});
