import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import {
  approveOrders,
  importOrdersFeed,
  recordShipment,
  UPDATE_ORDERS,
  updateOrdersFeed,
} from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, runFeed } from './support/order-harness.js';

/** A shopper or merchant action through the emulator's control API, as a real store would see it. */
async function control(emulator: Emulator, path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

describeEachEngine('update-orders', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  const ids: Record<'paid' | 'awaiting' | 'shipped' | 'moving', number> = {
    paid: 0,
    awaiting: 0,
    shipped: 0,
    moving: 0,
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
    const place = (customerId: number, stateId: number) =>
      emulator.store.placeOrder({ customerId, lines: [{ productId: 1, quantity: 2 }], stateId }).order.id;
    ids.paid = place(2, 2);
    ids.awaiting = place(3, 10);
    ids.shipped = place(4, 3);
    ids.moving = place(5, 2);
    store = await addEmulatorStore(hub, emulator, 'updates', {
      autoApproveStates: [2],
      importOrdersFromId: ids.paid,
    });
    const { report } = await runFeed(hub, importOrdersFeed, store);
    expect(report.counts.created).toBe(4);
  });
  afterAll(async () => emulator.close());

  const hubOrder = async (id: number) => (await hub.orders.findByExternalId(store.id, id))!;
  const variantOf = async (id: number) => (await hubOrder(id)).lines[0]!.variantId!;

  it('cancels the hub order when the store cancels it, releasing its reservation', async () => {
    const variantId = await variantOf(ids.paid);
    const before = (await hub.stock.reserved([variantId])).get(variantId) ?? 0;
    expect((await hubOrder(ids.paid)).hubStatus).toBe('approved');

    await control(emulator, `orders/${ids.paid}/cancel`);
    const { report } = await runFeed(hub, updateOrdersFeed, store);
    expect(report.status).toBe('succeeded');
    const order = await hubOrder(ids.paid);
    expect(order).toMatchObject({ hubStatus: 'cancelled', storeStateId: 6 });
    expect(order.stateHistory.map((entry) => entry.stateId)).toEqual([2, 6]);
    expect((await hub.stock.reserved([variantId])).get(variantId) ?? 0).toBe(before - 2);
  });

  it('approves an order waiting for approval once it reaches an auto-approve state', async () => {
    expect((await hubOrder(ids.awaiting)).hubStatus).toBe('pending_approval');
    await control(emulator, `orders/${ids.awaiting}/pay`);
    await runFeed(hub, updateOrdersFeed, store);
    expect(await hubOrder(ids.awaiting)).toMatchObject({ hubStatus: 'approved', storeStateId: 2 });
  });

  it("brings new customer messages, which do not move the order's date_upd", async () => {
    const before = textOf(emulator.store.get('orders', ids.moving)?.values.date_upd);
    const thread = emulator.store.insert('customer_threads', {
      id_order: String(ids.moving),
      id_customer: '5',
      id_lang: '1',
      id_shop: '1',
      id_contact: '2',
      email: 'shopper@example.com',
      token: 'abcdef123456',
      status: 'open',
    });
    emulator.store.insert('customer_messages', {
      id_customer_thread: String(thread.id),
      id_employee: '0',
      message: 'Please leave it with the neighbour.',
      private: '0',
    });
    expect(textOf(emulator.store.get('orders', ids.moving)?.values.date_upd)).toBe(before);
    await runFeed(hub, updateOrdersFeed, store);
    expect((await hubOrder(ids.moving)).messages).toEqual([
      expect.objectContaining({ author: 'customer', body: 'Please leave it with the neighbour.' }),
    ]);
    const mark = await hub.watermarks.get(store.id, UPDATE_ORDERS);
    expect(Object.keys(mark?.value ?? {}).sort()).toEqual(['dateUpd', 'messagesDateUpd', 'messagesLastId']);
  });

  it('follows an address change before shipment, and keeps the shipped-to address after', async () => {
    const newAddress = (customerId: number, city: string) =>
      emulator.store.insert('addresses', {
        id_customer: String(customerId),
        id_country: '8',
        alias: 'New',
        firstname: 'Jeanne',
        lastname: 'Martin',
        address1: '1 rue Neuve',
        postcode: '75001',
        city,
      }).id;
    const shipped = await hubOrder(ids.shipped);
    await approveOrders(hub, [shipped.id]);
    await recordShipment(hub, { orderId: shipped.id, trackingNumber: 'LP0001FR' });
    const shippedTo = shipped.deliveryAddress.city;

    emulator.store.update('orders', ids.moving, { id_address_delivery: String(newAddress(5, 'Lille')) });
    emulator.store.update('orders', ids.shipped, { id_address_delivery: String(newAddress(4, 'Nantes')) });
    await runFeed(hub, updateOrdersFeed, store);
    expect((await hubOrder(ids.moving)).deliveryAddress).toMatchObject({
      city: 'Lille',
      address1: '1 rue Neuve',
    });
    expect((await hubOrder(ids.shipped)).deliveryAddress.city).toBe(shippedTo);
    // The new address joins the customer's address book all the same.
    const customer = await hub.customers.get((await hubOrder(ids.moving)).customerId!);
    expect(customer.addresses.map((address) => address.city)).toContain('Lille');
  });

  it('reads again only the last changed second when nothing changed, once past the margin', async () => {
    // Changes younger than the margin are read again by the next run; ten minutes on, they are not.
    const later = new Date(Date.now() + 10 * 60_000);
    await runFeed(hub, updateOrdersFeed, store, { clock: () => later });
    const mark = await hub.watermarks.get(store.id, UPDATE_ORDERS);
    const atMark = [...emulator.store.records('orders')].filter(
      (order) => textOf(order.values.date_upd) === mark?.value.dateUpd,
    ).length;
    emulator.resetCounts();
    const { report } = await runFeed(hub, updateOrdersFeed, store, { clock: () => later });
    expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: atMark, skipped: 0 });
    const counts = emulator.requestCounts();
    // Each sweep: the watermark's own second, then what is newer; the orders of that second are
    // read again with what comes with them; no customer, no product.
    expect(counts.orders).toEqual({ GET: 2 });
    expect(counts.customer_messages?.GET).toBeLessThanOrEqual(3);
    expect(counts.customers).toBeUndefined();
    expect(counts.products).toBeUndefined();
  });
});
