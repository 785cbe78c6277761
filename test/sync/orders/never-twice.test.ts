import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { type FeedContext, RunTally, StoreSession } from '../../../src/sync/index.js';
import { importOrdersFeed, updateOrdersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { hubOrders } from './support/order-compare.js';
import { type Emulator, runFeed } from './support/order-harness.js';
import { startStoreProxy, type StoreProxy } from './support/store-proxy.js';

/**
 * Runs import-orders without the runner, so without its lock: what two overlapping runs would do if
 * the lock ever failed. Counts are kept in a tally of the caller's.
 */
async function runUnlocked(hub: Hub, store: Store, tally: RunTally, pageSize: number): Promise<void> {
  const session = await StoreSession.open(hub, store, { retry: { maxRetries: 0 } });
  const controller = new AbortController();
  const ctx: FeedContext = {
    runId: 0,
    store,
    client: session.client,
    hub,
    options: { pageSize },
    signal: controller.signal,
    now: () => new Date(),
    commit: (work) =>
      hub.transaction(async (tx) => {
        const page = new RunTally();
        const result = await work(tx, page);
        tally.merge(page);
        return result;
      }),
    tally,
    progress: () => Promise.resolve(),
    notice: () => undefined,
    throwIfStopped: () => undefined,
  };
  try {
    await importOrdersFeed.run(ctx);
  } finally {
    await session.close();
  }
}

describeEachEngine('a store order is imported once, whatever happens', (engine) => {
  let emulator: Emulator;
  let proxy: StoreProxy;
  let hub: Hub;
  /** Hooks the proxy calls before passing a request on. */
  const hooks: {
    onRequest?: ((method: string, path: string) => void) | undefined;
    replayOrdersPage?: boolean;
  } = {};
  let firstOrdersPage: Buffer | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', sizes: { orders: 120 } });
    proxy = await startStoreProxy(
      emulator.url,
      (method, path) => {
        hooks.onRequest?.(method, path);
        return 'pass';
      },
      (method, path, answer) => {
        if (method !== 'GET' || !/^\/api\/orders\?.*display=full/.test(path) || !hooks.replayOrdersPage)
          return answer;
        // The store answers the second page with the first one again (orders arrived while it paged).
        if (firstOrdersPage === undefined) {
          firstOrdersPage = answer;
          return answer;
        }
        hooks.replayOrdersPage = false;
        return firstOrdersPage;
      },
    );
    hub = await engine.openHub();
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  const viaProxy = (name: string) => addEmulatorStore(hub, { url: proxy.url, keys: emulator.keys }, name);
  const count = () => emulator.store.count('orders');

  it('two overlapping runs (no lock between them) create each order once', async () => {
    const store = await addEmulatorStore(hub, emulator, 'overlap');
    const second = await engine.openHub();
    const [one, two] = [new RunTally(), new RunTally()];
    await Promise.all([runUnlocked(hub, store, one, 15), runUnlocked(second, store, two, 20)]);
    expect(one.counts.created + two.counts.created).toBe(count());
    expect(one.counts.failed + two.counts.failed).toBe(0);
    const orders = await hubOrders(hub, store.id);
    expect(orders.map((order) => Number(order.externalId))).toEqual(
      [...emulator.store.records('orders')].map((order) => order.id),
    );
    expect(new Set(orders.map((order) => order.id)).size).toBe(count());
  });

  it('a store answering a page twice while paging adds nothing twice', async () => {
    const store = await viaProxy('replayed');
    hooks.replayOrdersPage = true;
    const { report } = await runFeed(hub, importOrdersFeed, store, { feedOptions: { pageSize: 25 } });
    expect(hooks.replayOrdersPage).toBe(false);
    expect(report.counts).toMatchObject({ created: count(), unchanged: 25, failed: 0 });
    expect((await hubOrders(hub, store.id)).length).toBe(count());
  });

  it('an order changing state while its page is read is imported once, and the change follows', async () => {
    const store = await viaProxy('moving');
    // An order the hub will still have to fulfil (neither shipped nor final in the store).
    const target = [...emulator.store.records('orders')].find((order) =>
      ['2', '3', '10'].includes(textOf(order.values.current_state)),
    )!.id;
    hooks.onRequest = (method, path) => {
      const ids = /filter\[id_order\]=\[([\d|]+)\]/.exec(decodeURIComponent(path))?.[1]?.split('|') ?? [];
      if (method === 'GET' && path.startsWith('/api/order_histories') && ids.includes(String(target))) {
        hooks.onRequest = undefined;
        emulator.store.cancelOrder(target);
      }
    };
    const { report } = await runFeed(hub, importOrdersFeed, store, { feedOptions: { pageSize: 50 } });
    expect(hooks.onRequest).toBeUndefined();
    expect(report.counts.created).toBe(count());
    // The page said one state, the history another: the next update reads the order again.
    await runFeed(hub, updateOrdersFeed, store);
    const order = await hub.orders.findByExternalId(store.id, target);
    expect(order).toMatchObject({ storeStateId: 6, hubStatus: 'cancelled' });
    expect(textOf(emulator.store.get('orders', target)?.values.current_state)).toBe('6');
    expect((await hubOrders(hub, store.id)).length).toBe(count());
  });
});
