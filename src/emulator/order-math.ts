/**
 * Order amounts in integer cents, rounded the way PrestaShop does by default (half up, per item:
 * the unit price with tax is rounded, then multiplied by the quantity). Shared by the generator
 * and by `placeOrder`, so generated and placed orders add up the same way.
 */
import { formatCents } from './decimal.js';

export interface OrderLineInput {
  readonly unitPriceExclCents: number;
  /** Tax rate in percent (20, 5.5, 0). */
  readonly taxRate: number;
  readonly quantity: number;
}

export interface OrderLineAmounts {
  readonly unitExcl: number;
  readonly unitIncl: number;
  readonly totalExcl: number;
  readonly totalIncl: number;
}

export interface OrderTotals {
  readonly productsExcl: number;
  readonly productsIncl: number;
  readonly shippingExcl: number;
  readonly shippingIncl: number;
  readonly paidExcl: number;
  readonly paidIncl: number;
}

export function lineAmounts(line: OrderLineInput): OrderLineAmounts {
  const unitIncl = Math.round((line.unitPriceExclCents * (100 + line.taxRate)) / 100);
  return {
    unitExcl: line.unitPriceExclCents,
    unitIncl,
    totalExcl: line.unitPriceExclCents * line.quantity,
    totalIncl: unitIncl * line.quantity,
  };
}

/** Orders from this amount (tax included) ship free, except with carriers that are always free. */
export const FREE_SHIPPING_FROM_CENTS = 10_000;

export function orderTotals(
  lines: readonly OrderLineAmounts[],
  carrierPriceExclCents: number,
  shippingTaxRate: number,
): OrderTotals {
  const productsExcl = lines.reduce((sum, line) => sum + line.totalExcl, 0);
  const productsIncl = lines.reduce((sum, line) => sum + line.totalIncl, 0);
  const shippingExcl = productsIncl >= FREE_SHIPPING_FROM_CENTS ? 0 : carrierPriceExclCents;
  const shippingIncl = Math.round((shippingExcl * (100 + shippingTaxRate)) / 100);
  return {
    productsExcl,
    productsIncl,
    shippingExcl,
    shippingIncl,
    paidExcl: productsExcl + shippingExcl,
    paidIncl: productsIncl + shippingIncl,
  };
}

/** The order fields PrestaShop derives from its totals, as stored strings. */
export function totalsFields(
  totals: OrderTotals,
  paid: boolean,
  shippingTaxRate: number,
): Record<string, string> {
  return {
    total_discounts: '0.000000',
    total_discounts_tax_incl: '0.000000',
    total_discounts_tax_excl: '0.000000',
    total_paid: formatCents(totals.paidIncl),
    total_paid_tax_incl: formatCents(totals.paidIncl),
    total_paid_tax_excl: formatCents(totals.paidExcl),
    total_paid_real: paid ? formatCents(totals.paidIncl) : '0.000000',
    total_products: formatCents(totals.productsExcl),
    total_products_wt: formatCents(totals.productsIncl),
    total_shipping: formatCents(totals.shippingIncl),
    total_shipping_tax_incl: formatCents(totals.shippingIncl),
    total_shipping_tax_excl: formatCents(totals.shippingExcl),
    carrier_tax_rate: `${shippingTaxRate.toFixed(3)}`,
    total_wrapping: '0.000000',
    total_wrapping_tax_incl: '0.000000',
    total_wrapping_tax_excl: '0.000000',
  };
}

/** Payment modules: name in `orders.module`, label in `orders.payment`, first state. */
export const PAYMENT_MODULES: ReadonlyArray<readonly [string, string, number]> = [
  ['ps_checkpayment', 'Payment by check', 1],
  ['ps_wirepayment', 'Bank transfer', 10],
  ['ps_cashondelivery', 'Cash on delivery (COD)', 13],
  ['ps_checkout', 'Card', 2],
];
