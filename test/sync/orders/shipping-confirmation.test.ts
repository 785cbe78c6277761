import { afterAll, beforeAll, expect, it } from 'vitest';

import { type OrderLineRequest, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { importProductsFeed } from '../../../src/sync/catalog/import-products.feed.js';
import { StoreSession } from '../../../src/sync/index.js';
import {
  findStoreOrderState,
  importOrdersFeed,
  recordShipment,
  setOrderState,
  shippingConfirmationFeed,
} from '../../../src/sync/orders/index.js';
import { describeEachEngine, manualClock } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, runFeed } from './support/order-harness.js';
import { type ProxyDecision, startStoreProxy, type StoreProxy } from './support/store-proxy.js';

describeEachEngine('shipping confirmation and order states', (engine) => {
  let emulator: Emulator;
  let proxy: StoreProxy;
  let hub: Hub;
  const clock = manualClock(new Date());
  /** What the proxy does with the next POST to order_histories. */
  let nextStatePost: ProxyDecision = 'pass';

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    proxy = await startStoreProxy(emulator.url, (method, path) => {
      if (method !== 'POST' || !path.startsWith('/api/order_histories')) return 'pass';
      const decision = nextStatePost;
      nextStatePost = 'pass';
      return decision;
    });
    hub = await engine.openHub({ clock });
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  /** Places an order paid in the store and imports it approved into a store of the hub. */
  async function approvedOrder(store: Store, lines: OrderLineRequest[] = [{ productId: 1, quantity: 2 }]) {
    const { order } = emulator.store.placeOrder({ customerId: 2, lines, stateId: 2 });
    await hub.stores.update(store.id, { settings: { importOrdersFromId: order.id } });
    await runFeed(hub, importOrdersFeed, store, { clock });
    const imported = await hub.orders.findByExternalId(store.id, order.id);
    expect(imported?.hubStatus).toBe('approved');
    return { storeOrderId: order.id, order: imported! };
  }
  const history = (orderId: number) =>
    [...emulator.store.records('order_histories')]
      .filter((row) => textOf(row.values.id_order) === String(orderId))
      .map((row) => Number(textOf(row.values.id_order_state)));
  const storeState = (orderId: number) =>
    Number(textOf(emulator.store.get('orders', orderId)?.values.current_state));
  const tracking = (orderId: number) =>
    [...emulator.store.records('order_carriers')]
      .filter((row) => textOf(row.values.id_order) === String(orderId))
      .map((row) => textOf(row.values.tracking_number));

  it('refuses to ship while the store has no stock location, saying how to set one, and takes stock out once it has', async () => {
    const store = await hub.stores.create({
      name: 'unlocated',
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      timeZone: 'Europe/Paris',
      settings: { autoApproveStates: [2], extras: { syncCategories: false } },
    });
    await runFeed(hub, importProductsFeed, store, { clock });
    const { order } = await approvedOrder(store, [{ productId: 1, quantity: 1 }]);
    await expect(recordShipment(hub, { orderId: order.id, trackingNumber: 'NOWHERE' })).rejects.toThrow(
      `Store 'unlocated' has no stock location, so shipping order ${order.id} would leave its goods on hand. ` +
        'Set the location its shipments leave from: prestabridge stores set unlocated defaults.stockLocation=CODE',
    );
    expect(await hub.orders.get(order.id)).toMatchObject({ hubStatus: 'approved', shipments: [] });

    await hub.masterData.upsert('locations', [{ code: 'DEPOT', name: 'Depot', kind: 'warehouse' }]);
    await hub.stores.update(store.id, { settings: { defaults: { stockLocation: 'DEPOT' } } });
    await recordShipment(hub, { orderId: order.id, trackingNumber: 'FROM-DEPOT' });
    const variantId = order.lines.find((line) => line.kind === 'product')!.variantId!;
    expect(await hub.stock.onHand([variantId])).toEqual([
      expect.objectContaining({ variantId, location: 'DEPOT', onHand: -1 }),
    ]);
  });

  it("carries the store's sales location on the orders it imports", async () => {
    const store = await addEmulatorStore(hub, emulator, 'located', { autoApproveStates: [2] });
    expect(store.settings.defaults.salesLocation).not.toBeNull();
    const { order } = await approvedOrder(store, [{ productId: 1, quantity: 1 }]);
    expect(order.salesLocation).toBe(store.settings.defaults.salesLocation);
  });

  it('a full shipment puts its tracking number on the order carrier and moves the order to the full-shipment state, once', async () => {
    const store = await addEmulatorStore(hub, emulator, 'full', {
      autoApproveStates: [2],
      shipmentStates: { full: 4, partial: 3 },
    });
    const { storeOrderId, order } = await approvedOrder(store);
    const result = await recordShipment(hub, {
      orderId: order.id,
      trackingNumber: 'LP123456789FR',
      carrier: 'La Poste',
    });
    expect(result).toMatchObject({ orderStatus: 'shipped', confirmationQueued: true });

    const { report } = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(report.counts).toMatchObject({ updated: 1, failed: 0 });
    expect(tracking(storeOrderId)).toEqual(['LP123456789FR']);
    expect(storeState(storeOrderId)).toBe(4);
    expect(history(storeOrderId)).toEqual([2, 4]);

    const again = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(again.report.counts.updated).toBe(0);
    expect(history(storeOrderId)).toEqual([2, 4]);
  });

  it('a partial shipment moves the order to the partial-shipment state without a tracking number; the rest completes it', async () => {
    const store = await hub.stores.get('full');
    const { storeOrderId, order } = await approvedOrder(store, [
      { productId: 1, quantity: 2 },
      { productId: 10, combinationId: 17, quantity: 1 },
    ]);
    const [first, second] = order.lines;
    const partial = await recordShipment(hub, {
      orderId: order.id,
      lines: [{ orderLineId: first!.id, quantity: 1 }],
      trackingNumber: 'PART-1',
    });
    expect(partial.orderStatus).toBe('partially_shipped');
    await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(storeState(storeOrderId)).toBe(3);
    expect(tracking(storeOrderId)).toEqual(['']);

    await recordShipment(hub, {
      orderId: order.id,
      lines: [
        { orderLineId: first!.id, quantity: 1 },
        { orderLineId: second!.id, quantity: 1 },
      ],
      trackingNumber: 'REST-2',
    });
    await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(history(storeOrderId)).toEqual([2, 3, 4]);
    expect(tracking(storeOrderId)).toEqual(['REST-2']);
  });

  it('tells the store nothing when it has no shipment state configured', async () => {
    const store = await addEmulatorStore(hub, emulator, 'silent', { autoApproveStates: [2] });
    const { storeOrderId, order } = await approvedOrder(store);
    const result = await recordShipment(hub, { orderId: order.id, trackingNumber: 'QUIET-1' });
    expect(result).toMatchObject({ orderStatus: 'shipped', confirmationQueued: false });
    expect(await hub.outbox.list({ storeId: store.id })).toEqual([]);
    const { report } = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(report.counts.updated).toBe(0);
    expect(history(storeOrderId)).toEqual([2]);
    expect(tracking(storeOrderId)).toEqual(['']);
  });

  it('retries a confirmation whose state change reached the store without an answer, and never changes the state twice', async () => {
    const store = await hub.stores.create({
      name: 'flaky',
      url: proxy.url,
      webserviceKey: emulator.keys[0]!,
      timeZone: 'Europe/Paris',
      settings: { autoApproveStates: [2], shipmentStates: { full: 4 } },
      defaultLocations: true,
    });
    const { storeOrderId, order } = await approvedOrder(store);
    await recordShipment(hub, { orderId: order.id, trackingNumber: 'LOST-ANSWER' });

    nextStatePost = 'drop-answer';
    const first = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(proxy.dropped).toEqual(['POST /api/order_histories?sendemail=1']);
    expect(first.report.counts).toMatchObject({ updated: 0, skipped: 1 });
    // The store did change the state; the hub could not know.
    expect(history(storeOrderId)).toEqual([2, 4]);
    const [waiting] = await hub.outbox.list({ storeId: store.id, kind: 'shipment' });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });

    // Not due yet: nothing is sent.
    await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(history(storeOrderId)).toEqual([2, 4]);

    // Meanwhile the merchant marks it delivered: the retry finds its change in the history.
    emulator.store.changeOrderState(storeOrderId, 5);
    clock.advance(2 * 60_000);
    const retried = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(retried.report.counts).toMatchObject({ updated: 1, failed: 0 });
    expect(history(storeOrderId)).toEqual([2, 4, 5]);
    expect(tracking(storeOrderId)).toEqual(['LOST-ANSWER']);
    expect((await hub.outbox.list({ storeId: store.id, kind: 'shipment' }))[0]).toMatchObject({
      status: 'done',
      attempts: 2,
    });
  });

  it('retries a state change the store failed, then applies it once', async () => {
    const store = await hub.stores.get('flaky');
    const { storeOrderId, order } = await approvedOrder(store);
    await recordShipment(hub, { orderId: order.id, trackingNumber: 'DOWN-1' });
    nextStatePost = 'fail';
    const failed = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(failed.report.counts).toMatchObject({ updated: 0, skipped: 1 });
    expect(history(storeOrderId)).toEqual([2]);
    clock.advance(2 * 60_000);
    await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(history(storeOrderId)).toEqual([2, 4]);
    expect(tracking(storeOrderId)).toEqual(['DOWN-1']);
  });

  it('counts a state change the store made but could not e-mail about (500, code 46) as done, and says so', async () => {
    const store = await addEmulatorStore(hub, emulator, 'no-mail', {
      autoApproveStates: [2],
      shipmentStates: { full: 4 },
      orderStateEmails: true,
    });
    const { storeOrderId, order } = await approvedOrder(store);
    await recordShipment(hub, { orderId: order.id, trackingNumber: 'NOMAIL-1' });
    emulator.faults.update({ mailBroken: true });
    try {
      const { run, report } = await runFeed(hub, shippingConfirmationFeed, store, { clock });
      expect(run.status).toBe('succeeded');
      expect(report.counts).toMatchObject({ updated: 1, skipped: 0, failed: 0 });
      expect(report.notices).toEqual([
        expect.objectContaining({
          kind: 'outbox-warning',
          message: expect.stringMatching(
            new RegExp(
              `^shipment order:${storeOrderId} \\(#\\d+\\): the store changed the state of order ${storeOrderId} to 4 ` +
                `but could not send the e-mail \\(code 46\\): check its mail settings`,
            ),
          ) as string,
        }),
      ]);
      // Changed once, and never again: the entry is done, with what happened kept on it.
      expect(history(storeOrderId)).toEqual([2, 4]);
      expect(tracking(storeOrderId)).toEqual(['NOMAIL-1']);
      const [entry] = await hub.outbox.list({ storeId: store.id, kind: 'shipment' });
      expect(entry).toMatchObject({
        status: 'done',
        attempts: 1,
        lastError: expect.stringContaining('could not send the e-mail (code 46)') as string,
      });
      clock.advance(2 * 60 * 60_000);
      await runFeed(hub, shippingConfirmationFeed, store, { clock });
      expect(history(storeOrderId)).toEqual([2, 4]);

      // orders set-state says the same, and the state is not asked twice.
      const session = await StoreSession.open(hub, store, { retry: { maxRetries: 0 } });
      try {
        const delivered = await findStoreOrderState(store, session.client, 'Delivered');
        const other = await approvedOrder(store);
        const preparing = await findStoreOrderState(store, session.client, '3');
        const result = await setOrderState(hub, store, session.client, other.order.id, preparing, {
          sendEmail: true,
        });
        expect(result.delivered).toBe(true);
        expect(result.drain.warnings).toEqual([
          expect.objectContaining({
            target: `order:${other.storeOrderId}`,
            warning: expect.stringContaining('could not send the e-mail (code 46)') as string,
          }),
        ]);
        expect(history(other.storeOrderId)).toEqual([2, 3]);
        // Delivered sends no e-mail: no warning.
        const quiet = await setOrderState(hub, store, session.client, other.order.id, delivered, {
          sendEmail: true,
        });
        expect([quiet.delivered, quiet.drain.warnings]).toEqual([true, []]);
      } finally {
        await session.close();
      }
    } finally {
      emulator.faults.update({ mailBroken: false });
    }
  });

  it('gives up, saying why, a change answered 500 with code 46 that the order does not show', async () => {
    const store = await hub.stores.get('flaky');
    const { storeOrderId, order } = await approvedOrder(store);
    await recordShipment(hub, { orderId: order.id, trackingNumber: 'NOT-SAVED' });
    nextStatePost = {
      answer: {
        status: 500,
        contentType: 'text/xml;charset=utf-8',
        body:
          '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<errors>\n' +
          '<error>\n<code><![CDATA[46]]></code>\n<message><![CDATA[Unable to save resource]]></message>\n</error>\n' +
          '</errors>\n</prestashop>\n',
      },
    };
    const { report } = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(report.counts).toMatchObject({ updated: 0, skipped: 0, failed: 1 });
    expect(history(storeOrderId)).toEqual([2]);
    const [entry] = (await hub.outbox.list({ storeId: store.id, kind: 'shipment' })).filter(
      (candidate) => candidate.target === `order:${storeOrderId}`,
    );
    expect(entry?.status).toBe('failed');
    expect(entry?.lastError).toBe(
      `The store answered 500 (code 46, "Unable to save resource") to the change of order ${storeOrderId} to state 4, ` +
        `and the order is still in state 2: the change was not made. The store's PHP error log says why; once it is ` +
        `fixed, set the state again (prestabridge orders set-state).`,
    );
  });

  it('moves an order to any state named by id or name, through its history, and not again when it is there', async () => {
    const store = await hub.stores.get('full');
    const { storeOrderId, order } = await approvedOrder(store);
    const session = await StoreSession.open(hub, store, { retry: { maxRetries: 0 } });
    try {
      const delivered = await findStoreOrderState(store, session.client, 'delivered');
      expect(delivered.id).toBe(5);
      const first = await setOrderState(hub, store, session.client, order.id, delivered, { sendEmail: true });
      expect(first.delivered).toBe(true);
      expect(history(storeOrderId)).toEqual([2, 5]);
      const again = await setOrderState(
        hub,
        store,
        session.client,
        order.id,
        await findStoreOrderState(store, session.client, '5'),
        {
          sendEmail: false,
        },
      );
      expect(again.delivered).toBe(true);
      expect(history(storeOrderId)).toEqual([2, 5]);
      await expect(findStoreOrderState(store, session.client, 'Teleported')).rejects.toThrow(
        /Store 'full' has no order state 'Teleported'. Its states: 1 Awaiting check payment, 2 Payment accepted/,
      );
    } finally {
      await session.close();
    }
  });
});
