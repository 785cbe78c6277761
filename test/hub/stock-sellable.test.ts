import { beforeAll, beforeEach, expect, it } from 'vitest';

import type { Hub, OrderRecord, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { orderOfLines } from '../support/orders.js';

/** The queued stock values of a store, by target. */
async function queued(hub: Hub, storeId: number): Promise<Map<string, number>> {
  const entries = await hub.outbox.list({ storeId, kind: 'stock', limit: 1000 });
  const open = entries.filter((entry) => entry.status === 'pending');
  return new Map(open.map((entry) => [entry.target, (entry.payload as { quantity: number }).quantity]));
}

describeEachEngine('stock queued by order, shipment and kit changes', (engine) => {
  const clock = manualClock();
  let hub: Hub;
  let store: Store;
  let ids: Map<string, number>;
  let orderSeq = 100;

  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    await hub.masterData.upsert('locations', [
      { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' },
      { code: 'SHOP', name: 'Shop floor', kind: 'sales' },
    ]);
    store = await hub.stores.create({
      name: 'queue',
      url: 'https://queue.test',
      settings: {
        stockExportLocations: ['MAIN', 'SHOP'],
        exportFields: { quantity: true, bomQuantity: true },
      },
    });
    const products = await hub.catalog.upsertProducts(store.id, [
      {
        externalId: 1,
        kind: 'simple',
        name: 'Mug',
        price: '8',
        variants: [{ externalId: '1:0', sku: 'MUG' }],
      },
      {
        externalId: 2,
        kind: 'simple',
        name: 'Pen',
        price: '1',
        variants: [{ externalId: '2:0', sku: 'PEN' }],
      },
      {
        externalId: 3,
        kind: 'kit',
        name: 'Desk set',
        price: '9',
        variants: [{ externalId: '3:0', sku: 'SET' }],
      },
    ]);
    ids = new Map([...products.variantIds].map(([externalId, id]) => [externalId.split(':')[0]!, id]));
    await hub.stock.recordMovements([
      { variantId: ids.get('1')!, location: 'MAIN', kind: 'receipt', quantity: 20 },
      { variantId: ids.get('2')!, location: 'MAIN', kind: 'receipt', quantity: 30 },
    ]);
    await hub.stores.markInitialStockImported(store.id);
  });

  /** Delivers everything queued so far. */
  async function deliverAll(): Promise<void> {
    for (;;) {
      const claimed = await hub.outbox.claim({ owner: 'test', limit: 100, leaseMs: 60_000 });
      if (claimed.length === 0) break;
      for (const entry of claimed) await hub.outbox.complete(entry);
    }
  }

  // Each test looks at what its own change queues.
  beforeEach(deliverAll);

  const mug = (): string => `variant:${ids.get('1')!}`;
  const pen = (): string => `variant:${ids.get('2')!}`;
  const kit = (): string => `variant:${ids.get('3')!}`;

  it('queues a kit whose bill of materials changes, and not when it stays the same', async () => {
    const components = [
      { variantId: ids.get('1')!, quantity: 1 },
      { variantId: ids.get('2')!, quantity: 3 },
    ];
    await hub.catalog.setKitComponents([{ kitVariantId: ids.get('3')!, components }]);
    // min(20 / 1, ⌊30 / 3⌋) = 10.
    expect(await queued(hub, store.id)).toEqual(new Map([[kit(), 10]]));
    await hub.outbox
      .claim({ owner: 'test', limit: 10, leaseMs: 1 })
      .then((claimed) => Promise.all(claimed.map((entry) => hub.outbox.complete(entry))));
    await hub.catalog.setKitComponents([
      { kitVariantId: ids.get('3')!, components: [...components].reverse() },
    ]);
    expect(await queued(hub, store.id)).toEqual(new Map());
  });

  it('queues reservations of an order imported waiting for approval, none on approval, releases on cancellation, kit lines through their components', async () => {
    orderSeq += 1;
    const imported = await hub.orders.upsertOrders(store.id, [
      orderOfLines(orderSeq, [
        { variant: '1:0', quantity: 2 },
        { variant: '3:0', quantity: 1 },
      ]),
    ]);
    const orderId = imported.items[0]!.localId;
    // Waiting for approval reserves already (the store took these units out when the order was placed).
    // Mug 20 − 2 − 1 = 17; pen 30 − 3 = 27; kit min(17, ⌊27 / 3⌋) = 9.
    const reserved = new Map([
      [mug(), 17],
      [pen(), 27],
      [kit(), 9],
    ]);
    expect(await queued(hub, store.id)).toEqual(reserved);
    expect(await hub.stock.reserved([ids.get('1')!, ids.get('2')!])).toEqual(
      new Map([
        [ids.get('1')!, 3],
        [ids.get('2')!, 3],
      ]),
    );
    await deliverAll();

    await hub.orders.approve([orderId]);
    // Approval changes no reservation: nothing new to send.
    expect(await queued(hub, store.id)).toEqual(new Map());
    expect(await hub.stock.sellable(store.id, [ids.get('1')!, ids.get('2')!])).toEqual(
      new Map([
        [ids.get('1')!, 17],
        [ids.get('2')!, 27],
      ]),
    );

    await hub.orders.setStatus([orderId], 'cancelled');
    expect(await queued(hub, store.id)).toEqual(
      new Map([
        [mug(), 20],
        [pen(), 30],
        [kit(), 10],
      ]),
    );
    await deliverAll();

    // A pending order cancelled releases too.
    orderSeq += 1;
    const pending = await hub.orders.upsertOrders(store.id, [
      orderOfLines(orderSeq, [{ variant: '2:0', quantity: 6 }]),
    ]);
    expect((await queued(hub, store.id)).get(pen())).toBe(24);
    await deliverAll();
    await hub.orders.setStatus([pending.items[0]!.localId], 'cancelled');
    expect((await queued(hub, store.id)).get(pen())).toBe(30);
  });

  it('queues orders imported as approved, and their lines when a re-import changes them', async () => {
    orderSeq += 1;
    const approved: OrderRecord = {
      ...orderOfLines(orderSeq, [{ variant: '2:0', quantity: 4 }]),
      initialStatus: 'approved',
    };
    await hub.orders.upsertOrders(store.id, [approved]);
    expect((await queued(hub, store.id)).get(pen())).toBe(26);

    // The store changed the line from pens to mugs: pens are released, mugs reserved.
    await hub.orders.upsertOrders(store.id, [
      {
        ...approved,
        lines: orderOfLines(orderSeq, [{ variant: '1:0', quantity: 4 }]).lines,
        note: 'changed',
      },
    ]);
    const after = await queued(hub, store.id);
    expect(after.get(pen())).toBe(30);
    expect(after.get(mug())).toBe(16);
  });

  it('queues what a shipment moves: the reservation ends, the stock leaves its location', async () => {
    orderSeq += 1;
    const imported = await hub.orders.upsertOrders(store.id, [
      { ...orderOfLines(orderSeq, [{ variant: '2:0', quantity: 5 }]), initialStatus: 'approved' },
    ]);
    const before = (await hub.stock.sellable(store.id, [ids.get('2')!])).get(ids.get('2')!)!;
    await hub.outbox
      .claim({ owner: 'test', limit: 100, leaseMs: 1 })
      .then((claimed) => Promise.all(claimed.map((entry) => hub.outbox.complete(entry))));
    // Shipped from SHOP, which holds no pens: on-hand goes negative there, the reservation ends.
    await hub.shipments.record({ orderId: imported.items[0]!.localId, fromLocation: 'SHOP' });
    expect((await queued(hub, store.id)).get(pen())).toBe(before);
    await hub.stock.recordMovements([
      { variantId: ids.get('2')!, location: 'SHOP', kind: 'adjustment', quantity: 5 },
    ]);
  });

  it('never queues an older value last when transactions change different rows of one variant at once', async () => {
    const hubs = await Promise.all([engine.openHub({ clock }), engine.openHub({ clock })]);
    const mugId = ids.get('1')!;
    const adjust = (other: Hub, location: string, quantity: number) =>
      other.transaction(async (tx) => {
        await tx.stock.recordMovements([{ variantId: mugId, location, kind: 'adjustment', quantity }]);
        await tx.stock.queueSellableUpdates([mugId]);
      });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        adjust(hubs[index % 2]!, index % 2 === 0 ? 'MAIN' : 'SHOP', index % 3 === 0 ? -1 : 2),
      ),
    );
    const final = (await hub.stock.sellable(store.id, [mugId])).get(mugId);
    expect((await queued(hub, store.id)).get(mug())).toBe(final);
  });

  it('remembers store rows, the rest of them when read, and what was pushed to them', async () => {
    const rest = { outOfStock: 1, shopId: 1, shopGroupId: 0, location: 'A-12' };
    await hub.stock.rememberStoreRows(store.id, [
      { stockAvailableId: 7, productId: 1, combinationId: 0, quantity: 5, dependsOnStock: false, rest },
      { stockAvailableId: 8, productId: 2, combinationId: 0, quantity: 9, dependsOnStock: true },
    ]);
    const readAt = clock().toISOString();
    clock.advance(60_000);
    // A push records the quantity; the rest and the time of the read stay as read.
    await hub.stock.recordPushed(store.id, 7, 12);
    // The row of a pair was recreated in the store with another id: the new one replaces it.
    await hub.stock.rememberStoreRows(store.id, [
      { stockAvailableId: 18, productId: 2, combinationId: 0, quantity: 3, dependsOnStock: false },
    ]);
    const rows = await hub.stock.storeRows(store.id, [
      { productId: 1, combinationId: 0 },
      { productId: 2, combinationId: 0 },
      { productId: 1, combinationId: 4 },
    ]);
    expect([...rows.entries()]).toEqual([
      [
        '1:0',
        {
          stockAvailableId: 7,
          productId: 1,
          combinationId: 0,
          quantity: 12,
          dependsOnStock: false,
          rest,
          readAt,
        },
      ],
      [
        '2:0',
        {
          stockAvailableId: 18,
          productId: 2,
          combinationId: 0,
          quantity: 3,
          dependsOnStock: false,
          readAt: clock().toISOString(),
        },
      ],
    ]);
    await hub.stock.forgetStoreRow(store.id, 18);
    expect((await hub.stock.storeRows(store.id, [{ productId: 2, combinationId: 0 }])).size).toBe(0);
  });

  it('lists on-hand per location, reserved and sellable per store, by SKU or location', async () => {
    const [listed] = await hub.stock.list({ sku: 'MUG' });
    const mugId = ids.get('1')!;
    expect(listed).toMatchObject({ variantId: mugId, sku: 'MUG', name: 'Mug', kit: false });
    expect(listed?.sellable).toEqual([
      {
        storeId: store.id,
        store: 'queue',
        quantity: (await hub.stock.sellable(store.id, [mugId])).get(mugId),
      },
    ]);
    expect((await hub.stock.list({ location: 'SHOP' })).map((item) => item.sku)).toEqual(['MUG', 'PEN']);
    expect((await hub.stock.variantsBySku('SET'))[0]).toMatchObject({ sku: 'SET', kit: true });
  });

  it('subtracts from a store only the reservations of orders shipping from its export locations, counting each unit once', async () => {
    await hub.masterData.upsert('locations', [{ code: 'LYON', name: 'Lyon warehouse', kind: 'warehouse' }]);
    const mugId = ids.get('1')!;
    await hub.stock.recordMovements([{ variantId: mugId, location: 'LYON', kind: 'receipt', quantity: 100 }]);
    const lyon = await hub.stores.create({
      name: 'lyon',
      url: 'https://lyon.test',
      settings: { defaults: { stockLocation: 'LYON' }, stockExportLocations: ['LYON'] },
    });
    await hub.bindings.upsert(lyon.id, 'variants', [{ externalId: '1:0', localId: mugId }]);
    const queueBefore = (await hub.stock.sellable(store.id, [mugId])).get(mugId)!;
    // The first store's open orders (earlier tests) have no stock location: they reserve in LYON too.
    const lyonBefore = (await hub.stock.sellable(lyon.id, [mugId])).get(mugId)!;
    expect(lyonBefore).toBe(100 - (await hub.stock.reserved([mugId])).get(mugId)!);
    orderSeq += 1;
    await hub.orders.upsertOrders(lyon.id, [orderOfLines(orderSeq, [{ variant: '1:0', quantity: 2 }])]);
    // Lyon's order ships from LYON: it reserves there, not in the other store's MAIN and SHOP.
    expect((await hub.stock.sellable(lyon.id, [mugId])).get(mugId)).toBe(lyonBefore - 2);
    expect((await hub.stock.sellable(store.id, [mugId])).get(mugId)).toBe(queueBefore);
    // An order of the store without a stock location may ship from anywhere: it reserves in both.
    orderSeq += 1;
    await hub.orders.upsertOrders(store.id, [orderOfLines(orderSeq, [{ variant: '1:0', quantity: 1 }])]);
    expect((await hub.stock.sellable(lyon.id, [mugId])).get(mugId)).toBe(lyonBefore - 3);
    expect((await hub.stock.sellable(store.id, [mugId])).get(mugId)).toBe(queueBefore - 1);
  });
});
