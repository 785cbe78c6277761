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

/** A scheduled import that only records that it ran; `hold` keeps it running until opened. */
function recordingFeed(name: string, ran: string[], hold?: Promise<void>): Feed {
  return {
    name,
    description: `${name} (test feed)`,
    direction: 'import',
    cadence: 'frequency',
    needs: [],
    writes: [],
    async run() {
      ran.push(name);
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

    const jobs = under.create({ concurrency: 2 });
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
    feedJobs.define(2);
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
