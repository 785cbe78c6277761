import { bulkInsert, chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { type HubContext, nowIso, write } from '../hub-context.js';
import { appendEvents } from './event.repository.js';
import type { EventInput } from './event.types.js';

/** A store cart found abandoned: a customer's, no order placed from it, idle long enough. */
export interface AbandonedCartInput {
  /** The store's cart id. */
  readonly cartId: number;
  /** The store's customer id (never 0: a guest's cart is not reported). */
  readonly customerId: number;
  /** The cart's `date_upd`, as the store wrote it (store-local text). */
  readonly storeDateUpd: string;
  /** The same instant, ISO 8601 UTC. */
  readonly storeUpdatedAt: string;
  /** Whole minutes the cart had been idle when it was found. */
  readonly idleMinutes: number;
}

/** A cart the hub reported, with the `date_upd` it had then. */
export interface ReportedCart {
  readonly cartId: number;
  readonly storeDateUpd: string;
  readonly eventId: number;
}

/**
 * The store carts reported abandoned (the `watch-carts` feed). Each report writes its
 * `cart.abandoned` event in the same transaction as the row that remembers it: no event without the
 * memory that stops a second one, no memory without its event. A cart is reported again only when it
 * changed in the store since (another `date_upd`) and was abandoned again.
 *
 * @example
 * await hub.transaction(async (tx) => {
 *   const known = await tx.abandonedCarts.reported(storeId, [41, 42]);
 *   await tx.abandonedCarts.report(storeId, fresh.filter((cart) => known.get(cart.cartId)?.storeDateUpd !== cart.storeDateUpd));
 * });
 */
export class AbandonedCartRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /** The carts among `cartIds` already reported for the store, by cart id. */
  async reported(storeId: number, cartIds: readonly number[]): Promise<Map<number, ReportedCart>> {
    const found = new Map<number, ReportedCart>();
    for (const chunk of chunked([...new Set(cartIds)], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('abandoned_carts')
        .select(['cart_id', 'store_date_upd', 'event_id'])
        .where('store_id', '=', storeId)
        .where(inList(this.#ctx.engine.kind, 'cart_id', chunk))
        .execute();
      for (const row of rows)
        found.set(row.cart_id, {
          cartId: row.cart_id,
          storeDateUpd: row.store_date_upd,
          eventId: row.event_id,
        });
    }
    return found;
  }

  /**
   * Writes one `cart.abandoned` event per cart and remembers each cart with its `date_upd` (replacing
   * an earlier report of the same cart), in the caller's transaction.
   * @returns the events' ids, in the order given.
   */
  async report(storeId: number, carts: readonly AbandonedCartInput[]): Promise<number[]> {
    if (carts.length === 0) return [];
    return write(this.#ctx, async (db) => {
      const events: EventInput[] = carts.map((cart) => ({
        type: 'cart.abandoned',
        storeId,
        subject: `cart:${cart.cartId}@store:${storeId}`,
        data: {
          storeId,
          cartExternalId: String(cart.cartId),
          customerExternalId: String(cart.customerId),
          storeUpdatedAt: cart.storeUpdatedAt,
          idleMinutes: cart.idleMinutes,
        },
      }));
      const eventIds = await appendEvents(this.#ctx, db, events);
      const now = nowIso(this.#ctx);
      await bulkInsert(
        db,
        this.#ctx.engine,
        'abandoned_carts',
        carts.map((cart, index) => ({
          store_id: storeId,
          cart_id: cart.cartId,
          customer_id: cart.customerId,
          store_date_upd: cart.storeDateUpd,
          event_id: eventIds[index],
          reported_at: now,
        })),
        {
          conflict: ['store_id', 'cart_id'],
          update: ['customer_id', 'store_date_upd', 'event_id', 'reported_at'],
        },
      );
      return eventIds;
    });
  }
}
