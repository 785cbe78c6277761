import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Store } from '../../src/hub/index.js';
import { MINUTE_MS } from '../../src/jobs/index.js';
import type { ApiRun, ApiRunDetail } from '../../src/server/index.js';
import { importProductsFeed } from '../../src/sync/catalog/import-products.feed.js';
import type { Feed, OutboxHandler } from '../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { countingFeed, deferred, type Emulator, startTestServer, untilAborted } from './server-harness.js';

/**
 * import-products in pages of 3 products, holding after its second committed page until the run is
 * asked to stop (the first time only), so that shutdown arrives mid-run at a known point.
 */
function importProductsHeldAfterPage2(onHeld: (runId: number) => void): Feed {
  let holdOnce = true;
  return {
    ...importProductsFeed,
    run(ctx) {
      let pages = 0;
      return importProductsFeed.run({
        ...ctx,
        options: { pageSize: 3 },
        async progress(update) {
          await ctx.progress(update);
          if (!update.increment) return;
          pages += 1;
          if (holdOnce && pages === 2) {
            holdOnce = false;
            onHeld(ctx.runId);
            await untilAborted(ctx);
          }
        },
      });
    },
  };
}

describe('serve: graceful shutdown', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('shutdown and restart', (engine) => {
    it('stops a scheduled import mid-run keeping its committed pages; a restart resumes with no duplicates', async () => {
      const held = deferred<number>();
      const feeds = [importProductsHeldAfterPage2(held.resolve)];
      const clock = manualClock(new Date());
      const first = await startTestServer(engine, {
        feeds,
        clock,
        hubOptions: { clock },
        keepHubOpen: false,
      });
      const store: Store = await first.hub.stores.create({
        name: 'emu',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { import: { enabled: true } },
      });
      await first.server.tick();
      const runId = await held.promise;

      await first.server.close();
      await expect(first.hub.stores.list()).rejects.toThrow();
      const stoppedLine = await first.finished(runId);
      expect(stoppedLine).toMatchObject({ status: 'cancelled', level: 40 });

      // Restart on the same database, as a new process would.
      const second = await startTestServer(engine, {
        feeds: [importProductsFeed],
        clock,
        hubOptions: { clock },
      });
      const stopped = (await second.call('GET', `/runs/${runId}`)).json<ApiRunDetail>();
      expect(stopped.status).toBe('cancelled');
      expect(stopped.error).toMatch(/shutting down/);
      const keptAfterStop = await second.hub.catalog.listVariants({ storeId: store.id, limit: 500 });
      const productsKept = new Set(keptAfterStop.map((row) => row.productId)).size;
      expect(productsKept).toBeGreaterThan(0);
      expect(productsKept).toBeLessThan(emulator.store.count('products'));
      expect(stopped.counts.created).toBe(productsKept);

      // Not before its next time: the stopped run counts as the last run.
      await second.server.tick();
      expect(await second.hub.runs.list({ limit: 500 })).toHaveLength(1);
      clock.advance(15 * MINUTE_MS);
      await second.server.tick();
      await second.server.scheduler.idle();
      const [resumed] = await second.hub.runs.list({ feed: 'import-products', limit: 1 });
      expect(resumed).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
      expect(resumed!.counts.created).toBe(emulator.store.count('products') - productsKept);
      expect(resumed!.counts.updated + resumed!.counts.unchanged).toBe(0);

      const variants = await second.hub.catalog.listVariants({ storeId: store.id, limit: 500 });
      expect(new Set(variants.map((row) => row.productId)).size).toBe(emulator.store.count('products'));
      expect(new Set(variants.map((row) => row.sku)).size).toBe(variants.length);
      await second.server.close();
    });

    it('stops a run started through the API, and starts nothing new once closing', async () => {
      const held = deferred<number>();
      const feed = countingFeed({
        name: 'held',
        async afterPage(ctx) {
          held.resolve(ctx.runId);
          await untilAborted(ctx);
        },
      });
      const api = await startTestServer(engine, { feeds: [feed] });
      await api.hub.stores.create({
        name: 'emu2',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { import: { enabled: true } },
      });
      const run = (await api.call('POST', '/stores/emu2/feeds/held/runs')).json<{ run: ApiRun }>().run;
      expect(await held.promise).toBe(run.id);
      await api.server.close();

      const stopped = await api.hub.runs.get(run.id);
      expect(stopped.status).toBe('cancelled');
      expect(stopped.counts.created).toBe(5);
      const runsAfter = await api.hub.runs.list({ limit: 500 });
      await api.server.tick();
      await api.server.scheduler.idle();
      expect(await api.hub.runs.list({ limit: 500 })).toEqual(runsAfter);
      expect(api.logs.lines.map((line) => line.event)).toEqual(
        expect.arrayContaining(['server-started', 'server-stopping', 'server-stopped']),
      );
    });

    it('lets outbox deliveries in flight finish and hands the others back to pending; a restart sends them', async () => {
      const inFlight: string[] = [];
      const sent: string[] = [];
      const fourInFlight = deferred();
      const release = deferred();
      const allSent = deferred();
      const slowHandler: OutboxHandler = {
        kind: 'test-slow',
        purpose: 'deliver slowly',
        needs: [],
        decode: (payload) => payload,
        async send(entry) {
          inFlight.push(entry.target);
          if (inFlight.length === 4) fourInFlight.resolve();
          await release.promise;
          sent.push(entry.target);
          if (sent.length === 6) allSent.resolve();
          return 'done';
        },
      };
      const first = await startTestServer(engine, {
        outboxHandlers: [slowHandler],
        outbox: { autoStart: true },
        feeds: [],
      });
      const store = await first.hub.stores.create({
        name: 'emu3',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { export: { enabled: true } },
      });
      await first.hub.outbox.enqueueMany(
        [1, 2, 3, 4, 5, 6].map((n) => ({
          storeId: store.id,
          kind: 'test-slow',
          target: `thing:${n}`,
          payload: { n },
        })),
      );
      first.server.outbox.nudge();
      await fourInFlight.promise;

      // Deliveries in flight are let go only once the loop has been told to stop.
      const stopLoop = first.server.outbox.stop.bind(first.server.outbox);
      first.server.outbox.stop = () => {
        const stopping = stopLoop();
        release.resolve();
        return stopping;
      };
      await first.server.close();
      expect(await first.hub.outbox.counts(store.id)).toEqual({
        pending: 2,
        in_flight: 0,
        done: 4,
        failed: 0,
      });
      expect(sent).toHaveLength(4);

      const second = await startTestServer(engine, {
        outboxHandlers: [slowHandler],
        outbox: { autoStart: true },
        feeds: [],
      });
      await allSent.promise;
      await second.server.close();
      expect(await second.hub.outbox.counts(store.id)).toEqual({
        pending: 0,
        in_flight: 0,
        done: 6,
        failed: 0,
      });
      expect(new Set(sent).size).toBe(6);
    });
  });
});
