import { ordersOfCarts } from '../../sync/index.js';
import { filter, type PsFilter, type PsRecord } from '../../webservice/index.js';
import { type ActionContext, withStoreClient } from './action-context.js';
import { decodeCursor } from './action-cursor.js';
import { ActionInputError } from './action-errors.js';
import { actionPage, pageLimit } from './action-paging.js';
import type { ActionCart, ActionPage, ActionPaging, UpdatedWindow } from './action-types.js';
import { storeId, storeInstant, text } from './action-values.js';
import { type CheckedWindow, checkWindow, storeDateFilter } from './action-window.js';
import { readStorePage } from './store-page-reader.js';

/** Filters of the cart listing. */
export interface CartFilters extends UpdatedWindow {
  /** The store's customer id. */
  readonly customerId?: number;
  /**
   * Only abandoned carts: a customer's carts (not a guest's) from which no order was placed, left
   * untouched for `idleMinutes`.
   */
  readonly abandoned?: boolean;
  /** How long a cart must be idle to count as abandoned (default {@link DEFAULT_IDLE_MINUTES}). */
  readonly idleMinutes?: number;
}

export const DEFAULT_IDLE_MINUTES = 60;

/** Carts read per request when only abandoned ones are kept. */
const SIFT_BATCH_MIN = 100;
const SIFT_BATCH_MAX = 501;

/**
 * Carts of a store, in id order, each with the order placed from it (null when none), filtered by
 * customer and `date_upd` window — or only the abandoned ones. Read from the store only (the hub
 * keeps no carts): one request for a page of carts and one for their orders (`filter[id_cart]`); when
 * only abandoned carts are asked for, carts are read 100 at a time (or `limit + 1`) until the page is
 * full (ten requests at most: a page may then hold fewer carts than `limit` and still have a `next`).
 *
 * @example
 * const { items } = await listCarts({ hub, store }, { abandoned: true, idleMinutes: 120 });
 */
export async function listCarts(
  ctx: ActionContext,
  filters: CartFilters,
  paging: ActionPaging = {},
): Promise<ActionPage<ActionCart>> {
  if (paging.source === 'hub') {
    throw new ActionInputError('The hub keeps no carts: read carts from the store (source=store).');
  }
  const limit = pageLimit(paging);
  const abandoned = filters.abandoned === true;
  const idleMinutes = filters.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  if (!Number.isInteger(idleMinutes) || idleMinutes < 0) {
    throw new ActionInputError(`idleMinutes must be a whole number of minutes ≥ 0, got ${idleMinutes}.`);
  }
  const window = checkWindow(filters);
  const said = {
    customerId: filters.customerId,
    abandoned,
    idleMinutes: abandoned ? idleMinutes : undefined,
    ...window,
  };
  const afterId = decodeCursor(paging.cursor, 'carts', said);
  const now = (ctx.clock ?? (() => new Date()))();
  const effective = abandoned ? idleWindow(window, now, idleMinutes) : window;
  // The window ends before it starts (it starts after the idle cut-off): no cart can be in it.
  const empty =
    effective.updatedFrom !== undefined &&
    effective.updatedTo !== undefined &&
    effective.updatedFrom > effective.updatedTo;
  if (empty) return actionPage('store', [], null, limit, 'carts', said);
  const storeFilters = cartFilters(ctx, filters, effective);
  return withStoreClient(ctx, 'listing carts', async (client) => {
    const page = await readStorePage({
      fetch: (after, count) =>
        client.list('carts', {
          display: 'full',
          filter: { ...storeFilters, id: filter.gt(after) },
          sort: 'id_ASC',
          limit: count,
        }),
      convert: async (records) => {
        const orders = await ordersOfCarts(
          client,
          records.map((record) => record.id),
        );
        return records.map((record) => {
          const cart = cartFromStore(ctx, record, orders.get(record.id) ?? null);
          return abandoned && cart.orderId !== null ? undefined : cart;
        });
      },
      afterId,
      limit,
      // Most carts of a shop become orders: abandoned ones are sifted from pages of at least 100.
      ...(abandoned ? { batchSize: Math.min(SIFT_BATCH_MAX, Math.max(limit + 1, SIFT_BATCH_MIN)) } : {}),
    });
    return actionPage('store', page.items, page.nextAfterId, limit, 'carts', said);
  });
}

/** An abandoned cart was last touched before `now − idle`: the window's end moves back to that. */
function idleWindow(window: CheckedWindow, now: Date, idleMinutes: number): CheckedWindow {
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  const end = window.updatedTo === undefined || window.updatedTo > idleSince ? idleSince : window.updatedTo;
  return { ...window, updatedTo: end };
}

function cartFilters(
  ctx: ActionContext,
  filters: CartFilters,
  window: CheckedWindow,
): Record<string, PsFilter> {
  const dates = storeDateFilter(ctx.store, window);
  const customer =
    filters.customerId !== undefined
      ? { id_customer: filters.customerId }
      : filters.abandoned === true
        ? { id_customer: filter.gt(0) }
        : {};
  return { ...customer, ...(dates === undefined ? {} : { date_upd: dates }) };
}

function cartFromStore(ctx: ActionContext, record: PsRecord, orderId: number | null): ActionCart {
  const rows = (record.associations as { cart_rows?: readonly PsRecord[] } | undefined)?.cart_rows ?? [];
  return {
    id: record.id,
    customerId: storeId(record, 'id_customer'),
    orderId,
    createdAt: storeInstant(text(record, 'date_add'), ctx.store.timeZone),
    updatedAt: storeInstant(text(record, 'date_upd'), ctx.store.timeZone),
    lines: rows.map((row) => ({
      productId: Number(text(row, 'id_product')),
      combinationId: Number(text(row, 'id_product_attribute')),
      quantity: Number(text(row, 'quantity')),
    })),
  };
}
