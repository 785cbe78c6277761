import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub } from '../../../src/hub/index.js';
import { IMPORT_ORDERS, importOrdersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { hubOrderFacts, hubOrders, storeOrderFacts } from './support/order-compare.js';
import { type Emulator, runFeed } from './support/order-harness.js';

describeEachEngine('import-orders', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
  });
  afterAll(async () => emulator.close());

  it('imports every store order once, as the store computed it, with its customer and the products it names', async () => {
    const store = await addEmulatorStore(hub, emulator, 'all');
    const { run, report } = await runFeed(hub, importOrdersFeed, store);
    expect(run.status).toBe('succeeded');
    const count = emulator.store.count('orders');
    expect(report.counts).toMatchObject({ created: count, failed: 0 });

    const orders = await hubOrders(hub, store.id);
    expect(orders.map((order) => order.externalId)).toEqual(
      [...emulator.store.records('orders')].map((order) => String(order.id)),
    );
    for (const order of orders) {
      const facts = await hubOrderFacts(hub, store.id, order);
      expect(facts).toEqual(storeOrderFacts(emulator.store, Number(order.externalId)));
      const customer = emulator.store.get(
        'customers',
        Number(textOf(emulator.store.get('orders', Number(order.externalId))?.values.id_customer)),
      );
      expect(order.customerName).toBe(
        `${textOf(customer?.values.firstname)} ${textOf(customer?.values.lastname)}`,
      );
      expect(order.stateHistory.length).toBeGreaterThan(0);
      expect(order.deliveryAddress.city).not.toBe('');
    }
    // A customer brings every address of theirs (customers.addresses is on by default).
    const customers = await hub.customers.list({ limit: 100 });
    const withAddresses = customers.filter((customer) => customer.addresses.length > 0);
    expect(withAddresses.length).toBe(customers.length);

    // Nothing new: one request for the next page, nothing written.
    emulator.resetCounts();
    const again = await runFeed(hub, importOrdersFeed, store);
    expect(again.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(emulator.requestCounts().orders?.GET).toBe(1);
    expect((await hubOrders(hub, store.id)).length).toBe(count);
  });

  it('re-reading orders already imported (--from-id) changes nothing and creates no duplicate', async () => {
    const store = await hub.stores.get('all');
    const { report } = await runFeed(hub, importOrdersFeed, store, {
      feedOptions: { fromId: 1, pageSize: 7 },
    });
    expect(report.counts).toMatchObject({ created: 0, unchanged: emulator.store.count('orders') });
    expect((await hubOrders(hub, store.id)).length).toBe(emulator.store.count('orders'));
  });

  it('imports new orders above the watermark only, and a date range without moving the watermark', async () => {
    const store = await hub.stores.get('all');
    const placed = emulator.store.placeOrder({
      customerId: 3,
      lines: [{ productId: 1, quantity: 1 }],
      stateId: 2,
    });
    const { report } = await runFeed(hub, importOrdersFeed, store);
    expect(report.counts.created).toBe(1);
    const mark = await hub.watermarks.get(store.id, IMPORT_ORDERS);
    expect(mark?.value.lastId).toBe(placed.order.id);

    const ranged = await addEmulatorStore(hub, emulator, 'ranged');
    const dates = [...emulator.store.records('orders')].map((order) => textOf(order.values.date_add)).sort();
    const from = dates[5]!.slice(0, 10);
    const to = dates[12]!.slice(0, 10);
    const inRange = dates.filter((date) => date.slice(0, 10) >= from && date.slice(0, 10) <= to).length;
    const result = await runFeed(hub, importOrdersFeed, ranged, { feedOptions: { from, to } });
    expect(result.report.counts.created).toBe(inRange);
    expect(await hub.watermarks.get(ranged.id, IMPORT_ORDERS)).toBeUndefined();
  });

  it('maps carriers and payment modules to the hub methods, and names each unmapped one with the setting to add', async () => {
    await hub.masterData.upsert('shippingMethods', [{ code: 'POST', name: 'Post' }]);
    await hub.masterData.upsert('paymentMethods', [
      { code: 'CHECK', name: 'Cheque' },
      { code: 'WIRE', name: 'Wire' },
    ]);
    const store = await addEmulatorStore(hub, emulator, 'mapped', {
      carriers: { '2': 'POST' },
      payments: { ps_checkpayment: 'CHECK', ps_wirepayment: 'WIRE' },
    });
    // Gone since the mapping was saved (saving a mapping to a code the hub lacks is refused).
    await hub.masterData.delete('paymentMethods', 'WIRE');
    const { report } = await runFeed(hub, importOrdersFeed, store);
    const orders = await hubOrders(hub, store.id);
    for (const order of orders) {
      expect(order.shippingMethod).toBe(order.carrierId === '2' ? 'POST' : null);
      expect(order.paymentMethod).toBe(order.paymentModule === 'ps_checkpayment' ? 'CHECK' : null);
    }
    const messages = report.notices.map((notice) => notice.message);
    expect(messages).toContain(
      "Carrier 'Click and collect' (id_reference 1) has no shipping method: orders keep it unmapped. Map it with `prestabridge stores set mapped carriers.1=CODE`.",
    );
    expect(messages).toContain(
      "Payment module 'ps_checkout' (Card) has no payment method: orders keep it unmapped. Map it with `prestabridge stores set mapped payments.ps_checkout=CODE`.",
    );
    expect(messages).toContain(
      "Setting payments.ps_wirepayment names payment method 'WIRE', which the hub does not have: create it with `prestabridge payment-methods add WIRE --name NAME`, or change the mapping.",
    );
    expect(messages.some((message) => message.includes('carriers.2='))).toBe(false);
  });

  it('flags an order whose totals do not add up, keeping the store figures, and says what differs', async () => {
    const placed = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: 1, quantity: 2 }],
      stateId: 2,
    });
    const paid = textOf(placed.order.values.total_paid_tax_incl);
    const off = (Number(paid) + 0.01).toFixed(6);
    emulator.store.update('orders', placed.order.id, { total_paid_tax_incl: off });
    const store = await hub.stores.get('all');
    const { report } = await runFeed(hub, importOrdersFeed, store);
    const order = await hub.orders.findByExternalId(store.id, placed.order.id);
    expect(order).toMatchObject({ totalsMismatch: true, totals: { paidTaxIncl: off } });
    const notice = report.notices.find((candidate) => candidate.kind === 'totals-mismatch');
    expect(notice?.message).toBe(
      `Store order ${placed.order.id} (${textOf(placed.order.values.reference)}): lines + shipping + wrapping − discounts = ${Number(paid).toFixed(2)}, the store's total paid is ${Number(off).toFixed(2)}. Kept as the store sent it and flagged.`,
    );
    const others = (await hubOrders(hub, store.id)).filter((candidate) => candidate.id !== order?.id);
    expect(others.every((candidate) => !candidate.totalsMismatch)).toBe(true);
  });
});
