import { Decimal, type DecimalInput, type RoundingMode } from '../../hub/index.js';

/** How the store rounded an order (`orders.round_mode`, `orders.round_type`). */
export interface StoreRounding {
  /** PrestaShop's mode: 0 up, 1 down, 2 half up, 3 half down, 4 half even, 5 half odd. */
  readonly mode: number;
  /** 1 per item (unit price rounded, then × quantity), 2 per line, 3 on the total. */
  readonly type: number;
  /** Decimal places of the order's currency (2 for most). */
  readonly places: number;
}

export interface TotalsCheckInput {
  readonly rounding: StoreRounding;
  readonly rows: readonly { readonly quantity: number; readonly unitPriceTaxIncl: DecimalInput }[];
  readonly productsTaxIncl: DecimalInput;
  readonly shippingTaxIncl: DecimalInput;
  readonly wrappingTaxIncl: DecimalInput;
  readonly discountsTaxIncl: DecimalInput;
  readonly paidTaxIncl: DecimalInput;
}

export interface TotalsCheck {
  readonly ok: boolean;
  /** The products total recomputed from the rows with the store's rounding. */
  readonly lines: string;
  /** lines + shipping + wrapping − discounts, rounded to the currency. */
  readonly expectedPaid: string;
  readonly paid: string;
  /** What differs, in words (empty when ok). */
  readonly problem: string;
}

/** PrestaShop's round mode number → how {@link Decimal} rounds (5, half odd, is handled apart). */
const MODES: Readonly<Record<number, RoundingMode>> = {
  0: 'up',
  1: 'down',
  2: 'half-up',
  3: 'half-down',
  4: 'half-even',
};

/** Rounds as the store does; an unknown mode is PrestaShop's default, half up. */
export function roundAsStore(value: Decimal, places: number, mode: number): Decimal {
  if (mode !== 5) return value.round(places, MODES[mode] ?? 'half-up');
  // Half odd: a tie goes to the neighbour whose last digit is odd.
  const down = value.round(places, 'down');
  const up = value.round(places, 'up');
  const tie = value.sub(down).eq(up.sub(value)) && !down.eq(up);
  if (!tie) return value.round(places, 'half-up');
  const lastDigit = (decimal: Decimal) => Number(decimal.toFixed(places).slice(-1));
  return lastDigit(down) % 2 === 1 ? down : up;
}

/**
 * Checks an order's totals the way the store computed them: the products total from its rows
 * (per item, per line or on the total, with the store's rounding mode), then lines + shipping +
 * wrapping − discounts against the total paid, at the currency's precision. The store's totals are
 * never replaced: a difference is reported, and the order flagged.
 *
 * @example
 * checkOrderTotals({ rounding: { mode: 2, type: 1, places: 2 }, rows: [{ quantity: 2, unitPriceTaxIncl: '20.280000' }],
 *   productsTaxIncl: '40.56', shippingTaxIncl: '0', wrappingTaxIncl: '0', discountsTaxIncl: '0', paidTaxIncl: '40.56' }).ok; // true
 */
export function checkOrderTotals(input: TotalsCheckInput): TotalsCheck {
  const { mode, type, places } = input.rounding;
  const round = (value: Decimal) => roundAsStore(value, places, mode);
  let lines: Decimal;
  if (type === 3) {
    lines = round(Decimal.sum(input.rows.map((row) => Decimal.from(row.unitPriceTaxIncl).mul(row.quantity))));
  } else if (type === 2) {
    lines = Decimal.sum(input.rows.map((row) => round(Decimal.from(row.unitPriceTaxIncl).mul(row.quantity))));
  } else {
    lines = Decimal.sum(input.rows.map((row) => round(Decimal.from(row.unitPriceTaxIncl)).mul(row.quantity)));
  }
  const products = round(Decimal.from(input.productsTaxIncl));
  const expectedPaid = round(
    lines.add(input.shippingTaxIncl).add(input.wrappingTaxIncl).sub(input.discountsTaxIncl),
  );
  const paid = round(Decimal.from(input.paidTaxIncl));
  const problems: string[] = [];
  if (!lines.eq(products)) {
    problems.push(
      `the lines add up to ${lines.toFixed(places)}, the store's products total is ${products.toFixed(places)}`,
    );
  }
  if (!expectedPaid.eq(paid)) {
    problems.push(
      `lines + shipping + wrapping − discounts = ${expectedPaid.toFixed(places)}, the store's total paid is ${paid.toFixed(places)}`,
    );
  }
  return {
    ok: problems.length === 0,
    lines: lines.toFixed(places),
    expectedPaid: expectedPaid.toFixed(places),
    paid: paid.toFixed(places),
    problem: problems.join('; '),
  };
}
