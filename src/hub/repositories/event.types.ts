/**
 * The hub's events: what happened in the hub or a store, written in the same transaction as the
 * change that caused it. Types are stable names (`order.updated`); their data shapes are below and,
 * as JSON schemas, in the API's OpenAPI document (src/automation/event-catalogue.ts).
 */
export const HUB_EVENT_TYPES = [
  'order.created',
  'order.updated',
  'order.state_changed',
  'order.shipped',
  'order.cancelled',
  'customer.created',
  'customer.updated',
  'product.updated',
  'stock.changed',
  'stock.low',
  'cart.abandoned',
  'run.failed',
  'store.unreachable',
  'webhook.failing',
] as const;

export type HubEventType = (typeof HUB_EVENT_TYPES)[number];

/** An order as events carry it: the store's totals as decimal strings, never floats. */
export interface OrderEventData {
  readonly orderId: number;
  readonly storeId: number;
  readonly externalId: string;
  readonly reference: string | null;
  readonly storeStateId: number | null;
  readonly hubStatus: string;
  readonly currency: string;
  readonly totalPaidTaxIncl: string;
  readonly totalPaidTaxExcl: string;
  readonly totalProductsTaxIncl: string;
  readonly totalShippingTaxIncl: string;
  /** The store's `date_add` and `date_upd` as instants (ISO 8601 UTC). */
  readonly placedAt: string;
  readonly storeUpdatedAt: string | null;
  readonly customerExternalId: string | null;
  readonly lines: readonly {
    readonly sku: string | null;
    readonly name: string;
    readonly quantity: number;
    readonly unitPriceTaxIncl: string;
  }[];
}

/** `order.updated`: what changed in the store (`state`, `totals`, `lines`, `other`: addresses, messages…). */
export interface OrderUpdatedEventData extends OrderEventData {
  readonly changes: readonly ('state' | 'totals' | 'lines' | 'other')[];
}

export interface OrderStateChangedEventData extends OrderEventData {
  readonly previousStateId: number | null;
}

/** `order.shipped` (the hub's status became shipped) and `order.cancelled`. */
export interface OrderStatusEventData {
  readonly orderId: number;
  readonly storeId: number;
  readonly externalId: string | null;
  readonly reference: string | null;
  readonly previousStatus: string;
  readonly hubStatus: string;
}

export interface CustomerEventData {
  readonly customerId: number;
  readonly storeId: number;
  readonly externalId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string | null;
  readonly newsletter: boolean;
  readonly active: boolean;
}

export interface ProductEventData {
  readonly productId: number;
  readonly storeId: number;
  readonly externalId: string;
  readonly created: boolean;
  readonly name: string;
  readonly reference: string | null;
  readonly variantCount: number;
}

/** `stock.changed` and `stock.low`: a variant's sellable quantity in a store. */
export interface StockEventData {
  readonly storeId: number;
  readonly variantId: number;
  /** The store's id for the variant (`<product>:<combination>`). */
  readonly externalId: string;
  readonly previousQuantity: number;
  readonly quantity: number;
  /** `stock.low` only: the store's `automation.stockLowThreshold`. */
  readonly threshold?: number | undefined;
}

export interface CartAbandonedEventData {
  readonly storeId: number;
  readonly cartExternalId: string;
  readonly customerExternalId: string;
  readonly storeUpdatedAt: string;
  readonly idleMinutes: number;
}

export interface RunFailedEventData {
  readonly runId: number;
  readonly storeId: number | null;
  readonly feed: string;
  readonly error: string;
  readonly finishedAt: string;
}

export interface StoreUnreachableEventData {
  readonly storeId: number;
  readonly runId: number;
  readonly feed: string;
  readonly error: string;
}

export interface WebhookFailingEventData {
  readonly subscriptionId: number;
  readonly url: string;
  readonly webhookId: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly failingSince: string;
}

/** The data of each event type. */
export interface HubEventDataMap {
  'order.created': OrderEventData;
  'order.updated': OrderUpdatedEventData;
  'order.state_changed': OrderStateChangedEventData;
  'order.shipped': OrderStatusEventData;
  'order.cancelled': OrderStatusEventData;
  'customer.created': CustomerEventData;
  'customer.updated': CustomerEventData;
  'product.updated': ProductEventData;
  'stock.changed': StockEventData;
  'stock.low': StockEventData;
  'cart.abandoned': CartAbandonedEventData;
  'run.failed': RunFailedEventData;
  'store.unreachable': StoreUnreachableEventData;
  'webhook.failing': WebhookFailingEventData;
}

/** An event to write. `subject` names what it is about (`order:12`, `variant:3@store:1`). */
export type EventInput = {
  [T in HubEventType]: {
    readonly type: T;
    readonly storeId: number | null;
    readonly subject: string;
    readonly data: HubEventDataMap[T];
  };
}[HubEventType];

export interface HubEvent {
  readonly id: number;
  readonly type: HubEventType;
  readonly storeId: number | null;
  readonly subject: string;
  readonly data: unknown;
  /** ISO 8601 UTC. */
  readonly occurredAt: string;
}

export interface EventListQuery {
  readonly afterId?: number;
  readonly beforeId?: number;
  readonly types?: readonly HubEventType[];
  readonly storeId?: number;
  readonly limit?: number;
}
