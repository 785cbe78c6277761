import { Decimal, type IssuedLineInput } from '../../hub/index.js';
import { roundAsStore, type StoreRounding } from '../orders/order-totals-check.js';

/** An order line as the hub keeps it, with what it takes to choose its tax rate and sales account. */
export interface InvoiceSourceLine {
  readonly kind: string;
  readonly name: string;
  readonly quantity: number;
  /** The store's unit prices (decimal strings, as the store sent them). */
  readonly unitPriceTaxExcl: string;
  readonly unitPriceTaxIncl: string;
  /** A rate the line carries, if any. */
  readonly taxRate: string | null;
  /** The rate of the line's product in the hub, if known. */
  readonly productTaxRate: string | null;
  readonly familyCode: string | null;
}

/** A hub order to invoice: the store's totals, lines, and the store's rounding for it. */
export interface InvoiceSourceOrder {
  readonly orderId: number;
  readonly reference: string | null;
  readonly currency: string;
  readonly lines: readonly InvoiceSourceLine[];
  readonly storeTotalTaxExcl: string;
  readonly storeTotalTaxIncl: string;
  readonly rounding: StoreRounding;
  /** The order's `carrier_tax_rate`, for the shipping line. */
  readonly shippingTaxRate: string | null;
}

/** A line of a draft: its store amounts, rate and sales account's family. */
export interface DraftLine extends IssuedLineInput {
  readonly kind: string;
  readonly familyCode: string | null;
  readonly totalTaxIncl: string;
}

export interface InvoiceDraft {
  readonly lines: readonly DraftLine[];
  readonly taxes: readonly { readonly rate: string; readonly base: string; readonly amount: string }[];
  readonly totalTaxExcl: string;
  readonly totalTax: string;
  readonly totalTaxIncl: string;
  readonly storeTotalTaxExcl: string;
  readonly storeTotalTaxIncl: string;
  /** Invoice total with tax − the store's total paid with tax (`0` when they agree). */
  readonly totalsDifference: string;
  /** What does not add up, in words (a difference, a tax rate derived from prices); empty when all is well. */
  readonly problems: readonly string[];
}

/**
 * An order's invoice, from the store's own amounts: each line's totals with and without tax are the
 * store's unit prices × quantity rounded the store's way (`round_type` 1 per item, 2 per line, 3 on
 * the total; `round_mode` as PrestaShop numbers it), the line's tax is the difference, and the taxes
 * per rate add up those differences — nothing is recomputed as base × rate, which is where a cent
 * goes astray. The totals are compared with the store's total paid: a difference is reported and
 * kept on the invoice, never spread over lines.
 *
 * A line's rate is the first of its own rate, its product's rate, the order's carrier rate (for
 * shipping) and the store's known rates that gives the store's price with tax from its price without;
 * when none does, the rate is derived from the two prices and reported.
 *
 * @example
 * const draft = draftInvoice(order, [Decimal.from('20'), Decimal.from('5.5')]);
 * draft.totalsDifference; // '0.00' when the invoice adds up to the store's total paid
 */
export function draftInvoice(order: InvoiceSourceOrder, knownRates: readonly Decimal[]): InvoiceDraft {
  const { places, mode, type } = order.rounding;
  const round = (value: Decimal): Decimal => roundAsStore(value, places, mode);
  const problems: string[] = [];
  const perLine = order.lines
    .filter((line) => line.quantity !== 0)
    .map((line) => {
      const excl = Decimal.from(line.unitPriceTaxExcl);
      const incl = Decimal.from(line.unitPriceTaxIncl);
      const rate = chooseRate(line, order, knownRates, round);
      if (rate.derived) {
        problems.push(
          `line '${line.name}': no known tax rate turns ${excl.toFixed(places)} into ${incl.toFixed(places)}; rate ${rate.rate.toString()} % derived from the prices`,
        );
      }
      let totalExcl: Decimal;
      let totalIncl: Decimal;
      if (type === 3) {
        totalExcl = excl.mul(line.quantity);
        totalIncl = incl.mul(line.quantity);
      } else if (type === 2) {
        totalExcl = round(excl.mul(line.quantity));
        totalIncl = round(incl.mul(line.quantity));
      } else {
        totalExcl = round(excl).mul(line.quantity);
        totalIncl = round(incl).mul(line.quantity);
      }
      return { line, excl, rate: rate.rate, totalExcl, totalIncl };
    });

  const byRate = new Map<string, { rate: Decimal; excl: Decimal; incl: Decimal }>();
  for (const item of perLine) {
    const key = item.rate.toString();
    const entry = byRate.get(key) ?? { rate: item.rate, excl: Decimal.ZERO, incl: Decimal.ZERO };
    entry.excl = entry.excl.add(item.totalExcl);
    entry.incl = entry.incl.add(item.totalIncl);
    byRate.set(key, entry);
  }
  // Per item and per line, the sums are already rounded; on the total, each rate's sums are rounded once.
  const taxes = [...byRate.values()]
    .sort((a, b) => a.rate.cmp(b.rate))
    .map(({ rate, excl, incl }) => {
      const base = round(excl);
      return { rate, base, amount: round(incl).sub(base) };
    });
  const storeExcl = round(Decimal.from(order.storeTotalTaxExcl));
  const storeIncl = round(Decimal.from(order.storeTotalTaxIncl));
  const { totalExcl, totalIncl, difference, amounts } = documentTotals(taxes, storeExcl, storeIncl, places);
  if (!difference.isZero() || !totalExcl.eq(storeExcl)) {
    problems.push(
      `the invoice adds up to ${totalIncl.toFixed(places)} with tax (${totalExcl.toFixed(places)} without), the store's total paid is ${storeIncl.toFixed(places)} (${storeExcl.toFixed(places)} without): a difference of ${difference.toFixed(places)}`,
    );
  }
  return {
    lines: perLine.map(({ line, excl, rate, totalExcl: lineExcl, totalIncl: lineIncl }) => ({
      kind: line.kind,
      familyCode: line.familyCode,
      description: line.name,
      quantity: line.quantity,
      unitPriceTaxExcl: excl.toString(),
      taxRate: rate.toString(),
      totalTaxExcl: lineExcl.toString(),
      totalTax: lineIncl.sub(lineExcl).toString(),
      totalTaxIncl: lineIncl.toString(),
    })),
    ...amounts,
    problems,
  };
}

/** A document's taxes and totals as drafts carry them: text, at the currency's places. */
export type DocumentAmounts = Omit<InvoiceDraft, 'lines' | 'problems'>;

/**
 * The totals of a document from its taxes per rate (the sums of its lines), beside the store's
 * totals: the document's totals, its difference from the store's (with tax), and all of it as
 * {@link DocumentAmounts}.
 */
export function documentTotals(
  taxes: readonly { readonly rate: Decimal; readonly base: Decimal; readonly amount: Decimal }[],
  storeExcl: Decimal,
  storeIncl: Decimal,
  places: number,
): { totalExcl: Decimal; totalIncl: Decimal; difference: Decimal; amounts: DocumentAmounts } {
  const totalExcl = Decimal.sum(taxes.map((tax) => tax.base));
  const totalTax = Decimal.sum(taxes.map((tax) => tax.amount));
  const totalIncl = totalExcl.add(totalTax);
  const difference = totalIncl.sub(storeIncl);
  return {
    totalExcl,
    totalIncl,
    difference,
    amounts: {
      taxes: taxes.map((tax) => ({
        rate: tax.rate.toString(),
        base: tax.base.toFixed(places),
        amount: tax.amount.toFixed(places),
      })),
      totalTaxExcl: totalExcl.toFixed(places),
      totalTax: totalTax.toFixed(places),
      totalTaxIncl: totalIncl.toFixed(places),
      storeTotalTaxExcl: storeExcl.toFixed(places),
      storeTotalTaxIncl: storeIncl.toFixed(places),
      totalsDifference: difference.toFixed(places),
    },
  };
}

/** A draft's credit note: the same lines and taxes, negated. */
export function negateDraft(draft: InvoiceDraft): InvoiceDraft {
  const neg = (value: string): string =>
    Decimal.from(value).isZero() ? value : Decimal.from(value).neg().toString();
  return {
    ...draft,
    lines: draft.lines.map((line) => ({
      ...line,
      quantity: -line.quantity,
      totalTaxExcl: neg(String(line.totalTaxExcl)),
      totalTax: neg(String(line.totalTax)),
      totalTaxIncl: neg(line.totalTaxIncl),
    })),
    taxes: draft.taxes.map((tax) => ({ rate: tax.rate, base: neg(tax.base), amount: neg(tax.amount) })),
    totalTaxExcl: neg(draft.totalTaxExcl),
    totalTax: neg(draft.totalTax),
    totalTaxIncl: neg(draft.totalTaxIncl),
    storeTotalTaxExcl: neg(draft.storeTotalTaxExcl),
    storeTotalTaxIncl: neg(draft.storeTotalTaxIncl),
    totalsDifference: neg(draft.totalsDifference),
  };
}

function chooseRate(
  line: InvoiceSourceLine,
  order: InvoiceSourceOrder,
  knownRates: readonly Decimal[],
  round: (value: Decimal) => Decimal,
): { rate: Decimal; derived: boolean } {
  if (line.taxRate !== null) return { rate: Decimal.from(line.taxRate).round(3), derived: false };
  const excl = Decimal.from(line.unitPriceTaxExcl);
  const incl = Decimal.from(line.unitPriceTaxIncl);
  const candidates: Decimal[] = [];
  if (line.kind === 'shipping' && order.shippingTaxRate !== null)
    candidates.push(Decimal.from(order.shippingTaxRate));
  if (line.productTaxRate !== null) candidates.push(Decimal.from(line.productTaxRate));
  candidates.push(...knownRates, Decimal.ZERO);
  if (excl.isZero()) return { rate: (candidates[0] ?? Decimal.ZERO).round(3), derived: false };
  const target = round(incl.abs());
  const fits = candidates.find((rate) => round(excl.abs().mul(rate.add(100)).div(100, 9)).eq(target));
  if (fits !== undefined) return { rate: fits.round(3), derived: false };
  return { rate: incl.sub(excl).mul(100).div(excl, 3, 'half-up'), derived: true };
}
