import { beforeAll, expect, it } from 'vitest';

import type { Hub, OrderRecord, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { bareOrder } from '../support/orders.js';

const twoLines = (id: number): OrderRecord =>
  bareOrder(id, {
    initialStatus: 'approved',
    lines: [
      { sku: 'A', name: 'A', quantity: 3, unitPriceTaxExcl: '1', unitPriceTaxIncl: '1' },
      { sku: 'B', name: 'B', quantity: 1, unitPriceTaxExcl: '1', unitPriceTaxIncl: '1' },
      { kind: 'shipping', name: 'Shipping', quantity: 1, unitPriceTaxExcl: '5', unitPriceTaxIncl: '6' },
    ],
  });

describeEachEngine('shipments', (engine) => {
  let hub: Hub;
  let store: Store;
  let quiet: Store;
  beforeAll(async () => {
    hub = await engine.openHub({ clock: manualClock() });
    store = await hub.stores.create({
      name: 'ships',
      url: 'https://ships.test',
      settings: { shipmentStates: { full: 4, partial: 13 } },
    });
    quiet = await hub.stores.create({ name: 'quiet', url: 'https://quiet.test' });
  });

  it('records partial then full shipments, moves the order status and queues a confirmation for each', async () => {
    const orderId = (await hub.orders.upsertOrders(store.id, [twoLines(1)])).items[0]!.localId;
    const order = await hub.orders.get(orderId);
    const [lineA, lineB] = order.lines;
    const partial = await hub.shipments.record({
      orderId,
      lines: [{ orderLineId: lineA!.id, quantity: 2 }],
      carrier: 'PostNL',
    });
    expect(partial).toMatchObject({
      orderStatus: 'partially_shipped',
      confirmationQueued: true,
      shipment: { complete: false },
    });
    const full = await hub.shipments.record({ orderId, trackingNumber: '3SABC123' });
    expect(full.orderStatus).toBe('shipped');
    expect(full.shipment.lines).toEqual([
      { orderLineId: lineA!.id, quantity: 1 },
      { orderLineId: lineB!.id, quantity: 1 },
    ]);
    const saved = await hub.orders.get(orderId);
    expect(saved.hubStatus).toBe('shipped');
    expect(saved.lines.map((line) => line.quantityShipped)).toEqual([3, 1, 0]);
    expect(saved.shipments.map((shipment) => shipment.complete)).toEqual([false, true]);
    const entries = await hub.outbox.list({ storeId: store.id, kind: 'shipment' });
    expect(entries.map((entry) => entry.payload)).toEqual([
      {
        orderId: '1',
        shipmentId: full.shipment.id,
        complete: true,
        stateId: 4,
        trackingNumber: '3SABC123',
        carrier: null,
      },
      {
        orderId: '1',
        shipmentId: partial.shipment.id,
        complete: false,
        stateId: 13,
        trackingNumber: null,
        carrier: 'PostNL',
      },
    ]);
  });

  it('refuses to ship more than ordered, or an order that is not approved', async () => {
    const orderId = (await hub.orders.upsertOrders(store.id, [twoLines(2)])).items[0]!.localId;
    const line = (await hub.orders.get(orderId)).lines[1]!;
    await expect(
      hub.shipments.record({ orderId, lines: [{ orderLineId: line.id, quantity: 2 }] }),
    ).rejects.toThrow(`Order ${orderId}, line ${line.id}: can ship 1 to 1 more, not 2.`);
    await hub.orders.setStatus([orderId], 'cancelled');
    await expect(hub.shipments.record({ orderId })).rejects.toThrow(
      /is cancelled: only approved or partially shipped orders can ship/,
    );
    expect((await hub.orders.get(orderId)).shipments).toEqual([]);
  });

  it('tells the store nothing when no shipment state is configured', async () => {
    const orderId = (await hub.orders.upsertOrders(quiet.id, [twoLines(1)])).items[0]!.localId;
    expect((await hub.shipments.record({ orderId })).confirmationQueued).toBe(false);
    expect(await hub.outbox.list({ storeId: quiet.id })).toEqual([]);
  });
});
