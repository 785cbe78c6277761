import { beforeAll, expect, it } from 'vitest';

import { type Hub, type OrderRecord, type Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

const address = {
  firstName: 'Jane',
  lastName: 'Doe',
  address1: '16, Main street',
  postcode: '75002',
  city: 'Paris',
  countryIso: 'fr',
};

/** Shaped after the recorded order 1 of the demo store (two t-shirts, check payment). */
function order(id: number, overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    externalId: id,
    reference: `XKBKNABJ${id}`,
    customerExternalId: 2,
    placedAt: '2026-11-22 12:11:13',
    updatedAt: '2026-11-22 12:11:13',
    billingAddress: address,
    deliveryAddress: address,
    currency: 'eur',
    paymentModule: 'ps_checkpayment',
    paymentLabel: 'Payment by check',
    paymentMethod: 'CHECK',
    carrierId: 2,
    shippingMethod: 'POST',
    storeStateId: 1,
    totals: {
      productsTaxExcl: '59.800000',
      productsTaxIncl: '59.800000',
      shippingTaxExcl: '7.000000',
      shippingTaxIncl: '8.400000',
      discountsTaxExcl: '0.000000',
      discountsTaxIncl: '0.000000',
      paidTaxExcl: '66.800000',
      paidTaxIncl: '68.200000',
      paid: '61.800000',
    },
    lines: [
      {
        variantExternalId: '1:1',
        sku: 'demo_1',
        name: 'Hummingbird printed t-shirt - Color : White, Size : S',
        quantity: 1,
        unitPriceTaxExcl: '23.900000',
        unitPriceTaxIncl: '23.900000',
      },
      {
        variantExternalId: '2:9',
        sku: 'demo_3',
        name: 'Hummingbird printed sweater - Color : White, Size : S',
        quantity: 1,
        unitPriceTaxExcl: '35.900000',
        unitPriceTaxIncl: '35.900000',
      },
    ],
    stateHistory: [
      {
        externalId: 10 + id,
        stateId: 1,
        stateName: 'Awaiting check payment',
        changedAt: '2026-11-22 12:11:13',
      },
    ],
    messages: [
      {
        externalId: 20 + id,
        author: 'customer',
        body: 'Please gift-wrap it.',
        writtenAt: '2026-11-22 12:12:00',
      },
    ],
    ...overrides,
  };
}

describeEachEngine('orders', (engine) => {
  const clock = manualClock('2026-11-22T12:00:00.000Z');
  let hub: Hub;
  let store: Store;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    store = await hub.stores.create({ name: 'orders', url: 'https://orders.test', timeZone: 'Europe/Paris' });
    await hub.masterData.upsert('paymentMethods', [{ code: 'CHECK', name: 'Check' }]);
    await hub.masterData.upsert('shippingMethods', [{ code: 'POST', name: 'Post' }]);
    await hub.customers.upsertCustomers(store.id, [
      { externalId: 2, email: 'pub@prestashop.com', firstName: 'John', lastName: 'DOE', gender: 'male' },
    ]);
    await hub.catalog.upsertProducts(store.id, [
      {
        externalId: 1,
        kind: 'combinations',
        name: 'Hummingbird printed t-shirt',
        price: '23.9',
        variants: [{ externalId: '1:1', sku: 'demo_1' }],
      },
    ]);
  });

  it('imports an order with lines, totals, addresses, history and messages, dates in the store zone', async () => {
    const result = await hub.orders.upsertOrders(store.id, [order(1)]);
    expect(result.counts).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(result.totalsMismatches).toEqual([]);
    const saved = await hub.orders.get(result.items[0]!.localId);
    expect(saved).toMatchObject({
      storeId: store.id,
      externalId: '1',
      reference: 'XKBKNABJ1',
      customerName: 'John DOE',
      currency: 'EUR',
      paymentMethod: 'CHECK',
      shippingMethod: 'POST',
      carrierId: '2',
      hubStatus: 'pending_approval',
      storeStateId: 1,
      totalsMismatch: false,
      placedAt: { local: '2026-11-22 12:11:13', instant: '2026-11-22T11:11:13.000Z' },
      totals: { paidTaxIncl: '68.200000', paid: '61.800000', shippingTaxIncl: '8.400000' },
      deliveryAddress: { city: 'Paris', countryIso: 'fr' },
    });
    expect(
      saved.lines.map((line) => [line.sku, line.quantity, line.unitPriceTaxIncl, line.variantId !== null]),
    ).toEqual([
      ['demo_1', 1, '23.900000', true],
      ['demo_3', 1, '35.900000', false],
    ]);
    expect(saved.stateHistory).toEqual([
      {
        stateId: 1,
        stateName: 'Awaiting check payment',
        changedAt: '2026-11-22T11:11:13.000Z',
        changedAtLocal: '2026-11-22 12:11:13',
      },
    ]);
    expect(saved.messages.map((message) => message.body)).toEqual(['Please gift-wrap it.']);
  });

  it('keeps the store totals and flags those that differ from the lines by a cent or more', async () => {
    const off = order(2, {
      totals: { ...order(2).totals, productsTaxIncl: '59.810000', paidTaxIncl: '68.210000' },
    });
    const result = await hub.orders.upsertOrders(store.id, [off]);
    expect(result.totalsMismatches).toEqual(['2']);
    const saved = await hub.orders.get(result.items[0]!.localId);
    expect(saved.totalsMismatch).toBe(true);
    expect(saved.totals.productsTaxIncl).toBe('59.810000');
  });

  it('updates an order that changed in the store without touching its hub status, and adds new history', async () => {
    const [created] = (await hub.orders.upsertOrders(store.id, [order(3)])).items;
    expect(await hub.orders.approve([created!.localId])).toBe(1);
    const moved = order(3, {
      storeStateId: 2,
      updatedAt: '2026-11-23 09:00:00',
      stateHistory: [
        ...order(3).stateHistory!,
        { externalId: 99, stateId: 2, changedAt: '2026-11-23 09:00:00' },
      ],
      lines: [order(3).lines[0]!],
      totals: {
        ...order(3).totals,
        productsTaxIncl: '23.900000',
        productsTaxExcl: '23.900000',
        paidTaxIncl: '32.300000',
      },
    });
    const result = await hub.orders.upsertOrders(store.id, [moved]);
    expect(result.items[0]!.outcome).toBe('updated');
    const saved = await hub.orders.get(created!.localId);
    expect(saved.hubStatus).toBe('approved');
    expect(saved.storeStateId).toBe(2);
    expect(saved.lines).toHaveLength(1);
    expect(saved.stateHistory.map((entry) => entry.stateId)).toEqual([1, 2]);
    expect(saved.storeUpdatedAt).toEqual({
      local: '2026-11-23 09:00:00',
      instant: '2026-11-23T08:00:00.000Z',
    });
    expect((await hub.orders.upsertOrders(store.id, [moved])).items[0]!.outcome).toBe('unchanged');
  });

  it('imports each order exactly once when two hubs import the same pages at the same time', async () => {
    const [first, second] = await Promise.all([engine.openHub({ clock }), engine.openHub({ clock })]);
    const pages = Array.from({ length: 5 }, (_, page) =>
      Array.from({ length: 40 }, (_, index) => order(1000 + page * 40 + index)),
    );
    const run = (hubToUse: Hub) =>
      Promise.all(pages.map((page) => hubToUse.transaction((tx) => tx.orders.upsertOrders(store.id, page))));
    const [a, b] = await Promise.all([run(first), run(second)]);
    const created = [...a, ...b].reduce((sum, result) => sum + result.counts.created, 0);
    expect(created).toBe(200);
    const ids = new Map<string, number>();
    for (const item of [...a, ...b].flatMap((result) => result.items)) {
      expect(ids.get(item.externalId) ?? item.localId).toBe(item.localId);
      ids.set(item.externalId, item.localId);
    }
    const listed = await hub.orders.list({ storeId: store.id, limit: 1000 });
    expect(listed.filter((summary) => Number(summary.externalId) >= 1000)).toHaveLength(200);
    const lines = await Promise.all([...ids.values()].slice(0, 10).map((id) => hub.orders.get(id)));
    expect(lines.every((saved) => saved.lines.length === 2)).toBe(true);
  });

  it('lists orders newest first, filtered by store and status, and pages backwards', async () => {
    const pending = await hub.orders.list({ storeId: store.id, status: 'pending_approval', limit: 1000 });
    expect(pending.every((summary) => summary.hubStatus === 'pending_approval')).toBe(true);
    expect(pending.map((summary) => summary.id)).toEqual(
      [...pending.map((summary) => summary.id)].sort((x, y) => y - x),
    );
    const approved = await hub.orders.list({ status: 'approved' });
    expect(approved.map((summary) => summary.externalId)).toEqual(['3']);
    const page = await hub.orders.list({ limit: 3 });
    const next = await hub.orders.list({ limit: 3, beforeId: page.at(-1)!.id });
    expect(next[0]!.id).toBeLessThan(page.at(-1)!.id);
    expect((await hub.orders.findByExternalId(store.id, 3))?.externalId).toBe('3');
  });

  it('remembers orders to re-check and hands them out when due', async () => {
    await hub.orders.rememberRetry(store.id, 55, 1, new Date('2026-11-22T13:00:00.000Z'));
    await hub.orders.rememberRetry(store.id, 55, 10, new Date('2026-11-22T14:00:00.000Z'));
    expect(await hub.orders.dueRetries(store.id)).toEqual([]);
    clock.set('2026-11-22T15:00:00.000Z');
    expect(await hub.orders.dueRetries(store.id)).toEqual([
      {
        storeId: store.id,
        externalOrderId: '55',
        stateId: 10,
        attempts: 2,
        nextCheckAt: '2026-11-22T14:00:00.000Z',
      },
    ]);
    await hub.orders.forgetRetries(store.id, [55]);
    expect(await hub.orders.dueRetries(store.id)).toEqual([]);
  });

  it('queues a store state change in the outbox', async () => {
    const saved = (await hub.orders.findByExternalId(store.id, 1))!;
    await hub.orders.requestStoreState(saved.id, 5, { sendEmail: true });
    const [entry] = await hub.outbox.list({ storeId: store.id, kind: 'order_state' });
    expect(entry).toMatchObject({
      target: 'order:1',
      status: 'pending',
      payload: { orderId: '1', stateId: 5, sendEmail: true },
    });
  });
});
