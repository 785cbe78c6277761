import type { AbandonedCartInput, Store } from '../../hub/index.js';
import { filter, type PsRecord } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { Feed, FeedContext, FeedOptions, FeedOptionSpec } from '../feed.js';
import { FeedPreconditionError } from '../feed-errors.js';
import { sweepByDateUpd } from '../orders/date-upd-sweep.js';
import { markText, storeLocalBound } from '../orders/order-feed-options.js';
import { StoreDates } from '../store-dates.js';
import { ordersOfCarts } from './cart-orders.js';

export const WATCH_CARTS = 'watch-carts';

/** Carts per request (each page of carts costs one more request for their orders). */
export const DEFAULT_CART_PAGE = 250;
const MAX_CART_PAGE = 1000;

const CART_OPTIONS: readonly FeedOptionSpec[] = [
  {
    name: 'pageSize',
    flag: 'page-size',
    kind: 'integer',
    description: `Carts per request (default ${DEFAULT_CART_PAGE}); smaller pages suit slow or limited hosts.`,
  },
  {
    name: 'since',
    flag: 'since',
    kind: 'date',
    description:
      'Look at the carts changed since this store-local date (2026-01-31 or 2026-01-31T08:00) instead of where the last run stopped; carts already reported are not reported again.',
  },
];

/** Why the feed does not run for a store: the setting that turns it on is empty. */
function whyNotReady(store: Store): string | null {
  if (store.settings.automation.cartAbandonedAfterMinutes !== null) return null;
  return (
    `Abandoned carts are not watched for store '${store.name}': ` +
    `\`prestabridge stores set ${store.name} automation.cartAbandonedAfterMinutes=60\` turns it on.`
  );
}

function cartPageSize(options: FeedOptions): number {
  const value = options.pageSize;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_CART_PAGE
    ? value
    : DEFAULT_CART_PAGE;
}

/**
 * watch-carts: writes one `cart.abandoned` event for each customer's cart of the store that no order
 * was placed from and that nobody touched for `automation.cartAbandonedAfterMinutes`. PrestaShop has
 * no webhooks: the store's carts are polled.
 *
 * Each run reads the carts with a customer (`filter[id_customer]=>[0]`: a guest's cart has no one to
 * write to) whose `date_upd` lies between the watermark and the cut-off — now less the idle time,
 * in the store's time zone — in pages of full carts, oldest change first (the keyset sweep of
 * update-orders), and the orders placed from each page's carts in one more request
 * (`filter[id_cart]`, never one request per cart). A cart changed after the cut-off is not idle
 * long enough yet: the watermark stops at the cut-off, so a later run reads it. A cart with no
 * product is not reported.
 *
 * Each report is remembered in the hub (`abandoned_carts`, with the cart's `date_upd`) in the
 * transaction that writes its event: a cart is reported once, and again only if the shopper changed
 * it since (another `date_upd`) and left it idle again. The first run starts at its own cut-off
 * (carts left before the feature was turned on are not reported), unless `--since` says otherwise.
 *
 * Watermark `{ dateUpd }`: store-local text, the cut-off of the last run that finished (or the last
 * change of the last page committed, when a run was stopped).
 */
export const watchCartsFeed: Feed = {
  name: WATCH_CARTS,
  description:
    "Write a cart.abandoned event for each customer's cart with no order left untouched longer than automation.cartAbandonedAfterMinutes.",
  direction: 'import',
  cadence: 'frequency',
  needs: [
    { resource: 'carts', verb: 'GET' },
    { resource: 'orders', verb: 'GET' },
  ],
  writes: ['abandoned carts', 'cart.abandoned events'],
  options: CART_OPTIONS,
  notReady: whyNotReady,
  async run(ctx) {
    const { store, hub, options } = ctx;
    const idleMinutes = store.settings.automation.cartAbandonedAfterMinutes;
    const notReady = whyNotReady(store);
    if (idleMinutes === null || notReady !== null) throw new FeedPreconditionError(notReady ?? '');
    const dates = StoreDates.of(store);
    const now = ctx.now();
    const cutoff = dates.toLocal(new Date(now.getTime() - idleMinutes * 60_000));
    const since = typeof options.since === 'string' ? storeLocalBound(options.since, false) : undefined;
    const mark = markText((await hub.watermarks.get(store.id, WATCH_CARTS))?.value, 'dateUpd');
    const from = since ?? mark;
    if (from === undefined) {
      // A store that turns the feature on is not flooded with the carts of its past.
      await ctx.commit((tx) => tx.watermarks.set(store.id, WATCH_CARTS, { dateUpd: cutoff }));
      ctx.notice({
        kind: 'first-run',
        key: WATCH_CARTS,
        message:
          `Carts of store '${store.name}' are watched from now on: carts last changed before ${cutoff} (store time) ` +
          `are not reported. \`prestabridge sync run ${WATCH_CARTS} --store ${store.name} --since DATE\` looks further back.`,
      });
      return;
    }
    const watcher = new CartWatcher(ctx, dates, now);
    await ctx.progress({ step: 'carts', done: 0 });
    let reached = mark ?? from;
    if (from <= cutoff) {
      const sweep = sweepByDateUpd(ctx.client, 'carts', {
        from,
        pageSize: cartPageSize(options),
        where: { id_customer: filter.gt(0) },
      });
      for await (const page of sweep) {
        ctx.throwIfStopped();
        // Sorted by date_upd: the carts after the cut-off close the sweep (they are read next time).
        const due = page.filter((cart) => scalar(cart.date_upd) <= cutoff);
        const last = scalar(due.at(-1)?.date_upd);
        if (last > reached) reached = last;
        if (due.length > 0) await watcher.commitPage(due, reached);
        if (due.length < page.length) break;
      }
    }
    // Every customer's cart changed up to the cut-off was looked at: the next run starts there.
    if (cutoff > reached) reached = cutoff;
    await ctx.commit((tx) => tx.watermarks.set(store.id, WATCH_CARTS, { dateUpd: reached }));
  },
};

/** Decides, for each page of carts, which are newly abandoned, and writes their events. */
class CartWatcher {
  readonly #ctx: FeedContext;
  readonly #dates: StoreDates;
  /** The run's start: how long each cart has been idle is measured from it. */
  readonly #now: Date;

  constructor(ctx: FeedContext, dates: StoreDates, now: Date) {
    this.#ctx = ctx;
    this.#dates = dates;
    this.#now = now;
  }

  /** Reports the page's abandoned carts and moves the watermark to `dateUpd`, in one transaction. */
  async commitPage(carts: readonly PsRecord[], dateUpd: string): Promise<void> {
    const ctx = this.#ctx;
    const orders = await ordersOfCarts(
      ctx.client,
      carts.map((cart) => cart.id),
    );
    await ctx.commit(async (tx, tally) => {
      const known = await tx.abandonedCarts.reported(
        ctx.store.id,
        carts.map((cart) => cart.id),
      );
      const fresh: AbandonedCartInput[] = [];
      for (const cart of carts) {
        const storeDateUpd = scalar(cart.date_upd);
        const customerId = Number(scalar(cart.id_customer));
        const updatedAt = this.#dates.toInstant(storeDateUpd);
        if (orders.has(cart.id) || !hasProducts(cart) || known.get(cart.id)?.storeDateUpd === storeDateUpd) {
          tally.unchanged();
        } else if (!(customerId > 0) || updatedAt === null) {
          tally.skipped(cart.id, `no customer or no date_upd ('${storeDateUpd}')`);
        } else {
          const idle = Math.floor((this.#now.getTime() - Date.parse(updatedAt)) / 60_000);
          fresh.push({
            cartId: cart.id,
            customerId,
            storeDateUpd,
            storeUpdatedAt: updatedAt,
            idleMinutes: idle,
          });
        }
      }
      await tx.abandonedCarts.report(ctx.store.id, fresh);
      tally.created(fresh.length);
      await tx.watermarks.set(ctx.store.id, WATCH_CARTS, { dateUpd });
    });
    await ctx.progress({ done: carts.length, increment: true });
  }
}

/** Whether a store cart holds at least one product (`cart_rows`). */
function hasProducts(cart: PsRecord): boolean {
  const rows = (cart.associations as { cart_rows?: readonly unknown[] } | undefined)?.cart_rows;
  return Array.isArray(rows) && rows.length > 0;
}
