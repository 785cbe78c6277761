import { Decimal, type Invoice } from '../../hub/index.js';
import type { PsRecord } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import { documentTotals, type DraftLine, type InvoiceDraft } from './invoice-draft.js';

/** A refunded line of a slip (`associations.order_slip_details`). */
export interface PsSlipDetail {
  readonly orderDetailId: string;
  readonly quantity: number;
  readonly amountTaxExcl: string;
  readonly amountTaxIncl: string;
}

/** An `order_slip` (a partial or full refund the store recorded), normalized. */
export interface PsSlip {
  readonly id: number;
  readonly orderExternalId: string;
  /** Store-local `date_add`, `YYYY-MM-DD HH:MM:SS`. */
  readonly dateAdd: string;
  readonly productsTaxExcl: string;
  readonly productsTaxIncl: string;
  readonly shippingTaxExcl: string;
  readonly shippingTaxIncl: string;
  readonly details: readonly PsSlipDetail[];
}

/** A slip as the store sends it, or why it cannot be read. */
export function readSlip(record: PsRecord): { ok: true; slip: PsSlip } | { ok: false; problem: string } {
  const amount = (field: string): Decimal | undefined => {
    const text = scalar(record[field]);
    return text === '' ? Decimal.ZERO : Decimal.tryParse(text);
  };
  const fields = [
    'total_products_tax_excl',
    'total_products_tax_incl',
    'total_shipping_tax_excl',
    'total_shipping_tax_incl',
  ] as const;
  const values = fields.map((field) => amount(field));
  const bad = fields.filter((_, index) => values[index] === undefined);
  if (bad.length > 0) return { ok: false, problem: `${bad.join(', ')} is not a decimal amount` };
  const details: PsSlipDetail[] = [];
  for (const [index, entry] of (record.associations?.order_slip_details ?? []).entries()) {
    const field = (name: string): string => scalar(entry[name]);
    const quantity = Number(field('product_quantity'));
    const excl = Decimal.tryParse(field('amount_tax_excl'));
    const incl = Decimal.tryParse(field('amount_tax_incl'));
    if (!Number.isInteger(quantity) || excl === undefined || incl === undefined) {
      return {
        ok: false,
        problem: `order_slip_details[${index + 1}] has quantity '${field('product_quantity')}', amounts '${field('amount_tax_excl')}' and '${field('amount_tax_incl')}'`,
      };
    }
    details.push({
      orderDetailId: field('id_order_detail'),
      quantity,
      amountTaxExcl: excl.toString(),
      amountTaxIncl: incl.toString(),
    });
  }
  const [productsExcl, productsIncl, shippingExcl, shippingIncl] = values as Decimal[];
  return {
    ok: true,
    slip: {
      id: record.id,
      orderExternalId: scalar(record.id_order),
      dateAdd: scalar(record.date_add),
      productsTaxExcl: productsExcl!.toString(),
      productsTaxIncl: productsIncl!.toString(),
      shippingTaxExcl: shippingExcl!.toString(),
      shippingTaxIncl: shippingIncl!.toString(),
      details,
    },
  };
}

/** The invoiced order a slip refunds: its invoice, and its store lines' detail ids in invoice order. */
export interface SlipOrder {
  readonly invoice: Invoice;
  /**
   * The store's `order_rows` ids (order detail ids) of the order's product lines with a quantity, in
   * the store's order: the invoice's product lines were drafted from them, one for one.
   */
  readonly detailIds: readonly string[];
  readonly places: number;
}

/**
 * A slip's credit note: one line per refunded product, with the slip's amounts (never recomputed),
 * and the refunded shipping; each line's tax rate is the first of its invoice line's rate, the
 * invoice's other rates and the store's known rates that turns its amount without tax into its
 * amount with tax; taxes per rate add up the lines. Amounts are negative (a credit note). The totals
 * are compared with the slip's: a difference is kept and reported, never spread over lines.
 *
 * @example
 * const note = draftSlipCreditNote(slip, { invoice, detailIds: ['41', '42'], places: 2 }, rates);
 * note.totalTaxIncl; // '-24.00': the slip's products and shipping with tax, negated
 */
export function draftSlipCreditNote(
  slip: PsSlip,
  order: SlipOrder,
  knownRates: readonly Decimal[],
): InvoiceDraft {
  const { invoice, places } = order;
  const round = (value: Decimal): Decimal => value.round(places, 'half-up');
  const problems: string[] = [];
  const invoiceProducts = invoice.lines.filter((line) => line.kind === 'product');
  const aligned = invoiceProducts.length === order.detailIds.length;
  if (!aligned) {
    problems.push(
      `the invoice has ${invoiceProducts.length} product lines, the store's order ${order.detailIds.length}: lines are named from the slip and their rates derived from their amounts`,
    );
  }
  const invoiceRates = [...new Set(invoice.lines.map((line) => Decimal.from(line.taxRate).toString()))].map(
    (rate) => Decimal.from(rate),
  );
  const cent = Decimal.from(1).div(10 ** places, places);
  const pick = (
    own: Decimal | null,
    excl: Decimal,
    incl: Decimal,
    quantity: number,
    name: string,
  ): { rate: Decimal; derived: boolean } => {
    const candidates = [...(own === null ? [] : [own]), ...invoiceRates, ...knownRates, Decimal.ZERO];
    if (excl.isZero()) return { rate: (candidates[0] ?? Decimal.ZERO).round(3), derived: false };
    // The store rounds per item or per line: a rate fits within a cent per item.
    const tolerance = cent.mul(Math.max(1, Math.abs(quantity)));
    const fits = candidates.find(
      (rate) =>
        !round(excl.mul(rate.add(100)).div(100, 9))
          .sub(incl)
          .abs()
          .gt(tolerance),
    );
    if (fits !== undefined) return { rate: fits.round(3), derived: false };
    const derived = incl.sub(excl).mul(100).div(excl, 3, 'half-up');
    problems.push(
      `line '${name}': no rate of the invoice or the store turns ${excl.toFixed(places)} into ${incl.toFixed(places)}; rate ${derived.toString()} % derived from the amounts`,
    );
    return { rate: derived, derived: true };
  };

  const lines: DraftLine[] = [];
  for (const detail of slip.details) {
    const index = order.detailIds.indexOf(detail.orderDetailId);
    const source = aligned && index >= 0 ? invoiceProducts[index] : undefined;
    const name = source?.description ?? `order detail ${detail.orderDetailId}`;
    // The store keeps unit price × quantity unrounded; a document line is rounded like PrestaShop's.
    const excl = round(Decimal.from(detail.amountTaxExcl));
    const incl = round(Decimal.from(detail.amountTaxIncl));
    const { rate } = pick(
      source === undefined ? null : Decimal.from(source.taxRate),
      excl,
      incl,
      detail.quantity,
      name,
    );
    lines.push(
      creditLine({
        kind: 'product',
        name,
        familyCode: source?.familyCode ?? null,
        quantity: detail.quantity,
        unitPriceTaxExcl:
          source?.unitPriceTaxExcl ??
          (detail.quantity === 0 ? excl : excl.div(detail.quantity, 6, 'half-up')),
        rate,
        excl,
        incl,
      }),
    );
  }
  const shippingExcl = round(Decimal.from(slip.shippingTaxExcl));
  const shippingIncl = round(Decimal.from(slip.shippingTaxIncl));
  if (!shippingExcl.isZero() || !shippingIncl.isZero()) {
    const source = invoice.lines.find((line) => line.kind === 'shipping');
    const name = source?.description ?? 'Shipping';
    const { rate } = pick(
      source === undefined ? null : Decimal.from(source.taxRate),
      shippingExcl,
      shippingIncl,
      1,
      name,
    );
    lines.push(
      creditLine({
        kind: 'shipping',
        name,
        familyCode: source?.familyCode ?? null,
        quantity: 1,
        unitPriceTaxExcl: shippingExcl,
        rate,
        excl: shippingExcl,
        incl: shippingIncl,
      }),
    );
  }

  const byRate = new Map<string, { rate: Decimal; base: Decimal; amount: Decimal }>();
  for (const line of lines) {
    const rate = Decimal.from(line.taxRate);
    const entry = byRate.get(rate.toString()) ?? { rate, base: Decimal.ZERO, amount: Decimal.ZERO };
    entry.base = entry.base.add(line.totalTaxExcl);
    entry.amount = entry.amount.add(line.totalTax);
    byRate.set(rate.toString(), entry);
  }
  const taxes = [...byRate.values()].sort((a, b) => a.rate.cmp(b.rate));
  const storeExcl = round(Decimal.from(slip.productsTaxExcl).add(slip.shippingTaxExcl)).neg();
  const storeIncl = round(Decimal.from(slip.productsTaxIncl).add(slip.shippingTaxIncl)).neg();
  const { totalExcl, totalIncl, difference, amounts } = documentTotals(taxes, storeExcl, storeIncl, places);
  if (!difference.isZero() || !totalExcl.eq(storeExcl)) {
    problems.push(
      `the refunded lines add up to ${totalIncl.neg().toFixed(places)} with tax (${totalExcl.neg().toFixed(places)} without), the slip's total is ${storeIncl.neg().toFixed(places)} (${storeExcl.neg().toFixed(places)} without): a difference of ${difference.neg().toFixed(places)}`,
    );
  }
  return {
    lines,
    ...amounts,
    problems,
  };
}

function creditLine(line: {
  kind: string;
  name: string;
  familyCode: string | null;
  quantity: number;
  unitPriceTaxExcl: Decimal | string;
  rate: Decimal;
  excl: Decimal;
  incl: Decimal;
}): DraftLine {
  return {
    kind: line.kind,
    familyCode: line.familyCode,
    description: line.name,
    quantity: -line.quantity,
    unitPriceTaxExcl: Decimal.from(line.unitPriceTaxExcl).toString(),
    taxRate: line.rate.toString(),
    totalTaxExcl: line.excl.neg().toString(),
    totalTax: line.incl.sub(line.excl).neg().toString(),
    totalTaxIncl: line.incl.neg().toString(),
  };
}

/**
 * What an order's cancellation credits once earlier credit notes (its slips') credited part of its
 * invoice: each invoice line less the quantities and amounts credited on lines of the same kind,
 * description and rate; each rate's tax less what was credited at that rate; the totals less the
 * earlier credit notes' totals — so that all the order's credit notes add up to its invoice. Lines
 * left with nothing are dropped. Amounts are negative (a credit note); empty lines when nothing is left.
 */
export function remainderToCredit(
  invoice: Invoice,
  earlier: readonly Invoice[],
): Omit<InvoiceDraft, 'problems'> {
  const credited = earlier.flatMap((note) =>
    note.lines.map((line) => ({
      key: lineKey(line),
      quantity: -line.quantity,
      excl: Decimal.from(line.totalTaxExcl).neg(),
      tax: Decimal.from(line.totalTax).neg(),
    })),
  );
  const lines: DraftLine[] = [];
  for (const line of invoice.lines) {
    let quantity = line.quantity;
    let excl = Decimal.from(line.totalTaxExcl);
    let tax = Decimal.from(line.totalTax);
    // Taken from the first earlier lines that match, up to this line's quantity.
    for (const taken of credited) {
      if (taken.key !== lineKey(line) || (taken.quantity === 0 && taken.excl.isZero())) continue;
      if (quantity === 0 && excl.isZero()) break;
      quantity -= taken.quantity;
      excl = excl.sub(taken.excl);
      tax = tax.sub(taken.tax);
      taken.quantity = 0;
      taken.excl = Decimal.ZERO;
      taken.tax = Decimal.ZERO;
    }
    if (quantity === 0 && excl.isZero() && tax.isZero()) continue;
    lines.push({
      kind: line.kind,
      familyCode: line.familyCode,
      description: line.description,
      quantity: -quantity,
      unitPriceTaxExcl: line.unitPriceTaxExcl,
      taxRate: line.taxRate,
      totalTaxExcl: excl.neg().toString(),
      totalTax: tax.neg().toString(),
      totalTaxIncl: excl.add(tax).neg().toString(),
    });
  }
  const taxes = invoice.taxes
    .map((tax) => {
      const rate = Decimal.from(tax.rate);
      const same = earlier.flatMap((note) => note.taxes.filter((other) => Decimal.from(other.rate).eq(rate)));
      return {
        rate: tax.rate,
        base: Decimal.from(tax.base)
          .add(Decimal.sum(same.map((other) => other.base)))
          .neg(),
        amount: Decimal.from(tax.amount)
          .add(Decimal.sum(same.map((other) => other.amount)))
          .neg(),
      };
    })
    .filter((tax) => !tax.base.isZero() || !tax.amount.isZero());
  const rest = (field: 'totalTaxExcl' | 'totalTax' | 'totalTaxIncl'): string =>
    Decimal.from(invoice[field])
      .add(Decimal.sum(earlier.map((note) => note[field])))
      .neg()
      .toString();
  const restOf = (value: string | null, others: readonly (string | null)[]): string =>
    Decimal.from(value ?? '0')
      .add(Decimal.sum(others.map((other) => other ?? '0')))
      .neg()
      .toString();
  return {
    lines,
    taxes: taxes.map((tax) => ({ rate: tax.rate, base: tax.base.toString(), amount: tax.amount.toString() })),
    totalTaxExcl: rest('totalTaxExcl'),
    totalTax: rest('totalTax'),
    totalTaxIncl: rest('totalTaxIncl'),
    storeTotalTaxExcl: restOf(
      invoice.storeTotalTaxExcl,
      earlier.map((note) => note.storeTotalTaxExcl),
    ),
    storeTotalTaxIncl: restOf(
      invoice.storeTotalTaxIncl,
      earlier.map((note) => note.storeTotalTaxIncl),
    ),
    totalsDifference: restOf(
      invoice.totalsDifference,
      earlier.map((note) => note.totalsDifference),
    ),
  };
}

function lineKey(line: { kind: string; description: string; taxRate: string }): string {
  return `${line.kind}\u0000${line.description}\u0000${Decimal.from(line.taxRate).toString()}`;
}
