import { describe, expect, it } from 'vitest';

import { Decimal } from '../../../src/hub/index.js';
import { draftInvoice, type InvoiceSourceOrder } from '../../../src/sync/accounting/index.js';

const RATES = ['20', '10', '5.5'].map((rate) => Decimal.from(rate));

/** Three mugs at 0.99 excl. (1.188 incl. at 20 %) and a book at 9.99 (10.53945 incl. at 5.5 %). */
function order(type: number, totals: { excl: string; incl: string }, mode = 2): InvoiceSourceOrder {
  return {
    orderId: 1,
    reference: 'ABC',
    currency: 'EUR',
    rounding: { mode, type, places: 2 },
    shippingTaxRate: '20',
    storeTotalTaxExcl: totals.excl,
    storeTotalTaxIncl: totals.incl,
    lines: [
      {
        kind: 'product',
        name: 'Mug',
        quantity: 3,
        unitPriceTaxExcl: '0.990000',
        unitPriceTaxIncl: '1.188000',
        taxRate: null,
        productTaxRate: null,
        familyCode: 'MUGS',
      },
      {
        kind: 'product',
        name: 'Book',
        quantity: 1,
        unitPriceTaxExcl: '9.990000',
        unitPriceTaxIncl: '10.539450',
        taxRate: null,
        productTaxRate: null,
        familyCode: null,
      },
      {
        kind: 'shipping',
        name: 'Shipping',
        quantity: 1,
        unitPriceTaxExcl: '5.000000',
        unitPriceTaxIncl: '6.000000',
        taxRate: null,
        productTaxRate: null,
        familyCode: null,
      },
    ],
  };
}

describe('an invoice drafted from the store amounts', () => {
  it('rounds per item as the store did (round_type 1): 3 × 1.19, not 3.56', () => {
    // Per item: 3 × round(1.188) = 3.57; book 10.54; shipping 6.00 → 20.11 with tax.
    const draft = draftInvoice(order(1, { excl: '17.960000', incl: '20.110000' }), RATES);
    expect(draft.problems).toEqual([]);
    expect(draft.totalsDifference).toBe('0.00');
    expect(draft.taxes).toEqual([
      { rate: '5.5', base: '9.99', amount: '0.55' },
      { rate: '20', base: '7.97', amount: '1.60' },
    ]);
    // 20 % of 7.97 is 1.594 → 1.59: the store's tax (1.60) is kept, not recomputed.
    expect(draft.totalTaxIncl).toBe('20.11');
  });

  it('rounds per line (round_type 2) and on the total (round_type 3)', () => {
    // Per line: round(3.564) = 3.56 → 20.10.
    expect(draftInvoice(order(2, { excl: '17.96', incl: '20.10' }), RATES)).toMatchObject({
      totalTaxIncl: '20.10',
      totalsDifference: '0.00',
    });
    // On the total: 3.564 + 6.00 = 9.564 → 9.56 at 20 %, 10.53945 → 10.54 at 5.5 %.
    const total = draftInvoice(order(3, { excl: '17.96', incl: '20.10' }), RATES);
    expect(total.taxes).toEqual([
      { rate: '5.5', base: '9.99', amount: '0.55' },
      { rate: '20', base: '7.97', amount: '1.59' },
    ]);
    expect(total.totalsDifference).toBe('0.00');
  });

  it("follows the store's rounding mode: down gives 1.18 a mug", () => {
    const draft = draftInvoice(order(1, { excl: '17.96', incl: '20.07' }, 1), RATES);
    expect(draft.lines[0]).toMatchObject({ totalTaxIncl: '3.54', taxRate: '20' });
    expect(draft.totalsDifference).toBe('0.00');
  });

  it("flags a difference with the store's total and keeps both, never adjusting the lines", () => {
    const draft = draftInvoice(order(1, { excl: '17.96', incl: '20.12' }), RATES);
    expect(draft.totalTaxIncl).toBe('20.11');
    expect(draft.storeTotalTaxIncl).toBe('20.12');
    expect(draft.totalsDifference).toBe('-0.01');
    expect(draft.problems.join()).toContain("the store's total paid is 20.12");
  });

  it('derives and reports a rate no known rate explains', () => {
    const draft = draftInvoice(order(1, { excl: '17.96', incl: '20.11' }), [Decimal.from('20')]);
    expect(draft.lines[1]).toMatchObject({ taxRate: '5.5' }); // (10.53945 − 9.99) / 9.99
    expect(draft.problems.join()).toContain("line 'Book': no known tax rate turns 9.99 into 10.54");
  });
});
