/**
 * What automation actions answer, the same shapes whether the data came from the store or from the
 * hub's copy of it (`source` says which). Ids are the store's ids: what a workflow passes on to the
 * next action (get an order, set its state). Money is a decimal string with 6 places, dates UTC ISO
 * instants (the store's local dates converted with its time zone).
 */

/** Where an answer's data came from: the store, live, or the hub's copy of it. */
export type ActionSource = 'store' | 'hub';

export interface ActionProduct {
  /** The store's product id. */
  readonly id: number;
  readonly reference: string | null;
  /** In the store's default language. */
  readonly name: string;
  /** Base price excl. tax. */
  readonly price: string;
  readonly active: boolean;
  /** The store's `date_upd` (as the hub last read it, with `source: 'hub'`). */
  readonly updatedAt: string | null;
}

export interface ActionOrderLine {
  /** The store's product id (null: the hub does not know the product under this store). */
  readonly productId: number | null;
  /** The store's combination id, 0 for a product without combinations. */
  readonly combinationId: number | null;
  readonly reference: string | null;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceTaxExcl: string;
  readonly unitPriceTaxIncl: string;
}

export interface ActionOrder {
  /** The store's order id. */
  readonly id: number;
  readonly reference: string | null;
  /** The store's customer id. */
  readonly customerId: number | null;
  /** The store's order state id (`current_state`). */
  readonly stateId: number | null;
  /** ISO 4217 code. */
  readonly currency: string | null;
  readonly totalPaidTaxIncl: string;
  readonly totalPaidTaxExcl: string;
  readonly placedAt: string | null;
  readonly updatedAt: string | null;
  readonly lines: readonly ActionOrderLine[];
}

export interface ActionCustomer {
  /** The store's customer id. */
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly active: boolean;
  readonly newsletter: boolean;
  readonly updatedAt: string | null;
}

export interface ActionCartLine {
  readonly productId: number;
  readonly combinationId: number;
  readonly quantity: number;
}

export interface ActionCart {
  /** The store's cart id. */
  readonly id: number;
  /** The store's customer id (null for a guest's cart). */
  readonly customerId: number | null;
  /** The order placed from the cart, null when none: an abandoned cart, once idle long enough. */
  readonly orderId: number | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly lines: readonly ActionCartLine[];
}

/** One page of a listing: at most `limit` items, and the cursor of the next page (null: the last). */
export interface ActionPage<T> {
  readonly source: ActionSource;
  readonly items: readonly T[];
  /**
   * Pass it as `cursor` to read on; null when this page was the last. A page may hold fewer than
   * `limit` items and still have a next one (abandoned carts are sifted from the store's carts).
   */
  readonly next: string | null;
  readonly limit: number;
}

/** One record. */
export interface ActionItem<T> {
  readonly source: ActionSource;
  readonly item: T;
}

/** How a listing pages. */
export interface ActionPaging {
  /** From a previous page's `next`. */
  readonly cursor?: string;
  /** Items per page, 1 to {@link MAX_ACTION_LIMIT} (default {@link DEFAULT_ACTION_LIMIT}). */
  readonly limit?: number;
  /** Default `store`. */
  readonly source?: ActionSource;
}

/** An inclusive window on the store's `date_upd`, as instants (ISO 8601 with a zone, or Dates). */
export interface UpdatedWindow {
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
}

export const DEFAULT_ACTION_LIMIT = 50;
/** The page ceiling a caller may raise `limit` to. */
export const MAX_ACTION_LIMIT = 500;
