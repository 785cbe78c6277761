import { beforeAll, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { orderOfLines } from '../support/orders.js';

describeEachEngine('stock', (engine) => {
  const clock = manualClock();
  let hub: Hub;
  let store: Store;
  let ids: Map<string, number>;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    await hub.masterData.upsert('locations', [
      { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' },
      { code: 'SHOP', name: 'Shop floor', kind: 'sales' },
      { code: 'RETURNS', name: 'Returns', kind: 'warehouse' },
    ]);
    store = await hub.stores.create({
      name: 'stock',
      url: 'https://stock.test',
      settings: { stockExportLocations: ['MAIN', 'SHOP'], shipmentStates: { full: 4, partial: 13 } },
    });
    const result = await hub.catalog.upsertProducts(store.id, [
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
        name: 'Poster',
        price: '12',
        variants: [{ externalId: '2:0', sku: 'POSTER' }],
      },
      {
        externalId: 3,
        kind: 'kit',
        name: 'Mug and posters',
        price: '30',
        variants: [{ externalId: '3:0', sku: 'KIT' }],
      },
      {
        externalId: 4,
        kind: 'simple',
        name: 'Pen',
        price: '1',
        variants: [{ externalId: '4:0', sku: 'PEN' }],
      },
    ]);
    ids = new Map([...result.variantIds].map(([externalId, id]) => [externalId.split(':')[0]!, id]));
    await hub.catalog.setKitComponents([
      {
        kitVariantId: ids.get('3')!,
        components: [
          { variantId: ids.get('1')!, quantity: 1 },
          { variantId: ids.get('2')!, quantity: 2 },
        ],
      },
    ]);
  });

  it('keeps on-hand equal to the sum of the ledger', async () => {
    const levels = await hub.stock.recordMovements([
      { variantId: ids.get('1')!, location: 'MAIN', kind: 'receipt', quantity: 10, reference: 'PO-1' },
      { variantId: ids.get('1')!, location: 'MAIN', kind: 'adjustment', quantity: -2 },
      { variantId: ids.get('1')!, location: 'SHOP', kind: 'receipt', quantity: 3 },
      { variantId: ids.get('2')!, location: 'MAIN', kind: 'receipt', quantity: 9 },
      { variantId: ids.get('2')!, location: 'RETURNS', kind: 'receipt', quantity: 100 },
    ]);
    expect(
      levels.find((level) => level.variantId === ids.get('1') && level.location === 'MAIN')?.onHand,
    ).toBe(8);
    await hub.stock.transfer({
      variantId: ids.get('1')!,
      from: 'MAIN',
      to: 'SHOP',
      quantity: 1,
      reference: 'T-1',
    });
    await hub.stock.setOnHand([{ variantId: ids.get('2')!, location: 'MAIN', onHand: 7 }], 'adjustment', {
      reference: 'count-1',
    });
    expect(await hub.stock.onHand([ids.get('1')!, ids.get('2')!])).toEqual([
      { variantId: ids.get('1'), location: 'MAIN', onHand: 7 },
      { variantId: ids.get('1'), location: 'SHOP', onHand: 4 },
      { variantId: ids.get('2'), location: 'MAIN', onHand: 7 },
      { variantId: ids.get('2'), location: 'RETURNS', onHand: 100 },
    ]);
    expect((await hub.stock.movements(ids.get('2')!))[0]).toMatchObject({
      kind: 'adjustment',
      quantity: -2,
      reference: 'count-1',
    });
    expect(await hub.stock.ledgerMismatches()).toEqual([]);
  });

  it('never loses an update when two hubs adjust the same stock at the same time', async () => {
    const hubs = await Promise.all([engine.openHub({ clock }), engine.openHub({ clock })]);
    const pen = ids.get('4')!;
    await Promise.all(
      hubs.flatMap((other) =>
        Array.from({ length: 25 }, () =>
          other.stock.recordMovements([{ variantId: pen, location: 'MAIN', kind: 'receipt', quantity: 1 }]),
        ),
      ),
    );
    expect(await hub.stock.onHand([pen])).toEqual([{ variantId: pen, location: 'MAIN', onHand: 50 }]);
    expect(await hub.stock.ledgerMismatches()).toEqual([]);
  });

  it('computes sellable quantities over the export locations, minus reservations, kits from components', async () => {
    // Mug: 7 + 4 = 11; poster: 7 (RETURNS is not exported); kit: min(11 / 1, 7 / 2) = 3.
    const before = await hub.stock.sellable(store.id, [ids.get('1')!, ids.get('2')!, ids.get('3')!]);
    expect([...before.values()]).toEqual([11, 7, 3]);

    const imported = await hub.orders.upsertOrders(store.id, [
      orderOfLines(1, [{ variant: '1:0', quantity: 2 }]),
      orderOfLines(2, [{ variant: '3:0', quantity: 1 }]),
      orderOfLines(3, [{ variant: '2:0', quantity: 5 }]),
    ]);
    const [mugOrder, kitOrder, posterOrder] = imported.items.map((item) => item.localId);
    // Waiting for approval, all three reserve: mug 11 − 2 − 1 (kit) = 8; poster 7 − 2 (kit) − 5 = 0.
    expect([...(await hub.stock.sellable(store.id, [ids.get('1')!, ids.get('2')!])).values()]).toEqual([
      8, 0,
    ]);
    // A cancelled order reserves nothing.
    await hub.orders.setStatus([posterOrder!], 'cancelled');
    await hub.orders.approve([mugOrder!, kitOrder!]);
    // Approval changes no reservation. Mug: 8; poster: 7 − 2 (kit) = 5; kit: min(8, ⌊5 / 2⌋) = 2.
    const reserved = await hub.stock.reserved([ids.get('1')!, ids.get('2')!]);
    expect([...reserved.entries()].sort()).toEqual(
      [
        [ids.get('1'), 3],
        [ids.get('2'), 2],
      ].sort(),
    );
    expect([
      ...(await hub.stock.sellable(store.id, [ids.get('1')!, ids.get('2')!, ids.get('3')!])).values(),
    ]).toEqual([8, 5, 2]);

    const shipped = await hub.shipments.record({
      orderId: mugOrder!,
      trackingNumber: '3SABC',
      fromLocation: 'MAIN',
    });
    expect(shipped.orderStatus).toBe('shipped');
    // Shipping takes the 2 mugs from MAIN and ends the reservation: still 8.
    expect([...(await hub.stock.sellable(store.id, [ids.get('1')!])).values()]).toEqual([8]);
    expect(await hub.stock.ledgerMismatches()).toEqual([]);
  });

  it('never reports less than zero', async () => {
    const big = await hub.orders.upsertOrders(store.id, [
      orderOfLines(10, [{ variant: '4:0', quantity: 500 }]),
    ]);
    await hub.orders.approve([big.items[0]!.localId]);
    expect([...(await hub.stock.sellable(store.id, [ids.get('4')!])).values()]).toEqual([0]);
    await hub.orders.setStatus([big.items[0]!.localId], 'cancelled');
  });

  it('queues coalesced stock updates for bound stores once stock export is allowed', async () => {
    const mug = ids.get('1')!;
    expect(await hub.stock.affectedTargets([mug])).toEqual([
      { storeId: store.id, variantId: mug, externalId: '1:0' },
      { storeId: store.id, variantId: ids.get('3'), externalId: '3:0' },
    ]);
    // No initial stock import yet: pushing would overwrite the shop's quantities.
    expect(await hub.transaction((tx) => tx.stock.queueSellableUpdates([mug]))).toBe(0);
    await hub.stores.markInitialStockImported(store.id);
    // Kits are exported only with the "BOM quantity" field.
    await hub.transaction(async (tx) => {
      await tx.stock.recordMovements([{ variantId: mug, location: 'MAIN', kind: 'receipt', quantity: 1 }]);
      expect(await tx.stock.queueSellableUpdates([mug])).toBe(1);
    });
    await hub.stores.update(store.id, { settings: { exportFields: { bomQuantity: true } } });
    await hub.transaction(async (tx) => {
      await tx.stock.recordMovements([{ variantId: mug, location: 'MAIN', kind: 'receipt', quantity: 1 }]);
      expect(await tx.stock.queueSellableUpdates([mug])).toBe(2);
    });
    const entries = await hub.outbox.list({ storeId: store.id, kind: 'stock' });
    expect(entries.map((entry) => [entry.target, entry.payload])).toEqual([
      [`variant:${ids.get('3')}`, { variantId: ids.get('3'), externalId: '3:0', quantity: 2 }],
      [`variant:${mug}`, { variantId: mug, externalId: '1:0', quantity: 10 }],
    ]);
  });

  it('refuses to compute sellable quantities for a store without export locations', async () => {
    const bare = await hub.stores.create({ name: 'no-locations', url: 'https://bare.test' });
    await expect(hub.stock.sellable(bare.id, [ids.get('1')!])).rejects.toThrow(
      "Store 'no-locations' has no stock export locations, so its sellable quantities are unknown. Set them first: prestabridge stores set no-locations stockExportLocations=CODE[,CODE…]",
    );
  });
});
