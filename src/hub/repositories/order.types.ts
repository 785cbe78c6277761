import type { DecimalInput } from '../decimal.js';
import type { StoreDate } from '../store-time.js';
import type { UpsertResult } from './catalog.types.js';

/** The hub's own status of an order (the store has its own state beside it). */
export type HubOrderStatus = 'pending_approval' | 'approved' | 'partially_shipped' | 'shipped' | 'cancelled';

export const HUB_ORDER_STATUSES: readonly HubOrderStatus[] = [
  'pending_approval',
  'approved',
  'partially_shipped',
  'shipped',
  'cancelled',
];

/**
 * Orders in these statuses reserve stock: every open order (waiting for approval, approved, partially
 * shipped) until it is shipped or cancelled. An order waiting for approval reserves too: the store
 * took its units out of its own quantity when the order was placed, and the initial stock import
 * counts them as on hand — were they not reserved, the hub would push them back to the store as
 * sellable and the store would sell them twice.
 */
export const RESERVING_STATUSES: readonly HubOrderStatus[] = [
  'pending_approval',
  'approved',
  'partially_shipped',
];

/** An address as it was on the order (a copy: later edits of the customer's address do not change it). */
export interface OrderAddress {
  readonly firstName: string;
  readonly lastName: string;
  readonly company?: string | null;
  readonly address1: string;
  readonly address2?: string | null;
  readonly postcode?: string | null;
  readonly city: string;
  readonly state?: string | null;
  readonly countryIso?: string | null;
  readonly phone?: string | null;
  readonly phoneMobile?: string | null;
  readonly vatNumber?: string | null;
}

/** `shipping`: the shipping cost as a line (on the store's `shippingCostProduct`). */
export type OrderLineKind = 'product' | 'shipping' | 'discount';

export interface OrderLineRecord {
  readonly kind?: OrderLineKind;
  /** The store's variant id (`<product>:<combination>`), resolved through the store's bindings. */
  readonly variantExternalId?: string | number | null;
  /** A hub variant directly (e.g. the shipping-cost product); wins over `variantExternalId`. */
  readonly variantId?: number | null;
  readonly sku?: string | null;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceTaxExcl: DecimalInput;
  readonly unitPriceTaxIncl: DecimalInput;
  readonly discountTaxExcl?: DecimalInput;
  readonly discountTaxIncl?: DecimalInput;
  /** Percent. */
  readonly taxRate?: DecimalInput | null;
}

/** Totals exactly as the store computed them. */
export interface OrderTotalsRecord {
  readonly productsTaxExcl: DecimalInput;
  readonly productsTaxIncl: DecimalInput;
  readonly shippingTaxExcl: DecimalInput;
  readonly shippingTaxIncl: DecimalInput;
  readonly discountsTaxExcl: DecimalInput;
  readonly discountsTaxIncl: DecimalInput;
  readonly paidTaxExcl: DecimalInput;
  readonly paidTaxIncl: DecimalInput;
  /** The store's `total_paid`. */
  readonly paid: DecimalInput;
}

export interface OrderRecord {
  readonly externalId: string | number;
  readonly reference?: string | null;
  readonly customerExternalId?: string | number | null;
  /** The store's `date_add`, local time (`YYYY-MM-DD HH:mm:ss`); converted with the store's time zone. */
  readonly placedAt: string;
  /** The store's `date_upd`, local time. */
  readonly updatedAt?: string | null;
  readonly billingAddress: OrderAddress;
  readonly deliveryAddress: OrderAddress;
  /** ISO 4217 code. */
  readonly currency: string;
  readonly paymentModule?: string | null;
  readonly paymentLabel?: string | null;
  /** Payment-method code (from the store's `payments` mapping). */
  readonly paymentMethod?: string | null;
  /** The store carrier's reference id. */
  readonly carrierId?: string | number | null;
  /** Shipping-method code (from the store's `carriers` mapping). */
  readonly shippingMethod?: string | null;
  readonly totals: OrderTotalsRecord;
  readonly storeStateId?: number | null;
  readonly lines: readonly OrderLineRecord[];
  readonly stateHistory?: readonly {
    readonly externalId: string | number;
    readonly stateId: number;
    readonly stateName?: string | null;
    /** Local time. */
    readonly changedAt: string;
  }[];
  readonly messages?: readonly {
    readonly externalId: string | number;
    readonly author: 'customer' | 'employee';
    readonly body: string;
    readonly private?: boolean;
    /** Local time. */
    readonly writtenAt: string;
  }[];
  readonly note?: string | null;
  /**
   * The feed's verdict on the store's totals, checked with the store's own rounding (mode and
   * per-item / per-line / per-total type). Omitted: the hub recomputes with half-up rounding to cents.
   */
  readonly totalsMismatch?: boolean;
  /** Status of a newly imported order (default `pending_approval`); later imports never change the hub status. */
  readonly initialStatus?: 'pending_approval' | 'approved';
}

export interface OrderUpsertResult extends UpsertResult {
  /** Orders whose store totals differ from a recomputation from their lines (kept as the store sent them). */
  readonly totalsMismatches: readonly string[];
}

export interface OrderTotals {
  readonly productsTaxExcl: string;
  readonly productsTaxIncl: string;
  readonly shippingTaxExcl: string;
  readonly shippingTaxIncl: string;
  readonly discountsTaxExcl: string;
  readonly discountsTaxIncl: string;
  readonly paidTaxExcl: string;
  readonly paidTaxIncl: string;
  readonly paid: string;
}

export interface OrderLine {
  readonly id: number;
  readonly lineNo: number;
  readonly kind: OrderLineKind;
  readonly variantId: number | null;
  readonly sku: string | null;
  readonly name: string;
  readonly quantity: number;
  readonly quantityShipped: number;
  readonly unitPriceTaxExcl: string;
  readonly unitPriceTaxIncl: string;
  readonly discountTaxExcl: string;
  readonly discountTaxIncl: string;
  readonly taxRate: string | null;
}

export interface OrderSummary {
  readonly id: number;
  readonly storeId: number;
  /** The store's order id. */
  readonly externalId: string | null;
  readonly reference: string | null;
  readonly customerId: number | null;
  readonly customerName: string | null;
  readonly currency: string;
  readonly totalPaidTaxIncl: string;
  readonly totalsMismatch: boolean;
  /** Product lines (shipping and discount lines not counted). */
  readonly lineCount: number;
  readonly storeStateId: number | null;
  readonly hubStatus: HubOrderStatus;
  readonly placedAt: StoreDate;
}

export interface ShipmentLine {
  readonly orderLineId: number;
  readonly quantity: number;
}

export interface Shipment {
  readonly id: number;
  readonly orderId: number;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
  readonly trackingUrl: string | null;
  /** Whether this shipment completed the order. */
  readonly complete: boolean;
  readonly shippedAt: string;
  readonly lines: readonly ShipmentLine[];
}

export interface Order extends OrderSummary {
  readonly billingAddress: OrderAddress;
  readonly deliveryAddress: OrderAddress;
  readonly paymentModule: string | null;
  readonly paymentLabel: string | null;
  readonly paymentMethod: string | null;
  readonly carrierId: string | null;
  readonly shippingMethod: string | null;
  /** The sales location the order was taken at: its store's `defaults.salesLocation` when imported. */
  readonly salesLocation: string | null;
  readonly totals: OrderTotals;
  readonly note: string | null;
  readonly storeUpdatedAt: StoreDate | null;
  readonly lines: readonly OrderLine[];
  readonly messages: readonly {
    readonly author: string;
    readonly body: string;
    readonly private: boolean;
    readonly writtenAt: string;
  }[];
  readonly stateHistory: readonly {
    readonly stateId: number;
    readonly stateName: string | null;
    readonly changedAt: string;
    readonly changedAtLocal: string | null;
  }[];
  readonly shipments: readonly Shipment[];
}

export interface OrderListQuery {
  readonly storeId?: number;
  readonly status?: HubOrderStatus;
  /** The store's current state id. */
  readonly storeStateId?: number;
  /** Placed at or after this instant (ISO). */
  readonly placedFrom?: string;
  /** Placed before this instant (ISO, exclusive). */
  readonly placedTo?: string;
  /** Last changed in the store (its `date_upd`) at or after this instant (ISO). */
  readonly updatedFrom?: string;
  /** Last changed in the store before this instant (ISO, exclusive). */
  readonly updatedTo?: string;
  /** The customer: hub id (digits), e-mail (with `@`), else the start of the last name (any case). */
  readonly customer?: string;
  /** The store's order reference, exactly (several orders of one cart may share it). */
  readonly reference?: string;
  /** Orders older than this id (newest first). */
  readonly beforeId?: number;
  readonly limit?: number;
}

/** Where a store order stands in the hub: its hub id, hub status and last known store state. */
export interface OrderStanding {
  readonly orderId: number;
  readonly hubStatus: HubOrderStatus;
  readonly storeStateId: number | null;
}

/** An order remembered for re-checking because its store state may still move (a `retry` state). */
export interface OrderRetry {
  readonly storeId: number;
  readonly externalOrderId: string;
  readonly stateId: number;
  readonly attempts: number;
  readonly nextCheckAt: string;
}
