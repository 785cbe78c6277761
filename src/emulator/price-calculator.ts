/**
 * Final prices for the `price[name][option]=…` virtual fields of products and combinations
 * (`Product::priceCalculation` in spirit): base price excluding tax, plus the combination's
 * impact, minus the best specific price for quantity 1, plus the tax of the product's tax rules
 * group in the store's default country. Computed in integer micro-units, written `%f`-style.
 */
import { normalizeDecimal } from './decimal.js';
import type { EmulatorStore } from './emulator-store.js';
import type { PhpParams } from './php-query.js';
import { textOf } from './record.js';
import { wsFail } from './ws-error.js';

/** Micro-units (1e-6) in a bigint-free number: fine for prices below 9e9. */
function micros(text: string): number {
  const normalized = normalizeDecimal(text, 6);
  return normalized === undefined ? 0 : Math.round(Number(normalized.replace('.', '')));
}

function formatMicros(value: number): string {
  const negative = value < 0;
  const abs = Math.abs(Math.round(value));
  const text = `${Math.floor(abs / 1e6)}.${String(abs % 1e6).padStart(6, '0')}`;
  return negative ? `-${text}` : text;
}

/** Tax rate (e.g. `20.000`) of a tax rules group in a country; 0 when none applies. */
export function taxRate(store: EmulatorStore, taxRulesGroupId: number, countryId: number): number {
  const rules = store.table('tax_rules');
  if (rules === undefined || taxRulesGroupId === 0) return 0;
  for (const id of rules.ids()) {
    if (Number(rules.value(id, 'id_tax_rules_group')) !== taxRulesGroupId) continue;
    if (Number(rules.value(id, 'id_country')) !== countryId) continue;
    return Number(textOf(store.get('taxes', Number(rules.value(id, 'id_tax')))?.values.rate)) || 0;
  }
  return 0;
}

/** The option bag of one virtual field (`use_tax`, `product_attribute`, …). */
function option(options: PhpParams | string, name: string): string | undefined {
  if (typeof options !== 'object') return undefined;
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** Validates the names of `price[…]` (code 128) and returns them. */
export function virtualPriceNames(params: PhpParams): string[] {
  const price = params.price;
  if (typeof price !== 'object') return [];
  const names = Object.keys(price);
  for (const name of names) {
    if (!/^[a-zA-Z_0-9-]+$/.test(name)) throw wsFail(400, 128, 'Name for the virtual field is not allow');
  }
  return names;
}

/** The virtual price fields of a product (or of a combination when `combinationId` is set). */
export function virtualPrices(
  store: EmulatorStore,
  params: PhpParams,
  productId: number,
  combinationId: number | undefined,
): Array<[string, string]> {
  const price = params.price;
  if (typeof price !== 'object') return [];
  const product = store.get('products', productId);
  const out: Array<[string, string]> = [];
  for (const [name, options] of Object.entries(price)) {
    const attribute = combinationId ?? Number(option(options, 'product_attribute') ?? '0');
    let value = micros(textOf(product?.values.price));
    if (attribute > 0) value += micros(textOf(store.get('combinations', attribute)?.values.price));
    const useReduction = (option(options, 'use_reduction') ?? '1') !== '0';
    const onlyReduction = (option(options, 'only_reduction') ?? '0') !== '0';
    let reduction = 0;
    if (useReduction || onlyReduction) reduction = bestReduction(store, productId, attribute, value);
    value = onlyReduction ? reduction : value - reduction;
    const useTax = (option(options, 'use_tax') ?? store.config('PS_TAX') ?? '1') !== '0';
    if (useTax) {
      const country = Number(option(options, 'country') ?? store.config('PS_COUNTRY_DEFAULT') ?? '8');
      const rate = taxRate(store, Number(textOf(product?.values.id_tax_rules_group)), country);
      value = Math.round(value * (1 + rate / 100));
    }
    const decimals = Number(option(options, 'decimals') ?? '2');
    const factor = 10 ** Math.max(0, 6 - Math.min(6, decimals));
    value = Math.round(value / factor) * factor;
    out.push([name.toLowerCase(), formatMicros(value)]);
  }
  return out;
}

/** The largest reduction a specific price grants for quantity 1 now, in micro-units. */
function bestReduction(store: EmulatorStore, productId: number, attribute: number, base: number): number {
  const table = store.table('specific_prices');
  if (table === undefined) return 0;
  const ids = table.candidates('id_product', String(productId)) ?? [...table.ids()];
  const now = store.nowText();
  let best = 0;
  for (const id of ids) {
    const row = table.get(id);
    if (row === undefined || Number(textOf(row.values.id_product)) !== productId) continue;
    const rowAttribute = Number(textOf(row.values.id_product_attribute));
    if (rowAttribute !== 0 && rowAttribute !== attribute) continue;
    if (Number(textOf(row.values.from_quantity)) > 1) continue;
    const from = textOf(row.values.from);
    const to = textOf(row.values.to);
    if (from !== '0000-00-00 00:00:00' && from > now) continue;
    if (to !== '0000-00-00 00:00:00' && to < now) continue;
    const amount = micros(textOf(row.values.reduction));
    const reduction =
      textOf(row.values.reduction_type) === 'percentage' ? Math.round(base * (amount / 1e6)) : amount;
    best = Math.max(best, reduction);
  }
  return best;
}
