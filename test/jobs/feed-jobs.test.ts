import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { FeedJobs, type FeedJobSkip, FeedRunner, type JobRunner } from '../../src/jobs/index.js';
import type { Feed } from '../../src/sync/index.js';
import { manualClock } from '../support/databases.js';
import { describeEachRunner, gate } from '../support/job-runners.js';

const MINUTE = 60_000;
/** Longer than the test's clock jumps: no run or store slot looks abandoned. */
const LEASE_MS = 60 * MINUTE;

/**
 * A scheduled import that only records that it ran (`feed` alone, or `feed:store` with `withStore`);
 * `hold` keeps it running until opened.
 */
function recordingFeed(
  name: string,
  ran: string[],
  hold?: Promise<void>,
  options: { withStore?: boolean } = {},
): Feed {
  return {
    name,
    description: `${name} (test feed)`,
    direction: 'import',
    cadence: 'frequency',
    needs: [],
    writes: [],
    async run(ctx) {
      ran.push(options.withStore === true ? `${name}:${ctx.store.name}` : name);
      await hold;
    },
  };
}

/**
 * Feed jobs on both runners: one waiting job per store and feed stands for every tick that finds the
 * feed due while it waits. A job deferred behind a busy store that wakes after the feed's next due
 * time must run the feed for that due time — a cluster's ticks that found it due had their jobs
 * dropped for it, and nobody would run it until some later tick.
 */
describeEachRunner('feed jobs', (under) => {
  let emulator: RunningEmulator;
  let hub: Hub;
  let store: Store;
  const runners: JobRunner[] = [];
  const clock = manualClock('2026-03-02T08:00:00.000Z');

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await under.engine.openHub({ clock });
    store = await hub.stores.create({
      name: 'emu',
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      settings: { import: { enabled: true, frequencyMinutes: 5 }, export: { enabled: false } },
    });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('a job deferred behind a busy store runs the feed that fell due while it waited', async () => {
    const T0 = clock().getTime();
    const ran: string[] = [];
    const held = gate();
    const slow = recordingFeed('slow-sweep', ran, held.promise);
    const quick = recordingFeed('quick-import', ran);
    const feedRunner = new FeedRunner({ hub, clock, leaseMs: LEASE_MS });
    // The quick import last ran at T0: its next due time is T0 + 5 min.
    await feedRunner.run({ feed: quick, store, trigger: 'manual' });
    ran.length = 0;

    // Both feeds are in the catalog lane: four slots give it three.
    const jobs = under.create({ concurrency: 4 });
    runners.push(jobs);
    const skipped: FeedJobSkip[] = [];
    const finished: string[] = [];
    const feedJobs = new FeedJobs({
      hub,
      jobs,
      runner: feedRunner,
      feeds: [slow, quick],
      clock,
      leaseMs: LEASE_MS,
      deferMs: 200,
      onRunSkipped: (data, reason) => {
        if (data.feed === quick.name) skipped.push(reason);
      },
      onRunFinished: ({ run }) => finished.push(`${run.feed} ${run.status}`),
    });
    feedJobs.define(4);
    await jobs.start();

    // T0: the sweep never ran — it starts and holds the store's only slot.
    await feedJobs.tick();
    await expect.poll(() => ran).toEqual([slow.name]);
    // T0 + 6 min: the quick import is due (T0 + 5 min); its job waits behind the sweep.
    clock.set(new Date(T0 + 6 * MINUTE));
    expect((await feedJobs.tick()).feeds).toBe(1);
    await expect.poll(() => skipped).toContain('store-busy');
    // Meanwhile it runs by hand, for that due time; at T0 + 12 min it is due again (T0 + 11 min), and
    // the tick's job is dropped for the one still waiting.
    await feedRunner.run({ feed: quick, store, trigger: 'manual' });
    clock.set(new Date(T0 + 12 * MINUTE));
    expect((await feedJobs.tick()).feeds).toBe(0);
    held.open();
    // The waiting job either runs the import or finds "its" due time already run (and drops it).
    await expect
      .poll(() => finished.includes(`${quick.name} succeeded`) || skipped.includes('already-ran'))
      .toBe(true);

    expect(skipped).not.toContain('already-ran');
    expect(finished).toContain(`${quick.name} succeeded`);
    const latest = await hub.runs.latest(store.id, quick.name);
    expect(latest?.startedAt).toBe(new Date(T0 + 12 * MINUTE).toISOString());
  });
});

/**
 * Fairness on both runners: a fleet's order imports (higher priority, every minute) must not take
 * every feed slot of a worker — a new store's catalog import gets the catalog lane's reserved share —
 * and a new store's order imports wait until its first catalog import has succeeded. Before the two
 * lanes, the held order imports of two live stores took both slots and the new store's
 * import-products never started.
 */
describeEachRunner('feed jobs fairness', (under) => {
  let emulator: RunningEmulator;
  let hub: Hub;
  const runners: JobRunner[] = [];
  const clock = manualClock('2026-03-02T08:00:00.000Z');

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await under.engine.openHub({ clock });
  });
  const held = gate();
  afterEach(async () => {
    // A failed test leaves its held imports running: they end before the runner's stop waits for them.
    held.open();
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('a new store’s catalog import starts while live stores’ order imports hold the order lane, and its orders wait for it', async () => {
    const create = (name: string): Promise<Store> =>
      hub.stores.create({
        name,
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { import: { enabled: true, frequencyMinutes: 1 }, export: { enabled: false } },
      });
    const liveA = await create('live-a');
    const liveB = await create('live-b');
    const ran: string[] = [];
    const products = recordingFeed('import-products', ran, undefined, { withStore: true });
    const orders = recordingFeed('import-orders', ran, undefined, { withStore: true });
    // Live stores' order imports hold their slot (a long first import, a slow store) until opened.
    const heldOrders: Feed = {
      ...orders,
      run: async (ctx) => {
        await orders.run(ctx);
        if (ctx.store.name !== 'fresh') await held.promise;
      },
    };
    const feedRunner = new FeedRunner({ hub, clock, leaseMs: LEASE_MS });
    for (const store of [liveA, liveB]) await feedRunner.run({ feed: products, store, trigger: 'manual' });
    ran.length = 0;

    const jobs = under.create();
    runners.push(jobs);
    const ours = new Set([liveA.id, liveB.id]);
    const feedJobs = new FeedJobs({
      hub,
      jobs,
      runner: feedRunner,
      feeds: [products, heldOrders],
      clock,
      leaseMs: LEASE_MS,
      deferMs: 200,
      overrides: (store) => (ours.has(store.id) ? undefined : 'off'),
    });
    // Two feed slots: one per lane.
    feedJobs.define(2);
    await jobs.start();

    // The live stores' order imports are due (never ran) and take the order lane.
    expect((await feedJobs.tick()).feeds).toBe(2);
    const ordersStarted = (): number => ran.filter((entry) => entry.startsWith('import-orders:')).length;
    await expect.poll(ordersStarted, { timeout: 10_000 }).toBeGreaterThan(0);
    // A store is added: its catalog import is due; its order import is not sent, it has no catalog yet.
    const fresh = await create('fresh');
    ours.add(fresh.id);
    expect((await feedJobs.tick()).feeds).toBe(1);
    await expect.poll(() => ran, { timeout: 10_000 }).toContain('import-products:fresh');
    expect(ordersStarted()).toBe(1);
    expect(ran).not.toContain('import-orders:fresh');
    await expect.poll(async () => (await hub.runs.latest(fresh.id, products.name))?.status).toBe('succeeded');

    // Its catalog in, its order import is sent at the next tick, and runs once the lane frees up.
    clock.set(new Date(clock().getTime() + 1_000));
    expect((await feedJobs.tick()).feeds).toBe(1);
    held.open();
    await expect.poll(() => ran, { timeout: 10_000 }).toContain('import-orders:fresh');
    expect(ran.indexOf('import-products:fresh')).toBeLessThan(ran.indexOf('import-orders:fresh'));
  });
});
