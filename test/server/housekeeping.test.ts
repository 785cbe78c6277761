import { beforeAll, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { keepHouse } from '../../src/server/housekeeping.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { startTestServer } from './server-harness.js';

const DAY_MS = 24 * 60 * 60_000;

describeEachEngine('housekeeping', (engine) => {
  const clock = manualClock('2026-06-01T12:00:00.000Z');
  let hub: Hub;
  let store: Store;

  /** One of each kind of row at `daysAgo` days before the clock. */
  async function history(daysAgo: number): Promise<void> {
    const at = new Date(clock().getTime() - daysAgo * DAY_MS);
    const now = clock();
    clock.set(at);
    await hub.requestLog.record({
      storeId: store.id,
      at,
      method: 'GET',
      url: `https://s.test/api/orders?d=${daysAgo}`,
      status: 200,
      durationMs: 5,
    });
    await hub.outbox.enqueue({ storeId: store.id, kind: 'stock', target: `variant:${daysAgo}`, payload: {} });
    const [claimed] = await hub.outbox.claim({ owner: 'test', limit: 1, leaseMs: 60_000, storeId: store.id });
    await hub.outbox.complete(claimed!);
    const run = await hub.runs.start({ storeId: store.id, feed: 'import-orders', trigger: 'schedule' });
    await hub.runs.finish(run.id, { status: 'succeeded' });
    clock.set(now);
  }

  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    store = await hub.stores.create({ name: 'shop', url: 'https://s.test' });
  });

  it('removes request-log entries and delivered outbox entries after 30 days, runs after 90, and nothing else', async () => {
    await history(100);
    await history(45);
    await history(2);
    // What a sync still needs stays whatever its age: a pending push, a running run.
    clock.set(new Date(clock().getTime() - 200 * DAY_MS));
    await hub.outbox.enqueue({ storeId: store.id, kind: 'stock', target: 'variant:waiting', payload: {} });
    const running = await hub.runs.start({ storeId: store.id, feed: 'update-orders', trigger: 'schedule' });
    clock.set('2026-06-01T12:00:00.000Z');

    expect(await keepHouse(hub, clock())).toEqual({ requestLog: 2, outbox: 2, runs: 1 });
    expect((await hub.requestLog.list()).map((entry) => entry.url)).toEqual([
      'https://s.test/api/orders?d=2',
    ]);
    expect(await hub.outbox.counts(store.id)).toMatchObject({ done: 1, pending: 1 });
    const runs = await hub.runs.list({ limit: 10 });
    expect(runs).toHaveLength(3);
    expect(runs.some((run) => run.id === running.id)).toBe(true);
    expect(await keepHouse(hub, clock())).toEqual({ requestLog: 0, outbox: 0, runs: 0 });
  });

  it('runs when serve starts, and says what it removed', async () => {
    await history(60);
    const api = await startTestServer(engine, {
      clock,
      hubOptions: { clock },
      housekeeping: { autoStart: true },
    });
    try {
      const line = await api.logs.waitFor((entry) => entry.event === 'housekeeping');
      expect(line.removed).toEqual({ requestLog: 1, outbox: 1, runs: 0 });
    } finally {
      await api.server.close();
    }
  });
});
