/**
 * Generated orders over two years, in every state: each order with its cart, rows
 * (`order_details`), state history, carrier row (tracking number once shipped), payment (once
 * paid) and, for some, a customer message. A skeleton pass keeps a few typed arrays per order
 * (customer, dates, final state, where its rows start); every record is rebuilt on demand from
 * the seed, so a million orders with three rows each fit in memory and a page of 500 renders fast.
 */
import { formatCents } from '../decimal.js';
import {
  lineAmounts,
  type OrderLineAmounts,
  orderTotals,
  PAYMENT_MODULES,
  totalsFields,
} from '../order-math.js';
import { type Prng, rngFor } from '../prng.js';
import type { AssociationEntry, EmuRecord } from '../record.js';
import type { BaseRows } from '../record-table.js';
import { formatWallClock } from '../wall-clock.js';
import {
  type CatalogModel,
  combinationImpactCents,
  combinationLabel,
  ean13,
  KIND_COMBINATIONS,
  KIND_VIRTUAL,
  productFacts,
} from './catalog-seed.js';
import { customerFacts, type CustomerModel } from './customer-seed.js';
import { CARRIERS, VAT_RATES } from './reference-seed.js';
import type { SeedTables } from './seed-tables.js';

const DAY = 86_400;
const PAID_STATES = new Set([2, 3, 4, 5, 7, 9, 11]);
const INVOICE_STATES = new Set([2, 3, 4, 5, 7, 9, 11]);
const DELIVERY_STATES = new Set([3, 4, 5, 7]);
const SHIPPED_STATES = new Set([4, 5, 7]);
const LOGABLE_FINAL = new Set([2, 3, 4, 5, 9, 11]);

export interface OrderModel {
  readonly orders: number;
  readonly abandonedCarts: number;
  readonly customer: Int32Array;
  readonly createdAt: Float64Array;
  readonly updatedAt: Float64Array;
  readonly finalState: Uint8Array;
  readonly rowStart: Int32Array;
  readonly historyStart: Int32Array;
  readonly paymentStart: Int32Array;
  readonly messageStart: Int32Array;
  readonly invoiceNumber: Int32Array;
  readonly deliveryNumber: Int32Array;
}

interface Skeleton {
  readonly customer: number;
  readonly module: number;
  readonly carrier: number;
  readonly createdAt: number;
  readonly path: readonly number[];
  /** Date of each history step. */
  readonly times: readonly number[];
  readonly rows: number;
  readonly message: boolean;
}

function pickFinal(rng: Prng, ageDays: number): number | 'init' {
  const roll = rng.next();
  const table: ReadonlyArray<readonly [number, number | 'init']> =
    ageDays < 2
      ? [
          [0.45, 'init'],
          [0.65, 2],
          [0.85, 3],
          [0.9, 8],
          [0.95, 12],
          [1, 9],
        ]
      : ageDays < 10
        ? [
            [0.1, 'init'],
            [0.2, 2],
            [0.4, 3],
            [0.8, 4],
            [0.9, 5],
            [0.95, 6],
            [1, 9],
          ]
        : [
            [0.04, 'init'],
            [0.05, 2],
            [0.06, 3],
            [0.09, 4],
            [0.8, 5],
            [0.89, 6],
            [0.94, 7],
            [0.97, 8],
            [0.98, 9],
            [0.99, 12],
            [1, 11],
          ];
  for (const [limit, state] of table) if (roll < limit) return state;
  return 5;
}

function statePath(initial: number, final: number | 'init', card: boolean): number[] {
  const paid = card ? [2] : [initial, 2];
  switch (final) {
    case 'init':
      return [initial];
    case 2:
      return paid;
    case 3:
      return [...paid, 3];
    case 4:
      return [...paid, 3, 4];
    case 5:
      return [...paid, 3, 4, 5];
    case 7:
      return [...paid, 3, 4, 5, 7];
    case 11:
      return card ? [11] : [initial, 11];
    case 12:
      return [12];
    default:
      return card ? [final] : [initial, final];
  }
}

function skeleton(
  key: string,
  o: number,
  orders: number,
  customers: number,
  start: number,
  end: number,
): Skeleton {
  const rng = rngFor(key, 'order', o);
  const createdAt = Math.floor(start + ((o - 1 + rng.next()) * (end - start)) / Math.max(1, orders));
  const module = rng.int(0, PAYMENT_MODULES.length - 1);
  const card = PAYMENT_MODULES[module]?.[0] === 'ps_checkout';
  const initial = PAYMENT_MODULES[module]?.[2] ?? 1;
  const path = statePath(initial, pickFinal(rng, (end - createdAt) / DAY), card);
  const times: number[] = [];
  let t = createdAt;
  for (let i = 0; i < path.length; i += 1) {
    if (i > 0) t += rng.int(2, 48) * 3600 + rng.int(0, 3599);
    times.push(Math.min(t, end));
  }
  const rowsRoll = rng.next();
  const rows = rowsRoll < 0.15 ? 1 : rowsRoll < 0.35 ? 2 : rowsRoll < 0.65 ? 3 : rowsRoll < 0.85 ? 4 : 5;
  const carrier = rng.pick([1, 2, 2, 2, 4]);
  return {
    customer: rng.int(1, Math.max(1, customers)),
    module,
    carrier,
    createdAt,
    path,
    times,
    rows,
    message: rng.chance(0.08),
  };
}

export function buildOrderModel(
  key: string,
  orders: number,
  customers: number,
  start: number,
  end: number,
): OrderModel {
  const model: OrderModel = {
    orders: customers === 0 ? 0 : orders,
    abandonedCarts: customers === 0 ? 0 : Math.ceil(orders / 10),
    customer: new Int32Array(orders + 1),
    createdAt: new Float64Array(orders + 1),
    updatedAt: new Float64Array(orders + 1),
    finalState: new Uint8Array(orders + 1),
    rowStart: new Int32Array(orders + 2),
    historyStart: new Int32Array(orders + 2),
    paymentStart: new Int32Array(orders + 2),
    messageStart: new Int32Array(orders + 2),
    invoiceNumber: new Int32Array(orders + 1),
    deliveryNumber: new Int32Array(orders + 1),
  };
  let rows = 1;
  let histories = 1;
  let payments = 1;
  let messages = 1;
  let invoices = 0;
  let deliveries = 0;
  for (let o = 1; o <= model.orders; o += 1) {
    const s = skeleton(key, o, orders, customers, start, end);
    model.customer[o] = s.customer;
    model.createdAt[o] = s.createdAt;
    model.updatedAt[o] = s.times[s.times.length - 1] ?? s.createdAt;
    model.finalState[o] = s.path[s.path.length - 1] ?? 1;
    model.rowStart[o] = rows;
    rows += s.rows;
    model.historyStart[o] = histories;
    histories += s.path.length;
    model.paymentStart[o] = payments;
    if (s.path.some((state) => PAID_STATES.has(state))) payments += 1;
    model.messageStart[o] = messages;
    if (s.message) messages += 1;
    if (s.path.some((state) => INVOICE_STATES.has(state))) model.invoiceNumber[o] = ++invoices;
    if (s.path.some((state) => DELIVERY_STATES.has(state))) model.deliveryNumber[o] = ++deliveries;
  }
  model.rowStart[model.orders + 1] = rows;
  model.historyStart[model.orders + 1] = histories;
  model.paymentStart[model.orders + 1] = payments;
  model.messageStart[model.orders + 1] = messages;
  return model;
}

/** The order owning item `id` of a prefix array (`rowStart`, `historyStart`, …). */
function ownerOf(starts: Int32Array, orders: number, id: number): number {
  let lo = 1;
  let hi = orders;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] ?? 0) <= id) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Line extends OrderLineAmounts {
  readonly product: number;
  readonly combination: number;
  readonly quantity: number;
  readonly taxRate: number;
  readonly name: string;
  readonly reference: string;
  readonly ean13: string;
  readonly taxRulesGroup: number;
  readonly weight: number;
}

function taxRateOf(group: number): number {
  return Number(VAT_RATES.find(([id]) => id === group)?.[1] ?? '0');
}

function orderLines(key: string, catalog: CatalogModel, o: number, count: number, language: number): Line[] {
  const rng = rngFor(key, 'order-lines', o);
  const lines: Line[] = [];
  for (let i = 0; i < count && catalog.products > 0; i += 1) {
    const product = rng.int(1, catalog.products);
    const facts = productFacts(catalog, product);
    const combination =
      catalog.kind[product] === KIND_COMBINATIONS && facts.combinations.length > 0
        ? rng.pick(facts.combinations)
        : 0;
    const quantity = rng.chance(0.8) ? 1 : rng.int(2, 3);
    const unit = facts.priceCents + (combination > 0 ? combinationImpactCents(catalog, combination) : 0);
    const taxRate = taxRateOf(facts.taxRulesGroup);
    const baseName = language === 2 ? facts.name.fr : facts.name.en;
    lines.push({
      ...lineAmounts({ unitPriceExclCents: unit, taxRate, quantity }),
      product,
      combination,
      quantity,
      taxRate,
      name: combination > 0 ? `${baseName} - ${combinationLabel(catalog, combination)}` : baseName,
      reference: facts.reference,
      ean13: catalog.kind[product] === KIND_VIRTUAL ? '' : ean13(product),
      taxRulesGroup: facts.taxRulesGroup,
      weight: catalog.kind[product] === KIND_VIRTUAL ? 0 : 0.3,
    });
  }
  return lines;
}

const PAYMENT_LABELS: Readonly<Record<string, string>> = { ps_checkout: 'Card' };

export function seedOrders(
  t: SeedTables,
  key: string,
  model: OrderModel,
  catalog: CatalogModel,
  customers: CustomerModel,
  bounds: { start: number; end: number },
): void {
  const O = model.orders;
  const languages = t.languages;
  const plan = (o: number): Skeleton => skeleton(key, o, O, customers.customers, bounds.start, bounds.end);
  const reference = (o: number): string => rngFor(key, 'order-reference', o).letters(9);
  const carrierPrice = (carrier: number): number => CARRIERS.find(([id]) => id === carrier)?.[4] ?? 0;
  const shippingRate = (carrier: number): number => (carrier === 1 ? 0 : 20);

  interface Built {
    readonly skeleton: Skeleton;
    readonly lines: Line[];
    readonly language: number;
    readonly secureKey: string;
    readonly address: number;
    readonly total: string;
    readonly totalExcl: string;
    readonly shippingExcl: number;
    readonly shippingIncl: number;
  }
  const buildOrder = (o: number): Built => {
    const s = plan(o);
    const facts = customerFacts(key, s.customer, languages);
    const lines = orderLines(key, catalog, o, s.rows, facts.language);
    const totals = orderTotals(lines, carrierPrice(s.carrier), shippingRate(s.carrier));
    return {
      skeleton: s,
      lines,
      language: facts.language,
      secureKey: facts.secureKey,
      address: customers.addressStart[s.customer] ?? 0,
      total: formatCents(totals.paidIncl),
      totalExcl: formatCents(totals.paidExcl),
      shippingExcl: totals.shippingExcl,
      shippingIncl: totals.shippingIncl,
    };
  };
  const tracking = (o: number, s: Skeleton): string =>
    s.carrier !== 1 && s.path.some((state) => SHIPPED_STATES.has(state))
      ? `LP${String(100_000_000 + o * 7919).slice(-9)}FR`
      : '';
  const firstTime = (s: Skeleton, states: ReadonlySet<number>): number | undefined => {
    const index = s.path.findIndex((state) => states.has(state));
    return index < 0 ? undefined : s.times[index];
  };
  const range = (starts: Int32Array, o: number): number[] => {
    const out: number[] = [];
    for (let id = starts[o] ?? 0; id < (starts[o + 1] ?? 0); id += 1) out.push(id);
    return out;
  };
  /**
   * `id_order` of a table whose rows come in runs per order (`starts[o]`: order o's first row), as a
   * fast column and as an index — a store's database indexes `id_order` on these tables.
   */
  const byOrder = (starts: Int32Array): Pick<BaseRows, 'column' | 'lookup'> => ({
    column: (id, field) => (field === 'id_order' ? String(ownerOf(starts, O, id)) : undefined),
    lookup: (field, value) => {
      const o = Number(value);
      if (field !== 'id_order') return undefined;
      return o >= 1 && o <= O ? range(starts, o) : [];
    },
  });

  const ordersBase: BaseRows = {
    count: O,
    build(o: number): EmuRecord {
      const b = buildOrder(o);
      const s = b.skeleton;
      const final = s.path[s.path.length - 1] ?? 1;
      const paid = s.path.some((state) => PAID_STATES.has(state)) && final !== 7;
      const totals = orderTotals(b.lines, carrierPrice(s.carrier), shippingRate(s.carrier));
      const invoiceAt = firstTime(s, INVOICE_STATES);
      const deliveryAt = firstTime(s, DELIVERY_STATES);
      const [module, label] = PAYMENT_MODULES[s.module] ?? ['ps_checkpayment', 'Payment by check'];
      const firstRow = model.rowStart[o] ?? 0;
      const rows: AssociationEntry[] = b.lines.map((line, index) => ({
        id: String(firstRow + index),
        product_id: String(line.product),
        product_attribute_id: String(line.combination),
        product_quantity: String(line.quantity),
        product_name: line.name,
        product_reference: line.reference,
        product_ean13: line.ean13,
        product_isbn: '',
        product_upc: '',
        product_price: formatCents(line.unitExcl),
        id_customization: '0',
        unit_price_tax_incl: formatCents(line.unitIncl),
        unit_price_tax_excl: formatCents(line.unitExcl),
      }));
      return {
        id: o,
        values: t.complete('orders', {
          id_address_delivery: String(b.address),
          id_address_invoice: String(b.address),
          id_cart: String(o),
          id_currency: '1',
          id_lang: String(b.language),
          id_customer: String(s.customer),
          id_carrier: String(s.carrier),
          current_state: String(final),
          module,
          invoice_number: String(model.invoiceNumber[o] ?? 0),
          invoice_date: invoiceAt === undefined ? '0000-00-00 00:00:00' : formatWallClock(invoiceAt),
          delivery_number: String(model.deliveryNumber[o] ?? 0),
          delivery_date: deliveryAt === undefined ? '0000-00-00 00:00:00' : formatWallClock(deliveryAt),
          valid: LOGABLE_FINAL.has(final) ? '1' : '0',
          date_add: formatWallClock(s.createdAt),
          date_upd: formatWallClock(model.updatedAt[o] ?? s.createdAt),
          shipping_number: tracking(o, s),
          note: '',
          id_shop_group: '1',
          id_shop: '1',
          secure_key: b.secureKey,
          payment: PAYMENT_LABELS[module] ?? label,
          recyclable: '0',
          gift: '0',
          gift_message: '',
          mobile_theme: '0',
          ...totalsFields(totals, paid, shippingRate(s.carrier)),
          round_mode: '2',
          round_type: '1',
          conversion_rate: '1.000000',
          reference: reference(o),
        }),
        associations: { order_rows: rows },
      };
    },
    column(o: number, field: string): string | undefined {
      switch (field) {
        case 'date_add':
          return formatWallClock(model.createdAt[o] ?? 0);
        case 'date_upd':
          return formatWallClock(model.updatedAt[o] ?? 0);
        case 'current_state':
          return String(model.finalState[o] ?? 0);
        case 'id_customer':
        case 'id_cart':
          return field === 'id_cart' ? String(o) : String(model.customer[o] ?? 0);
        case 'reference':
          return reference(o);
        case 'valid':
          return LOGABLE_FINAL.has(model.finalState[o] ?? 0) ? '1' : '0';
        default:
          return undefined;
      }
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      const n = Number(value);
      if (field === 'id_cart') return n >= 1 && n <= O ? [n] : [];
      if (field !== 'id_customer') return undefined;
      const out: number[] = [];
      for (let o = 1; o <= O; o += 1) if (model.customer[o] === n) out.push(o);
      return out;
    },
  };
  t.base('orders', ordersBase);

  const rowCount = (model.rowStart[O + 1] ?? 1) - 1;
  t.base('order_details', {
    count: rowCount,
    build(id: number): EmuRecord {
      const o = ownerOf(model.rowStart, O, id);
      const b = buildOrder(o);
      const line = b.lines[id - (model.rowStart[o] ?? id)];
      if (line === undefined) throw new Error(`order_details ${id}: no line`);
      return {
        id,
        values: t.complete('order_details', {
          id_order: String(o),
          product_id: String(line.product),
          product_attribute_id: String(line.combination),
          product_quantity_reinjected: '0',
          group_reduction: '0.00',
          discount_quantity_applied: '0',
          download_hash: '',
          download_deadline: '0000-00-00 00:00:00',
          id_order_invoice: String(model.invoiceNumber[o] ?? 0),
          id_warehouse: '0',
          id_shop: '1',
          id_customization: '0',
          product_name: line.name,
          product_quantity: String(line.quantity),
          product_quantity_in_stock: String(line.quantity),
          product_quantity_return: '0',
          product_quantity_refunded: (model.finalState[o] ?? 0) === 7 ? String(line.quantity) : '0',
          product_price: formatCents(line.unitExcl),
          reduction_percent: '0.00',
          reduction_amount: '0.000000',
          reduction_amount_tax_incl: '0.000000',
          reduction_amount_tax_excl: '0.000000',
          product_quantity_discount: '0.000000',
          product_ean13: line.ean13,
          product_isbn: '',
          product_upc: '',
          product_mpn: '',
          product_reference: line.reference,
          product_supplier_reference: `SUP-${line.product}`,
          product_weight: line.weight.toFixed(6),
          tax_name: '',
          tax_rate: '0.000',
          tax_computation_method: '0',
          id_tax_rules_group: String(line.taxRulesGroup),
          ecotax: '0.000000',
          ecotax_tax_rate: '0.000',
          download_nb: '0',
          unit_price_tax_incl: formatCents(line.unitIncl),
          unit_price_tax_excl: formatCents(line.unitExcl),
          total_price_tax_incl: formatCents(line.totalIncl),
          total_price_tax_excl: formatCents(line.totalExcl),
          total_shipping_price_tax_excl: '0.000000',
          total_shipping_price_tax_incl: '0.000000',
          purchase_supplier_price: formatCents(Math.round(line.unitExcl * 0.4)),
          original_product_price: formatCents(line.unitExcl),
          original_wholesale_price: formatCents(Math.round(line.unitExcl * 0.4)),
        }),
        associations: { taxes: line.taxRate > 0 ? [{ id: String(line.taxRulesGroup) }] : [] },
      };
    },
    ...byOrder(model.rowStart),
  });

  const historyCount = (model.historyStart[O + 1] ?? 1) - 1;
  t.base('order_histories', {
    count: historyCount,
    build(id: number): EmuRecord {
      const o = ownerOf(model.historyStart, O, id);
      const s = plan(o);
      const step = id - (model.historyStart[o] ?? id);
      return {
        id,
        values: t.complete('order_histories', {
          id_employee: step === 0 ? '0' : '1',
          id_order_state: String(s.path[step] ?? 0),
          id_order: String(o),
          date_add: formatWallClock(s.times[step] ?? s.createdAt),
        }),
        associations: {},
      };
    },
    ...byOrder(model.historyStart),
  });

  t.base('order_carriers', {
    count: O,
    build(o: number): EmuRecord {
      const b = buildOrder(o);
      const s = b.skeleton;
      const weight = b.lines.reduce((sum, line) => sum + line.weight * line.quantity, 0);
      return {
        id: o,
        values: t.complete('order_carriers', {
          id_order: String(o),
          id_carrier: String(s.carrier),
          id_order_invoice: String(model.invoiceNumber[o] ?? 0),
          weight: weight.toFixed(6),
          shipping_cost_tax_excl: formatCents(b.shippingExcl),
          shipping_cost_tax_incl: formatCents(b.shippingIncl),
          tracking_number: tracking(o, s),
          date_add: formatWallClock(s.createdAt),
        }),
        associations: {},
      };
    },
    column(o: number, field: string): string | undefined {
      return field === 'id_order' ? String(o) : undefined;
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      const o = Number(value);
      return field === 'id_order' ? (o >= 1 && o <= O ? [o] : []) : undefined;
    },
  });

  const paymentCount = (model.paymentStart[O + 1] ?? 1) - 1;
  t.base('order_payments', {
    count: paymentCount,
    build(id: number): EmuRecord {
      const o = ownerOf(model.paymentStart, O, id);
      const b = buildOrder(o);
      const s = b.skeleton;
      const [module, label] = PAYMENT_MODULES[s.module] ?? ['ps_checkpayment', 'Payment by check'];
      const at = firstTime(s, PAID_STATES) ?? s.createdAt;
      return {
        id,
        values: t.complete('order_payments', {
          order_reference: reference(o),
          id_currency: '1',
          amount: b.total,
          payment_method: PAYMENT_LABELS[module] ?? label,
          conversion_rate: '1.000000',
          transaction_id: module === 'ps_checkout' ? `pi_${rngFor(key, 'transaction', o).hex(24)}` : '',
          card_number: '',
          card_brand: module === 'ps_checkout' ? 'VISA' : '',
          card_expiration: '',
          card_holder: '',
          date_add: formatWallClock(at),
          id_employee: '0',
        }),
        associations: {},
      };
    },
  });

  const cartCount = O + model.abandonedCarts;
  t.base('carts', {
    count: cartCount,
    build(id: number): EmuRecord {
      let customer: number;
      let created: number;
      let rows: Array<{ product: number; combination: number; quantity: number }>;
      let carrier: number;
      if (id <= O) {
        const b = buildOrder(id);
        customer = b.skeleton.customer;
        created = b.skeleton.createdAt - 600;
        carrier = b.skeleton.carrier;
        rows = b.lines.map((line) => ({
          product: line.product,
          combination: line.combination,
          quantity: line.quantity,
        }));
      } else {
        const rng = rngFor(key, 'abandoned-cart', id);
        customer = rng.int(1, Math.max(1, customers.customers));
        created = rng.int(bounds.start, bounds.end);
        carrier = 2;
        rows = orderLines(key, catalog, -id, rng.int(1, 3), 1).map((line) => ({
          product: line.product,
          combination: line.combination,
          quantity: line.quantity,
        }));
      }
      const facts = customerFacts(key, customer, languages);
      const address = String(customers.addressStart[customer] ?? 0);
      return {
        id,
        values: t.complete('carts', {
          id_address_delivery: address,
          id_address_invoice: address,
          id_currency: '1',
          id_customer: String(customer),
          id_guest: String(customer),
          id_lang: String(facts.language),
          id_shop_group: '1',
          id_shop: '1',
          id_carrier: String(carrier),
          recyclable: '0',
          gift: '0',
          gift_message: '',
          mobile_theme: '0',
          delivery_option: `{"${address}":"${carrier},"}`,
          secure_key: facts.secureKey,
          allow_seperated_package: '0',
          date_add: formatWallClock(created),
          date_upd: formatWallClock(created),
        }),
        associations: {
          cart_rows: rows.map((row) => ({
            id_product: String(row.product),
            id_product_attribute: String(row.combination),
            id_address_delivery: address,
            id_customization: '0',
            quantity: String(row.quantity),
          })),
        },
      };
    },
    column(id: number, field: string): string | undefined {
      if (field === 'id_customer' && id <= O) return String(model.customer[id] ?? 0);
      return undefined;
    },
  });

  const messageCount = (model.messageStart[O + 1] ?? 1) - 1;
  const messageOf = (id: number): { order: number; text: string; at: number; customer: number } => {
    const o = ownerOf(model.messageStart, O, id);
    const s = plan(o);
    const rng = rngFor(key, 'message', id);
    const text = rng.pick([
      'Could you gift-wrap the parcel, please?',
      'Please leave the parcel with my neighbour if I am out.',
      'When will my order ship?',
      'Can I change the size of one item?',
      'The door code is 4521B.',
    ]);
    return { order: o, text, at: s.createdAt + 300, customer: s.customer };
  };
  // A message, its customer thread and the thread's customer message share one id.
  t.base('messages', {
    count: messageCount,
    build(id: number): EmuRecord {
      const m = messageOf(id);
      return {
        id,
        values: t.complete('messages', {
          id_cart: String(m.order),
          id_order: String(m.order),
          id_customer: String(m.customer),
          id_employee: '0',
          message: m.text,
          private: '0',
          date_add: formatWallClock(m.at),
        }),
        associations: {},
      };
    },
    ...byOrder(model.messageStart),
  });
  t.base('customer_threads', {
    count: messageCount,
    build(id: number): EmuRecord {
      const m = messageOf(id);
      const facts = customerFacts(key, m.customer, languages);
      return {
        id,
        values: t.complete('customer_threads', {
          id_lang: String(facts.language),
          id_shop: '1',
          id_customer: String(m.customer),
          id_order: String(m.order),
          id_product: '0',
          id_contact: '2',
          email: facts.email,
          token: rngFor(key, 'thread-token', id).hex(12),
          status: m.at < bounds.end - 30 * DAY ? 'closed' : 'open',
          date_add: formatWallClock(m.at),
          date_upd: formatWallClock(m.at),
        }),
        associations: { customer_messages: [{ id: String(id) }] },
      };
    },
    ...byOrder(model.messageStart),
  });
  t.base('customer_messages', {
    count: messageCount,
    build(id: number): EmuRecord {
      const m = messageOf(id);
      return {
        id,
        values: t.complete('customer_messages', {
          id_employee: '0',
          id_customer_thread: String(id),
          ip_address: null,
          message: m.text,
          file_name: null,
          user_agent: null,
          private: '0',
          date_add: formatWallClock(m.at),
          date_upd: formatWallClock(m.at),
          read: '0',
        }),
        associations: {},
      };
    },
    column(id: number, field: string): string | undefined {
      return field === 'id_customer_thread' ? String(id) : undefined;
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      const thread = Number(value);
      if (field !== 'id_customer_thread') return undefined;
      return Number.isInteger(thread) && thread >= 1 && thread <= messageCount ? [thread] : [];
    },
  });
}
