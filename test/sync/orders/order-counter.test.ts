import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import type { Hub } from '../../../src/hub/index.js';
import { FeedBusyError, FeedError, resetFeedWatermark } from '../../../src/sync/index.js';
import { IMPORT_ORDERS, importOrdersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { hubOrders } from './support/order-compare.js';
import { type Emulator, runFeed } from './support/order-harness.js';

describeEachEngine('the order counter (--from-id, sync reset --to-id)', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
  });
  afterAll(async () => emulator.close());

  const orderIds = (): number[] => [...emulator.store.records('orders')].map((order) => order.id);

  it('--from-id past orders never imported keeps the counter and says so; the next run imports them', async () => {
    const store = await addEmulatorStore(hub, emulator, 'counter');
    const ids = orderIds();
    const from = ids[3]!;
    const { report } = await runFeed(hub, importOrdersFeed, store, { feedOptions: { fromId: from } });
    expect(report.counts.created).toBe(ids.filter((id) => id >= from).length);
    expect(report.notices).toContainEqual(
      expect.objectContaining({
        kind: 'order-counter',
        message: expect.stringContaining(
          `the order counter stays at 0, so the next run imports them. To skip them for good: ` +
            `prestabridge sync reset import-orders --store counter --to-id ${from - 1}`,
        ) as string,
      }),
    );
    expect((await hub.watermarks.get(store.id, IMPORT_ORDERS))?.value.lastId).toBe(0);

    // The orders before it were not lost: the next run imports them (and nothing twice).
    const next = await runFeed(hub, importOrdersFeed, store);
    expect(next.report.counts.created).toBe(ids.filter((id) => id < from).length);
    expect((await hubOrders(hub, store.id)).length).toBe(ids.length);
    expect((await hub.watermarks.get(store.id, IMPORT_ORDERS))?.value.lastId).toBe(ids.at(-1));
  });

  it('sync reset --to-id sets the counter back (keeping the rest of the watermark); a rerun duplicates nothing', async () => {
    const store = await hub.stores.get('counter');
    const before = (await hub.watermarks.get(store.id, IMPORT_ORDERS))?.value;
    const ids = orderIds();
    const result = await resetFeedWatermark(hub, store, IMPORT_ORDERS, { toId: ids[1]! });
    expect(result.before).toEqual(before);
    expect(result.after).toEqual({ ...before, lastId: ids[1] });
    const { report } = await runFeed(hub, importOrdersFeed, store);
    expect(report.counts).toMatchObject({ created: 0, unchanged: ids.length - 2 });
    expect((await hubOrders(hub, store.id)).length).toBe(ids.length);

    await resetFeedWatermark(hub, store, IMPORT_ORDERS);
    expect(await hub.watermarks.get(store.id, IMPORT_ORDERS)).toBeUndefined();
  });

  it('refuses --to-id for a feed without an id counter, and any reset while the feed runs', async () => {
    const store = await hub.stores.get('counter');
    await expect(resetFeedWatermark(hub, store, 'update-orders', { toId: 3 })).rejects.toThrow(FeedError);
    expect(await hub.locks.acquire(`feed:${store.id}:${IMPORT_ORDERS}`, 'someone', 60_000)).toBe(true);
    await expect(resetFeedWatermark(hub, store, IMPORT_ORDERS, { toId: 1 })).rejects.toThrow(FeedBusyError);
    await hub.locks.release(`feed:${store.id}:${IMPORT_ORDERS}`, 'someone');
  });
});
