import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import { DAY_MS, MINUTE_MS } from '../../src/jobs/index.js';
import { drainOutboxFeed, type Feed, type FeedCadence, type FeedDirection } from '../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { type Emulator, type LogLine, type ServerUnderTest, startTestServer } from './server-harness.js';

/** A feed that records that it ran and counts one record (one cheap request to the store). */
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
      await ctx.commit((_tx, tally) => Promise.resolve(tally.created(1)));
    },
  };
}

describe('serve: the scheduler', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('frequencies with a fake clock', (engine) => {
    const clock = manualClock('2026-03-02T08:00:00.000Z');
    const ran: string[] = [];
    const feeds = [
      probeFeed('every-import', 'import', 'frequency', ran),
      probeFeed('every-export', 'export', 'frequency', ran),
      probeFeed('daily-check', 'export', 'daily', ran),
      probeFeed('by-hand', 'import', 'manual', ran),
      drainOutboxFeed,
    ];
    let api: ServerUnderTest;

    beforeAll(async () => {
      api = await startTestServer(engine, { feeds, clock, hubOptions: { clock } });
      await api.hub.stores.create({
        name: 'emu',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: {
          import: { enabled: true, frequencyMinutes: 15 },
          export: { enabled: true, frequencyMinutes: 60 },
        },
      });
    });
    afterAll(async () => {
      await api.server.close();
    });

    async function tick(): Promise<string[]> {
      ran.length = 0;
      await api.server.tick();
      await api.server.scheduler.idle();
      return [...ran];
    }

    it('runs every due feed at once: import and export at their frequency, daily ones, never manual ones', async () => {
      expect(await tick()).toEqual(['every-import', 'every-export', 'daily-check']);
    });

    it('leaves drain-outbox to the outbox loop', async () => {
      const feedsOfStore = (await api.call('GET', '/stores/emu/feeds')).json<{
        items: Array<{ feed: string; intervalMinutes: number | null; nextRunAt: string | null }>;
      }>().items;
      expect(feedsOfStore.find((row) => row.feed === 'drain-outbox')).toMatchObject({
        intervalMinutes: null,
        nextRunAt: null,
      });
      expect((await api.hub.runs.list({ feed: 'drain-outbox' })).length).toBe(0);
    });

    it('runs an import feed again after the import frequency, an export feed after the export frequency', async () => {
      clock.advance(14 * MINUTE_MS);
      expect(await tick()).toEqual([]);
      clock.advance(MINUTE_MS);
      expect(await tick()).toEqual(['every-import']);
      clock.advance(45 * MINUTE_MS);
      expect(await tick()).toEqual(['every-import', 'every-export']);
    });

    it('runs a daily feed once a day', async () => {
      clock.set(new Date(Date.parse('2026-03-02T08:00:00.000Z') + DAY_MS));
      expect(await tick()).toEqual(['every-import', 'every-export', 'daily-check']);
    });

    it('follows a schedule set through the API', async () => {
      const set = await api.call('PUT', '/stores/emu/feeds/every-export/schedule', { everyMinutes: 5 });
      expect(set.statusCode).toBe(200);
      clock.advance(5 * MINUTE_MS);
      expect(await tick()).toEqual(['every-export']);
      await api.call('PUT', '/stores/emu/feeds/every-import/schedule', { off: true });
      clock.advance(60 * MINUTE_MS);
      expect(await tick()).toEqual(['every-export']);
    });

    it('logs one line when each run starts and one when it ends, with its counts and duration', async () => {
      const scheduled = await api.hub.runs.list({ limit: 500 });
      expect(scheduled.length).toBe(11);
      for (const run of scheduled) {
        const started = api.logs.lines.filter(
          (line) => line.event === 'run-started' && line.runId === run.id,
        );
        const ended = api.logs.lines.filter((line) => line.event === 'run-finished' && line.runId === run.id);
        expect(started).toHaveLength(1);
        expect(started[0]).toMatchObject({ feed: run.feed, store: 'emu', trigger: 'schedule' });
        expect(ended).toHaveLength(1);
        const end = ended[0] as LogLine & { counts: { created: number }; durationMs: number };
        expect(end).toMatchObject({ status: 'succeeded', store: 'emu', counts: { created: 1 } });
        expect(end.durationMs).toBeGreaterThanOrEqual(0);
        expect(end.level).toBe(30);
      }
      expect(api.logs.text()).not.toContain(emulator.keys[0]!);
    });
  });
  describeEachEngine('with the system clock', (engine) => {
    it('starts the feeds due at start on its own, including those that never ran', async () => {
      const ran: string[] = [];
      // The store exists before the server starts, as after a restart.
      const hub = await engine.openHub();
      await hub.stores.create({
        name: 'emu',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { import: { enabled: true } },
      });
      const restarted = await startTestServer(engine, {
        feeds: [probeFeed('first-import', 'import', 'frequency', ran)],
        scheduler: { autoStart: true, tickMs: 60_000 },
      });
      const ended = await restarted.logs.waitFor((line) => line.event === 'run-finished');
      expect(ended).toMatchObject({ feed: 'first-import', status: 'succeeded', trigger: 'schedule' });
      expect(ran).toEqual(['first-import']);
      await restarted.server.close();
    });
  });
});
