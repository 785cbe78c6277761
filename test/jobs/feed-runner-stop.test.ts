import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import type { Feed } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Commits one page, tells the test, then waits until the run is stopped and checks for Stop. */
function pausingFeed(onPaused: (runId: number) => void): Feed {
  return {
    name: 'pause-after-page',
    description: 'Reads one page, then waits to be stopped (test feed).',
    direction: 'import',
    cadence: 'manual',
    needs: [],
    writes: [],
    async run(ctx) {
      const page = await ctx.client.list('products', { display: ['id'], limit: 5 });
      await ctx.commit((_tx, tally) => {
        tally.created(page.length);
        return Promise.resolve();
      });
      const stopped = new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
      onPaused(ctx.runId);
      await stopped;
      ctx.throwIfStopped();
    },
  };
}

describe('feed runner: stop from another process', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('stop request', (engine) => {
    let hub: Hub;
    let elsewhere: Hub;
    let store: Store;
    beforeAll(async () => {
      hub = await engine.openHub();
      elsewhere = await engine.openHub();
      store = await hub.stores.create({ name: 'emu', url: emulator.url, webserviceKey: emulator.keys[0]! });
    });

    it('stops a run when another hub on the same database asks, keeping what was committed', async () => {
      const runner = new FeedRunner({ hub, heartbeatMs: 20 });
      const feed = pausingFeed((runId) => void elsewhere.runs.requestStop(runId));
      const { run, report } = await runner.run({ feed, store, trigger: 'manual' });
      expect(run.status).toBe('cancelled');
      expect(run.counts.created).toBe(5);
      expect(report.error).toContain('stop requested from another process');
      expect(await hub.locks.holder(`feed:${store.id}:pause-after-page`)).toBeUndefined();
    });
  });
});
