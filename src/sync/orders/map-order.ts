import { Decimal, type OrderLineRecord, type OrderRecord } from '../../hub/index.js';
import type { PsAddress, PsOrder, PsOrderHistory } from '../../webservice/index.js';
import type { FeedNotice } from '../feed.js';
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

function positive(value: string | undefined): boolean {
  const decimal = Decimal.tryParse(value ?? '');
  return decimal !== undefined && decimal.sign() > 0;
}

function money(value: string | undefined): string {
  return Decimal.tryParse((value ?? '').trim() || '0')?.toString() ?? '0';
}

/**
 * A store order as the hub keeps it: the store's totals exactly, lines (variants by binding id),
 * the shipping cost as a line (on `shippingCostProduct`, else without product), the discounts as
 * one negative line, addresses as they are on the order, carrier and payment mapped to the hub's
 * shipping and payment methods (an unmapped value is reported with the setting to add), state
 * history and customer messages. Pure: every lookup is given.
 *
 * @example
 * const mapped = mapOrder({ order, addresses, history, messages }, lookups);
 * if (mapped.ok) await tx.orders.upsertOrders(store.id, [mapped.record]);
 */
export function mapOrder(sources: OrderSources, lookups: OrderMappingLookups): MappedOrder {
  const { order } = sources;
  const fail = (reason: string): MappedOrder => ({ ok: false, orderId: order.id, reason });
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
        message: `Setting carriers.${carrier.reference} names shipping method '${code}', which the hub does not have: create it, or change the mapping.`,
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
        message: `Setting payments.${module} names payment method '${code}', which the hub does not have: create it, or change the mapping.`,
      });
    } else paymentMethod = code;
  }

  const rows = order.associations?.order_rows ?? [];
  const lines: OrderLineRecord[] = rows.map((row) => ({
    kind: 'product',
    variantExternalId: variantExternalIdOf(row.product_id, row.product_attribute_id),
    sku: row.product_reference.trim() || null,
    name: row.product_name.trim() || `product ${row.product_id}`,
    quantity: Number(row.product_quantity),
    unitPriceTaxExcl: money(row.unit_price_tax_excl),
    unitPriceTaxIncl: money(row.unit_price_tax_incl),
  }));
  if (positive(order.total_shipping_tax_incl) || positive(order.total_shipping_tax_excl)) {
    lines.push({
      kind: 'shipping',
      variantId: lookups.shippingProduct?.variantId ?? null,
      sku: lookups.shippingProduct?.sku ?? null,
      name: carrier === undefined ? 'Shipping' : `Shipping: ${carrier.name}`,
      quantity: 1,
      unitPriceTaxExcl: money(order.total_shipping_tax_excl),
      unitPriceTaxIncl: money(order.total_shipping_tax_incl),
    });
  }
  if (positive(order.total_discounts_tax_incl) || positive(order.total_discounts_tax_excl)) {
    lines.push({
      kind: 'discount',
      name: 'Discounts',
      quantity: 1,
      unitPriceTaxExcl: Decimal.from(money(order.total_discounts_tax_excl)).neg().toString(),
      unitPriceTaxIncl: Decimal.from(money(order.total_discounts_tax_incl)).neg().toString(),
    });
  }

  const totals = checkOrderTotals({
    rounding: { mode: Number(order.round_mode), type: Number(order.round_type), places: currency.places },
    rows: rows.map((row) => ({
      quantity: Number(row.product_quantity),
      unitPriceTaxIncl: money(row.unit_price_tax_incl),
    })),
    productsTaxIncl: money(order.total_products_wt),
    shippingTaxIncl: money(order.total_shipping_tax_incl),
    wrappingTaxIncl: money(order.total_wrapping_tax_incl),
    discountsTaxIncl: money(order.total_discounts_tax_incl),
    paidTaxIncl: money(order.total_paid_tax_incl),
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
    placedAt: order.date_add,
    updatedAt: order.date_upd,
    billingAddress: address(order.id_address_invoice),
    deliveryAddress: address(order.id_address_delivery),
    currency: currency.iso,
    paymentModule: module || null,
    paymentLabel: order.payment.trim() || null,
    paymentMethod,
    carrierId: carrier?.reference ?? (Number(order.id_carrier) || null),
    shippingMethod,
    totals: {
      productsTaxExcl: money(order.total_products),
      productsTaxIncl: money(order.total_products_wt),
      shippingTaxExcl: money(order.total_shipping_tax_excl),
      shippingTaxIncl: money(order.total_shipping_tax_incl),
      discountsTaxExcl: money(order.total_discounts_tax_excl),
      discountsTaxIncl: money(order.total_discounts_tax_incl),
      paidTaxExcl: money(order.total_paid_tax_excl),
      paidTaxIncl: money(order.total_paid_tax_incl),
      paid: money(order.total_paid),
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
        changedAt: entry.date_add,
      })),
    messages: [...sources.messages]
      .sort((a, b) => a.id - b.id)
      .map((message) => ({
        externalId: message.id,
        author: message.byEmployee ? 'employee' : 'customer',
        body: message.body,
        private: message.private,
        writtenAt: message.writtenAt,
      })),
    // 1.6 orders have no note.
    note: (order.note ?? '').trim() || null,
  };
  return { ok: true, record, totals, notices };
}
