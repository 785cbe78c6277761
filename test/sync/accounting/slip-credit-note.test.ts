import { describe, expect, it } from 'vitest';

import { Decimal, type Invoice } from '../../../src/hub/index.js';
import {
  draftSlipCreditNote,
  type PsSlip,
  readSlip,
  remainderToCredit,
} from '../../../src/sync/accounting/index.js';

const RATES = ['20', '10', '5.5'].map((rate) => Decimal.from(rate));

/** Three mugs at 0.99 (20 %), a book at 9.99 (5.5 %), shipping 5.00 (20 %): 20.11 with tax. */
const INVOICE: Invoice = {
  id: 9,
  number: 'INV-2026-000009',
  orderId: 4,
  currency: 'EUR',
  issuedAt: '2026-02-01T10:00:00.000Z',
  totalTaxExcl: '17.960000',
  totalTax: '2.150000',
  totalTaxIncl: '20.110000',
  paidAt: '2026-02-01T10:00:00.000Z',
  lines: [
    {
      description: 'Mug',
      quantity: 3,
      unitPriceTaxExcl: '0.990000',
      taxRate: '20.000000',
      totalTaxExcl: '2.970000',
      totalTax: '0.600000',
      kind: 'product',
      familyCode: 'MUGS',
    },
    {
      description: 'Book',
      quantity: 1,
      unitPriceTaxExcl: '9.990000',
      taxRate: '5.500000',
      totalTaxExcl: '9.990000',
      totalTax: '0.550000',
      kind: 'product',
      familyCode: null,
    },
    {
      description: 'Shipping: My carrier',
      quantity: 1,
      unitPriceTaxExcl: '5.000000',
      taxRate: '20.000000',
      totalTaxExcl: '5.000000',
      totalTax: '1.000000',
      kind: 'shipping',
      familyCode: null,
    },
  ],
  taxes: [
    { rate: '5.500000', base: '9.990000', amount: '0.550000' },
    { rate: '20.000000', base: '7.970000', amount: '1.600000' },
  ],
  storeId: 1,
  kind: 'invoice',
  sourceKey: 'order:4:invoice',
  creditedInvoiceId: null,
  storeTotalTaxExcl: '17.960000',
  storeTotalTaxIncl: '20.110000',
  totalsDifference: '0.000000',
  paymentMethod: 'CHECK',
  paymentLabel: 'Check',
};

/** A slip as PrestaShop stores it: each detail is unit price × quantity, unrounded. */
function slipRecord(fields: Record<string, string>, details: Array<Record<string, string>>) {
  const read = readSlip({
    id: 7,
    id_order: '41',
    date_add: '2026-03-01 10:00:00',
    total_shipping_tax_excl: '0.000000',
    total_shipping_tax_incl: '0.000000',
    ...fields,
    associations: { order_slip_details: details.map((detail, index) => ({ id: index + 1, ...detail })) },
  });
  if (!read.ok) throw new Error(read.problem);
  return read.slip;
}

const ORDER = { invoice: INVOICE, detailIds: ['101', '102'], places: 2 };

function asCreditNote(slip: PsSlip): Invoice {
  const draft = draftSlipCreditNote(slip, ORDER, RATES);
  return {
    ...INVOICE,
    id: 10,
    kind: 'credit_note',
    lines: draft.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPriceTaxExcl: String(line.unitPriceTaxExcl),
      taxRate: String(line.taxRate),
      totalTaxExcl: String(line.totalTaxExcl),
      totalTax: String(line.totalTax),
      kind: line.kind,
      familyCode: line.familyCode,
    })),
    taxes: draft.taxes,
    totalTaxExcl: draft.totalTaxExcl,
    totalTax: draft.totalTax,
    totalTaxIncl: draft.totalTaxIncl,
    storeTotalTaxExcl: draft.storeTotalTaxExcl,
    storeTotalTaxIncl: draft.storeTotalTaxIncl,
    totalsDifference: draft.totalsDifference,
  };
}

describe('credit note of an order slip', () => {
  it("credits the refunded items at their invoice line's rate, rounded like the store, to the slip's total", () => {
    const slip = slipRecord({ total_products_tax_excl: '1.980000', total_products_tax_incl: '2.376000' }, [
      {
        id_order_detail: '101',
        product_quantity: '2',
        amount_tax_excl: '1.980000',
        amount_tax_incl: '2.376000',
      },
    ]);
    const draft = draftSlipCreditNote(slip, ORDER, RATES);
    expect(draft.problems).toEqual([]);
    expect(draft.lines).toEqual([
      expect.objectContaining({
        description: 'Mug',
        familyCode: 'MUGS',
        quantity: -2,
        taxRate: '20',
        totalTaxExcl: '-1.98',
        totalTax: '-0.4',
      }),
    ]);
    expect(draft.taxes).toEqual([{ rate: '20', base: '-1.98', amount: '-0.40' }]);
    expect([draft.totalTaxIncl, draft.storeTotalTaxIncl, draft.totalsDifference]).toEqual([
      '-2.38',
      '-2.38',
      '0.00',
    ]);
  });

  it("credits refunded shipping at the invoice's shipping rate", () => {
    const slip = slipRecord(
      {
        total_products_tax_excl: '9.990000',
        total_products_tax_incl: '10.539450',
        total_shipping_tax_excl: '5.000000',
        total_shipping_tax_incl: '6.000000',
      },
      [
        {
          id_order_detail: '102',
          product_quantity: '1',
          amount_tax_excl: '9.990000',
          amount_tax_incl: '10.539450',
        },
      ],
    );
    const draft = draftSlipCreditNote(slip, ORDER, RATES);
    expect(draft.problems).toEqual([]);
    expect(draft.lines.map((line) => [line.description, line.taxRate, line.totalTaxIncl])).toEqual([
      ['Book', '5.5', '-10.54'],
      ['Shipping: My carrier', '20', '-6'],
    ]);
    expect(draft.taxes).toEqual([
      { rate: '5.5', base: '-9.99', amount: '-0.55' },
      { rate: '20', base: '-5.00', amount: '-1.00' },
    ]);
    expect(draft.totalTaxIncl).toBe('-16.54');
  });

  it("flags a slip whose total its lines do not make, keeping the lines' amounts", () => {
    const slip = slipRecord({ total_products_tax_excl: '2.000000', total_products_tax_incl: '2.400000' }, [
      {
        id_order_detail: '101',
        product_quantity: '2',
        amount_tax_excl: '1.980000',
        amount_tax_incl: '2.376000',
      },
    ]);
    const draft = draftSlipCreditNote(slip, ORDER, RATES);
    expect(draft.totalTaxIncl).toBe('-2.38');
    expect(draft.storeTotalTaxIncl).toBe('-2.40');
    expect(draft.totalsDifference).toBe('0.02');
    expect(draft.problems).toEqual([expect.stringContaining('a difference of -0.02')]);
  });

  it('refuses a slip whose amounts are not decimals, naming the field', () => {
    expect(readSlip({ id: 1, id_order: '4', total_products_tax_excl: '1,98' })).toEqual({
      ok: false,
      problem: 'total_products_tax_excl is not a decimal amount',
    });
  });

  it('leaves to a cancellation what the refunds did not credit, so that all credit notes make the invoice', () => {
    const refund = asCreditNote(
      slipRecord({ total_products_tax_excl: '1.980000', total_products_tax_incl: '2.376000' }, [
        {
          id_order_detail: '101',
          product_quantity: '2',
          amount_tax_excl: '1.980000',
          amount_tax_incl: '2.376000',
        },
      ]),
    );
    const rest = remainderToCredit(INVOICE, [refund]);
    expect(rest.lines.map((line) => [line.description, line.quantity, line.totalTaxExcl])).toEqual([
      ['Mug', -1, '-0.99'],
      ['Book', -1, '-9.99'],
      ['Shipping: My carrier', -1, '-5'],
    ]);
    expect(Decimal.from(rest.totalTaxIncl).add(refund.totalTaxIncl).neg().eq(INVOICE.totalTaxIncl)).toBe(
      true,
    );
    expect(rest.taxes.map((tax) => [Decimal.from(tax.rate).toString(), tax.base, tax.amount])).toEqual([
      ['5.5', '-9.99', '-0.55'],
      ['20', '-5.99', '-1.2'],
    ]);
    // Everything refunded: nothing left.
    const all = remainderToCredit(INVOICE, [
      refund,
      asCreditNote(
        slipRecord(
          {
            total_products_tax_excl: '10.980000',
            total_products_tax_incl: '11.727450',
            total_shipping_tax_excl: '5.000000',
            total_shipping_tax_incl: '6.000000',
          },
          [
            {
              id_order_detail: '101',
              product_quantity: '1',
              amount_tax_excl: '0.990000',
              amount_tax_incl: '1.188000',
            },
            {
              id_order_detail: '102',
              product_quantity: '1',
              amount_tax_excl: '9.990000',
              amount_tax_incl: '10.539450',
            },
          ],
        ),
      ),
    ]);
    expect(all.lines).toEqual([]);
    expect(Decimal.from(all.totalTaxIncl).isZero()).toBe(true);
  });
});
