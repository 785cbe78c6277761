import type { HubOrderStatus, OrderAddress, OrderStanding } from '../../hub/index.js';
import type { PsOrder } from '../../webservice/index.js';
import type { Feed } from '../feed.js';
import { StoreDates } from '../store-dates.js';
import { EPOCH_LOCAL, sweepByDateUpd } from './date-upd-sweep.js';
import { IMPORT_ORDERS, ORDER_NEEDS } from './import-orders.feed.js';
import { markText, ORDER_PAGE_SIZE_OPTION, orderPageSize } from './order-feed-options.js';
import { OrderImportSession, type PreparedOrderPage, preparedPages } from './order-import-session.js';

export const UPDATE_ORDERS = 'update-orders';

/**
 * How far back each run looks before the time it started. A change made while a run reads can land
 * in a second the run has already passed; starting the next run this far back reads it then. (It
 * assumes the store's and the hub's clocks agree within this margin.)
 */
export const UPDATE_MARGIN_MS = 5 * 60_000;

/** Orders in these hub statuses are cancelled when the store cancels them (their reservation released). */
const CANCELLABLE: readonly HubOrderStatus[] = ['pending_approval', 'approved', 'partially_shipped'];
/** Once goods have left, the hub keeps the addresses it shipped to. */
const SHIPPING_STARTED: readonly HubOrderStatus[] = ['partially_shipped', 'shipped'];

interface UpdatePage {
  readonly prepared: PreparedOrderPage;
  readonly standings: ReadonlyMap<string, OrderStanding>;
  /** Orders of the page the hub does not have. */
  readonly unknown: readonly PsOrder[];
  readonly lastDate: string;
}

/**
 * update-orders: orders changed in the store since the last run (`date_upd` watermark, starting where
 * the first import-orders began), read in pages of full orders: state changes and history, new
 * messages, and address changes before shipment are written to the hub copies. An order the store
 * cancels (or refunds, or fails to pay) is cancelled in the hub and its reservation released; one
 * waiting for approval that reaches an `autoApproveStates` state is approved (and reserves). Orders
 * the hub does not have are left to import-orders and retry-orders.
 *
 * Watermark `{ dateUpd }`: store-local; each run starts {@link UPDATE_MARGIN_MS} before the previous
 * one began at the latest, so that nothing changed during a run is missed.
 */
export const updateOrdersFeed: Feed = {
  name: UPDATE_ORDERS,
  description:
    'Update imported orders changed in the store: state changes (a cancellation releases stock), new messages, addresses before shipment.',
  direction: 'import',
  cadence: 'frequency',
  needs: ORDER_NEEDS,
  writes: ['orders', 'customers', 'addresses'],
  options: [ORDER_PAGE_SIZE_OPTION],
  async run(ctx) {
    const { store, client, hub, options } = ctx;
    const own = markText((await hub.watermarks.get(store.id, UPDATE_ORDERS))?.value, 'dateUpd');
    const importMark = (await hub.watermarks.get(store.id, IMPORT_ORDERS))?.value;
    if (own === undefined && importMark === undefined) {
      ctx.notice({
        kind: 'nothing-imported',
        key: 'update-orders',
        message: `No order of store '${store.name}' was imported yet: run import-orders first.`,
      });
      return;
    }
    const from = own ?? markText(importMark, 'since') ?? EPOCH_LOCAL;
    // Never past the run's own start (less the margin): what changes meanwhile is read next time.
    const ceiling = StoreDates.of(store).toLocal(new Date(ctx.now().getTime() - UPDATE_MARGIN_MS));
    let mark = from;
    const session = new OrderImportSession(ctx);
    await ctx.progress({ step: 'orders', done: 0 });
    const sweep = sweepByDateUpd(client, 'orders', { from, pageSize: orderPageSize(options) });
    for await (const page of preparedPages(sweep, (orders) => prepareUpdate(orders))) {
      ctx.throwIfStopped();
      const rules = (await session.lookups()).rules;
      const next = [mark, page.lastDate < ceiling ? page.lastDate : ceiling].sort().at(-1) ?? mark;
      const outcome = await ctx.commit(async (tx, tally) => {
        for (const order of page.unknown)
          tally.skipped(order.id, 'not in the hub (not imported yet, or skipped by its state rule)');
        const written = await session.write(tx, tally, page.prepared);
        const cancel: number[] = [];
        const approve: number[] = [];
        for (const order of page.prepared.orders) {
          const standing = page.standings.get(String(order.id));
          if (standing === undefined) continue;
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
        if (cancel.length > 0) {
          await tx.orders.setStatus(cancel, 'cancelled', { from: CANCELLABLE });
        }
        if (approve.length > 0) {
          await tx.orders.approve(approve);
        }
        await tx.watermarks.set(store.id, UPDATE_ORDERS, { dateUpd: next });
        return written;
      });
      mark = next;
      session.report(page.prepared, outcome);
      await ctx.progress({ done: page.prepared.orders.length + page.unknown.length, increment: true });
    }
    session.finish();

    async function prepareUpdate(orders: readonly PsOrder[]): Promise<UpdatePage> {
      const standings = await hub.orders.standings(
        store.id,
        orders.map((order) => order.id),
      );
      const known = orders.filter((order) => standings.has(String(order.id)));
      let prepared = await session.prepare(known, () => ({ action: 'import', status: 'pending_approval' }));
      const shipped = known.filter((order) => {
        const status = standings.get(String(order.id))?.hubStatus;
        return status !== undefined && SHIPPING_STARTED.includes(status);
      });
      if (shipped.length > 0) prepared = await keepShippedAddresses(prepared, shipped, standings);
      return {
        prepared,
        standings,
        unknown: orders.filter((order) => !standings.has(String(order.id))),
        lastDate: String(orders.at(-1)?.date_upd ?? mark),
      };
    }

    /** Orders whose goods have left keep the addresses the hub shipped to. */
    async function keepShippedAddresses(
      prepared: PreparedOrderPage,
      shipped: readonly PsOrder[],
      standings: ReadonlyMap<string, OrderStanding>,
    ): Promise<PreparedOrderPage> {
      const kept = new Map<string, { billing: OrderAddress; delivery: OrderAddress }>();
      for (const order of shipped) {
        const standing = standings.get(String(order.id));
        if (standing === undefined) continue;
        const current = await hub.orders.get(standing.orderId);
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
  },
};
