import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { DAY_MS, EmbeddedScheduler, FeedRunner, MINUTE_MS } from '../../src/jobs/index.js';
import type { Feed, FeedCadence, FeedDirection } from '../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** A feed that only records that it ran (one cheap request to the store). */
function probeFeed(name: string, direction: FeedDirection, cadence: FeedCadence, ran: string[]): Feed {
  return {
    name,
    description: `${name} (test feed)`,
    direction,
    cadence,
    needs: [],
    writes: [],
    async run(ctx) {
      ran.push(name);
      await ctx.client.list('languages', { display: ['id'] });
    },
  };
}

describe('embedded scheduler', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('frequencies', (engine) => {
    let hub: Hub;
    let store: Store;
    const clock = manualClock('2026-03-02T08:00:00.000Z');
    const ran: string[] = [];
    const feeds = [
      probeFeed('every-import', 'import', 'frequency', ran),
      probeFeed('daily-import', 'import', 'daily', ran),
      probeFeed('manual-import', 'import', 'manual', ran),
      probeFeed('every-export', 'export', 'frequency', ran),
    ];
    let scheduler: EmbeddedScheduler;

    beforeAll(async () => {
      hub = await engine.openHub({ clock });
      store = await hub.stores.create({
        name: 'sched',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { import: { enabled: true, frequencyMinutes: 15 }, export: { enabled: false } },
      });
      scheduler = new EmbeddedScheduler({ hub, runner: new FeedRunner({ hub, clock }), feeds, clock });
    });

    async function tick(): Promise<string[]> {
      ran.length = 0;
      await scheduler.tick();
      await scheduler.idle();
      return [...ran];
    }

    it('runs every due feed of an enabled direction once, in registry order, and never manual ones', async () => {
      expect(await tick()).toEqual(['every-import', 'daily-import']);
    });

    it('waits for the store’s import frequency before running a frequency feed again', async () => {
      clock.advance(10 * MINUTE_MS);
      expect(await tick()).toEqual([]);
      clock.advance(5 * MINUTE_MS);
      expect(await tick()).toEqual(['every-import']);
    });

    it('runs a daily feed once a day', async () => {
      clock.advance(DAY_MS - 15 * MINUTE_MS - 1);
      expect(await tick()).toEqual(['every-import']);
      clock.advance(1);
      expect(await tick()).toEqual(['daily-import']);
    });

    it('follows a per-store override and a disabled store', async () => {
      store = await hub.stores.update(store.id, { settings: { schedules: { 'every-import': 'off' } } });
      clock.advance(DAY_MS);
      expect(await tick()).toEqual(['daily-import']);
      store = await hub.stores.update(store.id, { settings: { schedules: { 'every-import': 5 } } });
      clock.advance(5 * MINUTE_MS);
      expect(await tick()).toEqual(['every-import']);
      store = await hub.stores.update(store.id, { settings: { enabled: false } });
      clock.advance(DAY_MS);
      expect(await tick()).toEqual([]);
    });

    it('starts a feed that never ran on the first tick with a clock that moves', async () => {
      const once: string[] = [];
      const realClock = new EmbeddedScheduler({
        hub,
        runner: new FeedRunner({ hub }),
        feeds: [probeFeed('fresh-feed', 'import', 'frequency', once)],
      });
      await hub.stores.update(store.id, { settings: { enabled: true } });
      await realClock.tick();
      await realClock.idle();
      expect(once).toEqual(['fresh-feed']);
    });

    it('reports each feed’s next time, and none for a feed that is not scheduled', async () => {
      store = await hub.stores.update(store.id, {
        settings: { enabled: true, schedules: { 'every-import': null } },
      });
      const status = await scheduler.status(store.id);
      const next = Object.fromEntries(
        status.map((row) => [row.feed.name, row.nextRunAt?.toISOString() ?? null]),
      );
      const lastEvery = status.find((row) => row.feed.name === 'every-import')!.lastRun!;
      expect(next['every-import']).toBe(
        new Date(Date.parse(lastEvery.startedAt) + 15 * MINUTE_MS).toISOString(),
      );
      expect(next['manual-import']).toBeNull();
      expect(next['every-export']).toBeNull();
    });
  });
});
