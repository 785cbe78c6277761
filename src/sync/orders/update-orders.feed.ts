import type { HubOrderStatus, HubTransaction, OrderAddress, OrderStanding } from '../../hub/index.js';
import { filter, type PrestaShopClient, type PsOrder, type PsRecord } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { Feed, FeedContext } from '../feed.js';
import { StoreDates } from '../store-dates.js';
import { advanceMark, EPOCH_LOCAL, sweepByDateUpd, sweepCeiling } from './date-upd-sweep.js';
import { IMPORT_ORDERS, ORDER_NEEDS, ORDER_RECORD_WRITES } from './import-orders.feed.js';
import { markNumber, markText, ORDER_PAGE_SIZE_OPTION, orderPageSize } from './order-feed-options.js';
import { OrderImportSession, type PreparedOrderPage, preparedPages } from './order-import-session.js';

export const UPDATE_ORDERS = 'update-orders';

/** Orders in these hub statuses are cancelled when the store cancels them (their reservation released). */
const CANCELLABLE: readonly HubOrderStatus[] = ['pending_approval', 'approved', 'partially_shipped'];
/** Once goods have left, the hub keeps the addresses it shipped to. */
const SHIPPING_STARTED: readonly HubOrderStatus[] = ['partially_shipped', 'shipped'];

/**
 * update-orders: orders changed in the store since the last run (`date_upd` watermark, starting where
 * the first import-orders began), read in pages of full orders: state changes and history, new
 * messages, and address changes before shipment are written to the hub copies. An order the store
 * cancels (or refunds, or fails to pay) is cancelled in the hub and its reservation released; one
 * waiting for approval that reaches an `autoApproveStates` state is approved (it reserves already).
 * Orders the hub does not have are left to import-orders and retry-orders.
 *
 * Customer messages do not move their order's `date_upd`: those written since the last run are swept
 * too (`customer_messages` by `date_upd`), and their orders read again.
 *
 * Watermark `{ dateUpd, messagesDateUpd, messagesLastId }`: store-local; each run starts {@link SWEEP_MARGIN_MS}
 * before the previous one began at the latest, so that nothing changed during a run is missed.
 */
export const updateOrdersFeed: Feed = {
  name: UPDATE_ORDERS,
  description:
    'Update imported orders changed in the store: state changes (a cancellation releases stock), new messages, addresses before shipment.',
  direction: 'import',
  cadence: 'frequency',
  needs: ORDER_NEEDS,
  outbox: ORDER_RECORD_WRITES,
  writes: ['orders', 'customers', 'addresses'],
  options: [ORDER_PAGE_SIZE_OPTION],
  async run(ctx) {
    const { store, client, hub, options } = ctx;
    const own = (await hub.watermarks.get(store.id, UPDATE_ORDERS))?.value;
    const importMark = (await hub.watermarks.get(store.id, IMPORT_ORDERS))?.value;
    if (own === undefined && importMark === undefined) {
      ctx.notice({
        kind: 'nothing-imported',
        key: 'update-orders',
        message: `No order of store '${store.name}' was imported yet: run import-orders first.`,
      });
      return;
    }
    const start = markText(importMark, 'since') ?? EPOCH_LOCAL;
    const marks = {
      dateUpd: markText(own, 'dateUpd') ?? start,
      messagesDateUpd: markText(own, 'messagesDateUpd') ?? start,
      messagesLastId: markNumber(own, 'messagesLastId'),
    };
    // Never past the run's own start (less the margin): what changes meanwhile is read next time.
    const ceiling = sweepCeiling(StoreDates.of(store), ctx.now());
    const advance = (mark: string, seen: string) => advanceMark(mark, seen, ceiling);
    const pageSize = orderPageSize(options);
    const updater = new OrderUpdater(ctx, new OrderImportSession(ctx));

    await ctx.progress({ step: 'orders', done: 0 });
    const changed = sweepByDateUpd(client, 'orders', { from: marks.dateUpd, pageSize });
    for await (const page of preparedPages(changed, (orders) => updater.prepare(orders))) {
      ctx.throwIfStopped();
      const dateUpd = advance(marks.dateUpd, scalar(page.orders.at(-1)?.date_upd) || marks.dateUpd);
      await updater.commit(page, (tx) => tx.watermarks.set(store.id, UPDATE_ORDERS, { ...marks, dateUpd }));
      marks.dateUpd = dateUpd;
    }

    // A customer message does not touch its order's date_upd: messages are swept on their own. Those
    // of the watermark's second already read (ids up to messagesLastId) are passed over: a message
    // written later in that second has a higher id.
    await ctx.progress({ step: 'messages' });
    const messagesSweep = sweepByDateUpd(client, 'customer_messages', {
      from: marks.messagesDateUpd,
      pageSize,
    });
    for await (const messages of messagesSweep) {
      ctx.throwIfStopped();
      const fresh = messages.filter(
        (message) => scalar(message.date_upd) !== marks.messagesDateUpd || message.id > marks.messagesLastId,
      );
      const last = messages.at(-1);
      const seen = scalar(last?.date_upd) || marks.messagesDateUpd;
      const messagesDateUpd = advance(marks.messagesDateUpd, seen);
      const messagesLastId =
        messagesDateUpd === seen
          ? (last?.id ?? 0)
          : messagesDateUpd === marks.messagesDateUpd
            ? marks.messagesLastId
            : 0;
      const page = await updater.prepare(await ordersOfMessages(client, fresh));
      await updater.commit(page, (tx) =>
        tx.watermarks.set(store.id, UPDATE_ORDERS, { ...marks, messagesDateUpd, messagesLastId }),
      );
      Object.assign(marks, { messagesDateUpd, messagesLastId });
    }
    updater.finish();
  },
};

/** The full orders the customer messages of a page belong to (their threads, then the orders: two requests). */
async function ordersOfMessages(client: PrestaShopClient, messages: readonly PsRecord[]): Promise<PsOrder[]> {
  const threadIds = [
    ...new Set(messages.map((message) => Number(scalar(message.id_customer_thread)))),
  ].filter((id) => id > 0);
  if (threadIds.length === 0) return [];
  const threads = await client.list('customer_threads', {
    display: ['id_order'],
    filter: { id: filter.oneOf(threadIds) },
  });
  const orderIds = [...new Set(threads.map((thread) => Number(scalar(thread.id_order))))].filter(
    (id) => id > 0,
  );
  if (orderIds.length === 0) return [];
  return client.list('orders', {
    display: 'full',
    filter: { id: filter.oneOf(orderIds.sort((a, b) => a - b)) },
  });
}

/** A page of changed orders, read and mapped, with where each stands in the hub. */
interface UpdatePage {
  readonly orders: readonly PsOrder[];
  readonly prepared: PreparedOrderPage;
  readonly standings: ReadonlyMap<string, OrderStanding>;
}

/** Applies pages of changed store orders to the hub copies. */
class OrderUpdater {
  readonly #ctx: FeedContext;
  readonly #session: OrderImportSession;

  constructor(ctx: FeedContext, session: OrderImportSession) {
    this.#ctx = ctx;
    this.#session = session;
  }

  /** Reads and maps the orders the hub has (the others are left to import-orders and retry-orders). */
  async prepare(orders: readonly PsOrder[]): Promise<UpdatePage> {
    const { hub, store } = this.#ctx;
    const standings = await hub.orders.standings(
      store.id,
      orders.map((order) => order.id),
    );
    const known = orders.filter((order) => standings.has(String(order.id)));
    let prepared = await this.#session.prepare(known, () => ({
      action: 'import',
      status: 'pending_approval',
    }));
    const shipped = known.filter((order) => {
      const status = standings.get(String(order.id))?.hubStatus;
      return status !== undefined && SHIPPING_STARTED.includes(status);
    });
    if (shipped.length > 0) prepared = await this.#keepShippedAddresses(prepared, shipped, standings);
    return { orders, prepared, standings };
  }

  /**
   * Writes a page with its watermark: the hub copies, then the status changes the store's new
   * states call for — cancelled (reservation released) or approved (still reserving).
   */
  async commit(page: UpdatePage, saveMark: (tx: HubTransaction) => Promise<void>): Promise<void> {
    const ctx = this.#ctx;
    const rules = page.prepared.orders.length > 0 ? (await this.#session.lookups()).rules : undefined;
    const outcome = await ctx.commit(async (tx, tally) => {
      for (const order of page.orders) {
        if (!page.standings.has(String(order.id)))
          tally.skipped(order.id, 'not in the hub (not imported yet, or skipped by its state rule)');
      }
      const written = await this.#session.write(tx, tally, page.prepared);
      const cancel: number[] = [];
      const approve: number[] = [];
      for (const order of page.prepared.orders) {
        const standing = page.standings.get(String(order.id));
        if (standing === undefined || rules === undefined) continue;
        const stateId = Number(order.current_state);
        if (rules.states.isFinal(stateId) && CANCELLABLE.includes(standing.hubStatus))
          cancel.push(standing.orderId);
        else if (standing.hubStatus === 'pending_approval' && rules.approvesOnReaching(stateId))
          approve.push(standing.orderId);
        else if (rules.states.isFinal(stateId) && standing.hubStatus === 'shipped') {
          ctx.notice({
            kind: 'cancelled-after-shipment',
            key: String(order.id),
            message: `Store order ${order.id} (${order.reference}) is now '${rules.states.nameOf(stateId)}' in the store, but the hub shipped it: check it by hand.`,
          });
        }
      }
      await tx.orders.setStatus(cancel, 'cancelled', { from: CANCELLABLE });
      await tx.orders.approve(approve);
      await saveMark(tx);
      return written;
    });
    this.#session.report(page.prepared, outcome);
    await ctx.progress({ done: page.orders.length, increment: true });
  }

  finish(): void {
    this.#session.finish();
  }

  /** Orders whose goods have left keep the addresses the hub shipped to. */
  async #keepShippedAddresses(
    prepared: PreparedOrderPage,
    shipped: readonly PsOrder[],
    standings: ReadonlyMap<string, OrderStanding>,
  ): Promise<PreparedOrderPage> {
    const kept = new Map<string, { billing: OrderAddress; delivery: OrderAddress }>();
    for (const order of shipped) {
      const standing = standings.get(String(order.id));
      if (standing === undefined) continue;
      const current = await this.#ctx.hub.orders.get(standing.orderId);
      kept.set(String(order.id), { billing: current.billingAddress, delivery: current.deliveryAddress });
    }
    const orders = prepared.plan.orders.map((planned) => {
      const stored = kept.get(String(planned.record.externalId));
      if (stored === undefined) return planned;
      return {
        ...planned,
        record: { ...planned.record, billingAddress: stored.billing, deliveryAddress: stored.delivery },
      };
    });
    return { ...prepared, plan: { ...prepared.plan, orders } };
  }
}
