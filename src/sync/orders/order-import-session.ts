import type { HubTransaction } from '../../hub/index.js';
import type { PsOrder } from '../../webservice/index.js';
import type { FeedContext, PageTally } from '../feed.js';
import { loadOrderLookups, type OrderLookups } from './order-lookups.js';
import { type DecidedOrder, type OrderPagePlan, planOrderPage } from './order-page-plan.js';
import { readOrderPageSources } from './order-page-reader.js';
import { type OrderPageOutcome, writeOrderPlan } from './order-page-writer.js';
import { type FetchedProducts, OrderProductFetcher } from './order-products.js';
import type { OrderDecision } from './order-state-rules.js';

/** A page read and mapped, ready to be written in one transaction. */
export interface PreparedOrderPage {
  readonly orders: readonly PsOrder[];
  readonly plan: OrderPagePlan;
  readonly products: FetchedProducts;
}

const EMPTY_PLAN: OrderPagePlan = {
  orders: [],
  waiting: [],
  skipped: [],
  failed: [],
  customers: [],
  addresses: [],
  addressChoices: [],
  notices: [],
};

/** Totals mismatches reported one by one; beyond this many, only counted. */
const MISMATCH_NOTICES = 20;

/**
 * What the order feeds share within one run: the lookups (read at the first page that needs them),
 * the catalog fetch of products the hub does not know, reading and mapping a page, writing it, and
 * the totals mismatches reported at the end.
 */
export class OrderImportSession {
  readonly #ctx: FeedContext;
  readonly #products: OrderProductFetcher;
  #lookups: Promise<OrderLookups> | undefined;
  #mismatches = 0;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
    this.#products = new OrderProductFetcher(ctx);
  }

  lookups(): Promise<OrderLookups> {
    this.#lookups ??= loadOrderLookups(this.#ctx);
    return this.#lookups;
  }

  /**
   * Reads what the orders to import need (in bulk), fetches the products their lines name that the
   * hub lacks, and maps the page. `decide` says, per order, import, skip or retry.
   */
  async prepare(
    orders: readonly PsOrder[],
    decide: (order: PsOrder) => OrderDecision,
  ): Promise<PreparedOrderPage> {
    if (orders.length === 0) return { orders, plan: EMPTY_PLAN, products: { mapped: [], missing: [] } };
    const lookups = await this.lookups();
    const decided: DecidedOrder[] = orders.map((order) => ({ order, decision: decide(order) }));
    const importing = decided
      .filter((entry) => entry.decision.action === 'import')
      .map((entry) => entry.order);
    const sources = await readOrderPageSources(this.#ctx, importing);
    const products = await this.#products.fetch(sources.unknownProducts);
    const plan = planOrderPage(decided, sources, lookups, this.#ctx.store.settings);
    return { orders, plan, products };
  }

  /** Writes a prepared page in the caller's transaction (products first: the lines resolve to them). */
  async write(tx: HubTransaction, tally: PageTally, page: PreparedOrderPage): Promise<OrderPageOutcome> {
    await this.#products.write(tx, page.products);
    return writeOrderPlan(tx, tally, this.#ctx.store.id, page.plan, this.#ctx.now());
  }

  /** Reports what a committed page left for the user: mappings to add, totals that do not add up. */
  report(page: PreparedOrderPage, outcome: OrderPageOutcome): void {
    for (const notice of page.plan.notices) this.#ctx.notice(notice);
    for (const order of outcome.mismatches) {
      this.#mismatches += 1;
      if (this.#mismatches > MISMATCH_NOTICES) continue;
      this.#ctx.notice({
        kind: 'totals-mismatch',
        key: String(order.record.externalId),
        message: `Store order ${order.record.externalId} (${order.record.reference ?? 'no reference'}): ${order.totals.problem}. Kept as the store sent it and flagged.`,
      });
    }
  }

  /** The end-of-run summary when more mismatches were found than reported one by one. */
  finish(): void {
    if (this.#mismatches <= MISMATCH_NOTICES) return;
    this.#ctx.notice({
      kind: 'totals-mismatch',
      key: 'more',
      message: `${this.#mismatches} orders in all have totals that do not add up; they are flagged (\`orders list\` marks them).`,
    });
  }
}

/** Pages prepared ahead of the one being written: their reads overlap the writes. */
const PREPARE_AHEAD = 2;

/**
 * Prepares pages ahead of the one being written: the next pages' related records and products are
 * on their way while the current page commits. Yields them in order. When reading a further page
 * fails, the pages already read are still yielded (and so committed) before the failure surfaces.
 */
export async function* preparedPages<T>(
  pages: AsyncIterable<readonly PsOrder[]>,
  prepare: (orders: readonly PsOrder[]) => Promise<T>,
): AsyncGenerator<T> {
  const pending: Promise<T>[] = [];
  let failure: { readonly error: unknown } | undefined;
  try {
    for await (const orders of pages) {
      const next = prepare(orders);
      // Awaited below; a failure must not surface as unhandled before then.
      next.catch(() => undefined);
      pending.push(next);
      if (pending.length > PREPARE_AHEAD) yield await pending.shift()!;
    }
  } catch (error) {
    failure = { error };
  }
  while (pending.length > 0) yield await pending.shift()!;
  if (failure !== undefined) throw failure.error;
}
