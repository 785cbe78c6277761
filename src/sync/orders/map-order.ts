import { addMasterDataCommand, Decimal, type OrderLineRecord, type OrderRecord } from '../../hub/index.js';
import type { PsAddress, PsOrder, PsOrderHistory } from '../../webservice/index.js';
import type { FeedNotice } from '../feed.js';
import type { StoreDates } from '../store-dates.js';
import { storeDate, storeDecimal, StoreValueError, storeWholeNumber } from '../store-values.js';
import { type AddressLookups, mapOrderAddress, MISSING_ADDRESS } from './map-customer.js';
import { checkOrderTotals, type TotalsCheck } from './order-totals-check.js';

/** A customer message of an order (`customer_messages` of the order's `customer_threads`). */
export interface OrderMessageSource {
  readonly id: number;
  /** Written by an employee (`id_employee` set) rather than the customer. */
  readonly byEmployee: boolean;
  readonly private: boolean;
  readonly body: string;
  /** Store-local `date_add`. */
  readonly writtenAt: string;
}

/** Everything read from the store about one order. */
export interface OrderSources {
  readonly order: PsOrder;
  /** The page's addresses by id (the order's delivery and invoice addresses among them). */
  readonly addresses: ReadonlyMap<number, PsAddress>;
  readonly history: readonly PsOrderHistory[];
  readonly messages: readonly OrderMessageSource[];
}

/** What mapping an order needs, read once per run. */
export interface OrderMappingLookups extends AddressLookups {
  readonly storeName: string;
  /** The store's time zone: dates are checked (an unreadable one fails the order). */
  readonly dates: StoreDates;
  readonly currency: (currencyId: number) => { readonly iso: string; readonly places: number } | undefined;
  readonly carrier: (carrierId: number) => { readonly reference: number; readonly name: string } | undefined;
  /** The store's `carriers` and `payments` mappings. */
  readonly carrierMappings: Readonly<Record<string, string>>;
  readonly paymentMappings: Readonly<Record<string, string>>;
  /** Codes the hub has. */
  readonly shippingMethods: ReadonlySet<string>;
  readonly paymentMethods: ReadonlySet<string>;
  readonly stateName: (stateId: number) => string | undefined;
  readonly orderStateName: (stateId: number) => string;
  /** The hub variant (and its SKU) of `shippingCostProduct`; null: a shipping line without product. */
  readonly shippingProduct: { readonly variantId: number; readonly sku: string } | null;
}

export type MappedOrder =
  | {
      readonly ok: true;
      readonly record: OrderRecord;
      readonly totals: TotalsCheck;
      /** Unmapped carrier or payment module, a mapping to a code the hub lacks. */
      readonly notices: readonly FeedNotice[];
    }
  | { readonly ok: false; readonly orderId: number; readonly reason: string };

/** The binding id of a store variant: `<product>:<combination>` (`12:0` without combinations). */
export function variantExternalIdOf(productId: number | string, combinationId: number | string): string {
  return `${Number(productId)}:${Number(combinationId) || 0}`;
}

function positive(value: string): boolean {
  return Decimal.from(value).sign() > 0;
}

/**
 * The order's money fields, checked: PrestaShop requires `total_paid`, `total_paid_real`,
 * `total_products` and `total_products_wt`; the others may be empty (zero). Anything that is not a
 * decimal number fails the order, named by its field, rather than being read as zero.
 */
function orderMoney(order: PsOrder) {
  const read = (field: keyof PsOrder & string, required = false): string =>
    storeDecimal(order[field], field, { required });
  return {
    productsTaxExcl: read('total_products', true),
    productsTaxIncl: read('total_products_wt', true),
    shippingTaxExcl: read('total_shipping_tax_excl'),
    shippingTaxIncl: read('total_shipping_tax_incl'),
    wrappingTaxIncl: read('total_wrapping_tax_incl'),
    discountsTaxExcl: read('total_discounts_tax_excl'),
    discountsTaxIncl: read('total_discounts_tax_incl'),
    paidTaxExcl: read('total_paid_tax_excl'),
    paidTaxIncl: read('total_paid_tax_incl'),
    paid: read('total_paid', true),
  };
}

/**
 * A store order as the hub keeps it: the store's totals exactly, lines (variants by binding id),
 * the shipping cost as a line (on `shippingCostProduct`, else without product), the discounts as
 * one negative line, addresses as they are on the order, carrier and payment mapped to the hub's
 * shipping and payment methods (an unmapped value is reported with the setting to add), state
 * history and customer messages. Pure: every lookup is given.
 *
 * A value the hub cannot read — money that is not a decimal (`NaN`, `12,50`, `1e309`, empty where
 * the store requires one), a quantity that is not a whole number, a date that is not a date —
 * fails this order alone, with the field named (`order_rows[2].product_quantity is '3 pcs', …`).
 *
 * @example
 * const mapped = mapOrder({ order, addresses, history, messages }, lookups);
 * if (mapped.ok) await tx.orders.upsertOrders(store.id, [mapped.record]);
 */
export function mapOrder(sources: OrderSources, lookups: OrderMappingLookups): MappedOrder {
  try {
    return mapReadableOrder(sources, lookups);
  } catch (error) {
    if (error instanceof StoreValueError)
      return { ok: false, orderId: sources.order.id, reason: error.message };
    throw error;
  }
}

function mapReadableOrder(sources: OrderSources, lookups: OrderMappingLookups): MappedOrder {
  const { order } = sources;
  const fail = (reason: string): MappedOrder => ({ ok: false, orderId: order.id, reason });
  const money = orderMoney(order);
  const placedAt = storeDate(order.date_add, 'date_add', { required: true }) ?? '';
  const updatedAt = storeDate(order.date_upd, 'date_upd');
  const currency = lookups.currency(Number(order.id_currency));
  if (currency === undefined)
    return fail(`its currency ${order.id_currency} is not in the store's currencies`);
  const notices: FeedNotice[] = [];

  const carrier = lookups.carrier(Number(order.id_carrier));
  let shippingMethod: string | null = null;
  if (carrier !== undefined) {
    const code = lookups.carrierMappings[String(carrier.reference)];
    if (code === undefined) {
      notices.push({
        kind: 'unmapped-carrier',
        key: String(carrier.reference),
        message:
          `Carrier '${carrier.name}' (id_reference ${carrier.reference}) has no shipping method: orders keep it unmapped. ` +
          `Map it with \`prestabridge stores set ${lookups.storeName} carriers.${carrier.reference}=CODE\`.`,
      });
    } else if (!lookups.shippingMethods.has(code)) {
      notices.push({
        kind: 'unknown-shipping-method',
        key: code,
        message:
          `Setting carriers.${carrier.reference} names shipping method '${code}', which the hub does not have: ` +
          `create it with \`${addMasterDataCommand('shippingMethods', code)}\`, or change the mapping.`,
      });
    } else shippingMethod = code;
  }

  const module = order.module.trim();
  let paymentMethod: string | null = null;
  if (module !== '') {
    const code = lookups.paymentMappings[module];
    if (code === undefined) {
      notices.push({
        kind: 'unmapped-payment',
        key: module,
        message:
          `Payment module '${module}' (${order.payment.trim() || 'no label'}) has no payment method: orders keep it unmapped. ` +
          `Map it with \`prestabridge stores set ${lookups.storeName} payments.${module}=CODE\`.`,
      });
    } else if (!lookups.paymentMethods.has(code)) {
      notices.push({
        kind: 'unknown-payment-method',
        key: code,
        message:
          `Setting payments.${module} names payment method '${code}', which the hub does not have: ` +
          `create it with \`${addMasterDataCommand('paymentMethods', code)}\`, or change the mapping.`,
      });
    } else paymentMethod = code;
  }

  const rows = (order.associations?.order_rows ?? []).map((row, index) => {
    const field = (name: string): string => `order_rows[${index + 1}].${name}`;
    return {
      row,
      quantity: storeWholeNumber(row.product_quantity, field('product_quantity')),
      unitPriceTaxExcl: storeDecimal(row.unit_price_tax_excl, field('unit_price_tax_excl'), {
        required: true,
      }),
      unitPriceTaxIncl: storeDecimal(row.unit_price_tax_incl, field('unit_price_tax_incl'), {
        required: true,
      }),
    };
  });
  const lines: OrderLineRecord[] = rows.map(({ row, quantity, unitPriceTaxExcl, unitPriceTaxIncl }) => ({
    kind: 'product',
    variantExternalId: variantExternalIdOf(row.product_id, row.product_attribute_id),
    sku: row.product_reference.trim() || null,
    name: row.product_name.trim() || `product ${row.product_id}`,
    quantity,
    unitPriceTaxExcl,
    unitPriceTaxIncl,
  }));
  if (positive(money.shippingTaxIncl) || positive(money.shippingTaxExcl)) {
    lines.push({
      kind: 'shipping',
      variantId: lookups.shippingProduct?.variantId ?? null,
      sku: lookups.shippingProduct?.sku ?? null,
      name: carrier === undefined ? 'Shipping' : `Shipping: ${carrier.name}`,
      quantity: 1,
      unitPriceTaxExcl: money.shippingTaxExcl,
      unitPriceTaxIncl: money.shippingTaxIncl,
    });
  }
  if (positive(money.discountsTaxIncl) || positive(money.discountsTaxExcl)) {
    lines.push({
      kind: 'discount',
      name: 'Discounts',
      quantity: 1,
      unitPriceTaxExcl: Decimal.from(money.discountsTaxExcl).neg().toString(),
      unitPriceTaxIncl: Decimal.from(money.discountsTaxIncl).neg().toString(),
    });
  }

  const totals = checkOrderTotals({
    rounding: { mode: Number(order.round_mode), type: Number(order.round_type), places: currency.places },
    rows: rows.map((row) => ({ quantity: row.quantity, unitPriceTaxIncl: row.unitPriceTaxIncl })),
    productsTaxIncl: money.productsTaxIncl,
    shippingTaxIncl: money.shippingTaxIncl,
    wrappingTaxIncl: money.wrappingTaxIncl,
    discountsTaxIncl: money.discountsTaxIncl,
    paidTaxIncl: money.paidTaxIncl,
  });

  const address = (id: string): ReturnType<typeof mapOrderAddress> => {
    const found = sources.addresses.get(Number(id));
    return found === undefined ? MISSING_ADDRESS : mapOrderAddress(found, lookups);
  };
  const customerId = Number(order.id_customer);
  const stateId = Number(order.current_state);
  const record: OrderRecord = {
    externalId: order.id,
    reference: order.reference.trim() || null,
    customerExternalId: customerId > 0 ? customerId : null,
    placedAt,
    updatedAt,
    billingAddress: address(order.id_address_invoice),
    deliveryAddress: address(order.id_address_delivery),
    currency: currency.iso,
    paymentModule: module || null,
    paymentLabel: order.payment.trim() || null,
    paymentMethod,
    carrierId: carrier?.reference ?? (Number(order.id_carrier) || null),
    shippingMethod,
    totals: {
      productsTaxExcl: money.productsTaxExcl,
      productsTaxIncl: money.productsTaxIncl,
      shippingTaxExcl: money.shippingTaxExcl,
      shippingTaxIncl: money.shippingTaxIncl,
      discountsTaxExcl: money.discountsTaxExcl,
      discountsTaxIncl: money.discountsTaxIncl,
      paidTaxExcl: money.paidTaxExcl,
      paidTaxIncl: money.paidTaxIncl,
      paid: money.paid,
    },
    totalsMismatch: !totals.ok,
    storeStateId: stateId > 0 ? stateId : null,
    lines,
    stateHistory: [...sources.history]
      .sort((a, b) => a.id - b.id)
      .map((entry) => ({
        externalId: entry.id,
        stateId: Number(entry.id_order_state),
        stateName: lookups.orderStateName(Number(entry.id_order_state)),
        changedAt: storeDate(entry.date_add, `order_histories ${entry.id} date_add`) ?? entry.date_add,
      })),
    messages: [...sources.messages]
      .sort((a, b) => a.id - b.id)
      .map((message) => ({
        externalId: message.id,
        author: message.byEmployee ? 'employee' : 'customer',
        body: message.body,
        private: message.private,
        writtenAt:
          storeDate(message.writtenAt, `customer_messages ${message.id} date_add`) ?? message.writtenAt,
      })),
    // 1.6 orders have no note.
    note: (order.note ?? '').trim() || null,
  };
  return { ok: true, record, totals, notices };
}
