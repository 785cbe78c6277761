import { beforeAll, beforeEach, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { bareOrder } from '../support/orders.js';

describeEachEngine('activity', (engine) => {
  const clock = manualClock('2026-03-10T08:00:00.000Z');
  let hub: Hub;
  let store: Store;
  let other: Store;
  let stores = 0;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
  });
  beforeEach(async () => {
    stores += 1;
    clock.set('2026-03-10T08:00:00.000Z');
    store = await hub.stores.create({ name: `activity-${stores}`, url: 'https://activity.test' });
    other = await hub.stores.create({ name: `elsewhere-${stores}`, url: 'https://elsewhere.test' });
  });

  /** Imports orders (by external id) into `into` as the hub's clock reads `at`. */
  async function importOrdersAt(at: string, ids: number[], into: Store = store): Promise<void> {
    clock.set(at);
    await hub.orders.upsertOrders(
      into.id,
      ids.map((id) => bareOrder(id)),
    );
  }

  /** Queues a stock quantity for each target and delivers it (or gives it up) as the clock reads `at`. */
  async function pushStockAt(
    at: string,
    targets: string[],
    outcome: 'done' | 'failed' = 'done',
    into: Store = store,
  ): Promise<void> {
    clock.set(at);
    await hub.outbox.enqueueMany(
      targets.map((target) => ({ storeId: into.id, kind: 'stock', target, payload: { quantity: 3 } })),
    );
    const claimed = await hub.outbox.claim({ owner: 'test', limit: 100, leaseMs: 60_000, storeId: into.id });
    for (const entry of claimed) {
      if (outcome === 'done') await hub.outbox.complete(entry);
      else await hub.outbox.fail(entry, { error: 'refused', retryAt: null });
    }
  }

  it('counts the orders imported per UTC hour since a given hour, for one store', async () => {
    await importOrdersAt('2026-03-10T07:59:59.999Z', [1]);
    await importOrdersAt('2026-03-10T08:00:00.000Z', [2]);
    await importOrdersAt('2026-03-10T08:59:00.000Z', [3, 4]);
    await importOrdersAt('2026-03-10T10:30:00.000Z', [5]);
    await importOrdersAt('2026-03-10T10:31:00.000Z', [6, 7], other);
    // Imported again (changed in the store): still the order imported at 08:00.
    clock.set('2026-03-10T10:45:00.000Z');
    await hub.orders.upsertOrders(store.id, [bareOrder(2, { reference: 'CHANGED' })]);

    const counts = await hub.activity.ordersImportedPerHour(store.id, new Date('2026-03-10T08:00:00.000Z'));
    expect(Object.fromEntries(counts)).toEqual({ '2026-03-10T08': 3, '2026-03-10T10': 1 });
    expect(
      Object.fromEntries(
        await hub.activity.ordersImportedPerHour(other.id, new Date('2026-03-10T00:00:00Z')),
      ),
    ).toEqual({ '2026-03-10T10': 2 });
    expect((await hub.activity.ordersImportedPerHour(store.id, new Date('2026-03-11T00:00:00Z'))).size).toBe(
      0,
    );
  });

  it('counts the stock quantities delivered per UTC hour, not those waiting, given up or of another kind', async () => {
    await pushStockAt('2026-03-10T06:30:00.000Z', ['variant:1']);
    await pushStockAt('2026-03-10T09:05:00.000Z', ['variant:1', 'variant:2', 'variant:3']);
    await pushStockAt('2026-03-10T09:55:00.000Z', ['variant:4']);
    await pushStockAt('2026-03-10T11:00:00.000Z', ['variant:5'], 'failed');
    await pushStockAt('2026-03-10T11:10:00.000Z', ['variant:6'], 'done', other);
    clock.set('2026-03-10T11:20:00.000Z');
    // Delivered, but not stock.
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'order_state',
      target: 'order:1',
      payload: { state: 4 },
    });
    for (const entry of await hub.outbox.claim({
      owner: 'test',
      limit: 10,
      leaseMs: 60_000,
      storeId: store.id,
    }))
      await hub.outbox.complete(entry);
    // Waiting.
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:7',
      payload: { quantity: 1 },
    });

    const since = new Date('2026-03-10T08:00:00.000Z');
    expect(Object.fromEntries(await hub.activity.stockPushedPerHour(store.id, since))).toEqual({
      '2026-03-10T09': 4,
    });
    expect(Object.fromEntries(await hub.activity.stockPushedPerHour(other.id, since))).toEqual({
      '2026-03-10T11': 1,
    });
  });

  it('tells what waits in the outbox: pending or in flight, given up, and since when the oldest waits', async () => {
    expect(await hub.activity.outboxBacklog(store.id)).toEqual({
      pending: 0,
      failed: 0,
      oldestWaitingAt: null,
    });

    await pushStockAt('2026-03-10T07:00:00.000Z', ['variant:1']);
    await pushStockAt('2026-03-10T07:30:00.000Z', ['variant:2'], 'failed');
    clock.set('2026-03-10T08:15:00.000Z');
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:3',
      payload: { quantity: 1 },
    });
    clock.set('2026-03-10T08:20:00.000Z');
    await hub.outbox.enqueue({ storeId: store.id, kind: 'shipment', target: 'order:9', payload: {} });
    // In flight since 08:45, queued at 08:40: still waiting, and the oldest.
    clock.set('2026-03-10T08:40:00.000Z');
    await hub.outbox.enqueue({
      storeId: other.id,
      kind: 'stock',
      target: 'variant:1',
      payload: { quantity: 1 },
    });
    clock.set('2026-03-10T08:45:00.000Z');
    await hub.outbox.claim({ owner: 'test', limit: 10, leaseMs: 60_000, storeId: other.id });
    // A newer quantity for the same variant coalesces into the waiting entry: it has waited since 08:15.
    clock.set('2026-03-10T09:00:00.000Z');
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:3',
      payload: { quantity: 2 },
    });

    expect(await hub.activity.outboxBacklog(store.id)).toEqual({
      pending: 2,
      failed: 1,
      oldestWaitingAt: '2026-03-10T08:15:00.000Z',
    });
    expect(await hub.activity.outboxBacklog(other.id)).toEqual({
      pending: 1,
      failed: 0,
      oldestWaitingAt: '2026-03-10T08:40:00.000Z',
    });
  });
});
