import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import { type Feed, FeedBusyError, type FeedContext } from '../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/**
 * A feed for the runner's tests: reads product ids in pages of 5 and commits each page with its
 * watermark; `afterPage` lets a test act between pages (stop, inspect).
 */
function countingFeed(afterPage?: (ctx: FeedContext, page: number) => void | Promise<void>): Feed {
  return {
    name: 'count-products',
    description: 'Counts products (test feed).',
    direction: 'import',
    cadence: 'frequency',
    needs: [{ resource: 'products', verb: 'GET' }],
    writes: [],
    async run(ctx) {
      const mark = await ctx.hub.watermarks.get(ctx.store.id, 'count-products');
      const after = Number(mark?.value.lastId ?? 0);
      let page = 0;
      for await (const records of ctx.client.iterate(
        'products',
        { display: ['id'] },
        { pageSize: 5, afterId: after },
      )) {
        ctx.throwIfStopped();
        page += 1;
        const lastId = records.at(-1)?.id ?? after;
        await ctx.commit(async (tx, tally) => {
          tally.created(records.length);
          await tx.watermarks.set(ctx.store.id, 'count-products', { lastId });
        });
        await ctx.progress({ done: records.length, increment: true, step: 'products' });
        await afterPage?.(ctx, page);
      }
    },
  };
}

describe('feed runner', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('runs', (engine) => {
    let hub: Hub;
    let store: Store;
    beforeAll(async () => {
      hub = await engine.openHub();
      store = await hub.stores.create({ name: 'emu', url: emulator.url, webserviceKey: emulator.keys[0]! });
    });

    it('runs a feed to the end, records the run with its counts and report, and keeps the watermark', async () => {
      const products = emulator.store.count('products');
      const progress: number[] = [];
      const runner = new FeedRunner({ hub });
      const { run, report } = await runner.run({
        feed: countingFeed(),
        store,
        trigger: 'manual',
        onProgress: (event) => progress.push(event.done),
      });
      expect(run.status).toBe('succeeded');
      expect(run.counts.created).toBe(products);
      expect(report.counts.created).toBe(products);
      expect(report.requests).toBeGreaterThanOrEqual(Math.ceil(products / 5));
      expect(progress.at(-1)).toBe(products);
      const stored = await hub.runs.get(run.id);
      expect(stored.report).toMatchObject({ feed: 'count-products', status: 'succeeded' });
      const mark = await hub.watermarks.get(store.id, 'count-products');
      expect(mark?.value.lastId).toBeGreaterThan(0);
      await hub.watermarks.reset(store.id, 'count-products');
    });

    it('stops at a page boundary, keeping the pages already committed, and the next run resumes', async () => {
      const controller = new AbortController();
      const runner = new FeedRunner({ hub });
      const stopped = await runner.run({
        feed: countingFeed((_ctx, page) => {
          if (page === 2) controller.abort('test stop');
        }),
        store,
        trigger: 'manual',
        signal: controller.signal,
      });
      expect(stopped.run.status).toBe('cancelled');
      expect(stopped.run.counts.created).toBe(10);
      expect(stopped.report.error).toContain('test stop');

      const resumed = await runner.run({ feed: countingFeed(), store, trigger: 'manual' });
      expect(resumed.run.status).toBe('succeeded');
      expect(stopped.run.counts.created + resumed.run.counts.created).toBe(emulator.store.count('products'));
      await hub.watermarks.reset(store.id, 'count-products');
    });

    it('refuses a second run of the same feed for the same store while the first holds the lock', async () => {
      const runner = new FeedRunner({ hub });
      let second: Promise<unknown> | undefined;
      const first = await runner.run({
        feed: countingFeed((_ctx, page) => {
          // Settled to a value at once, so the rejection is never unhandled while the first run goes on.
          if (page === 1)
            second = runner
              .run({ feed: countingFeed(), store, trigger: 'manual' })
              .catch((error: unknown) => error);
        }),
        store,
        trigger: 'manual',
      });
      expect(first.run.status).toBe('succeeded');
      const refusal = await second;
      expect(refusal).toBeInstanceOf(FeedBusyError);
      expect((refusal as Error).message).toMatch(/already running for store 'emu'/);
      await hub.watermarks.reset(store.id, 'count-products');
    });

    it('takes over the lock of a process that died once its lease has expired', async () => {
      const clock = manualClock(new Date());
      const crashed = await engine.openHub({ clock });
      expect(await crashed.locks.acquire(`feed:${store.id}:count-products`, 'dead-process', 60_000)).toBe(
        true,
      );
      const runner = new FeedRunner({ hub: await engine.openHub({ clock }), clock, leaseMs: 60_000 });
      await expect(runner.run({ feed: countingFeed(), store, trigger: 'manual' })).rejects.toBeInstanceOf(
        FeedBusyError,
      );
      clock.advance(61_000);
      const { run } = await runner.run({ feed: countingFeed(), store, trigger: 'manual' });
      expect(run.status).toBe('succeeded');
      await hub.watermarks.reset(store.id, 'count-products');
    });

    it('reads the key’s permissions once for runs close together, not once per run', async () => {
      const runner = new FeedRunner({ hub });
      emulator.resetCounts();
      await runner.run({ feed: countingFeed(), store, trigger: 'manual' });
      await hub.watermarks.reset(store.id, 'count-products');
      await runner.run({ feed: countingFeed(), store, trigger: 'manual' });
      await hub.watermarks.reset(store.id, 'count-products');
      expect(emulator.requestCounts()['']?.GET).toBe(1);
    });

    it('fails before reading anything when the key lacks a permission the feed needs', async () => {
      const readOnly = await hub.stores.create({
        name: 'emu-ro',
        url: emulator.url,
        webserviceKey: emulator.keys[1]!,
      });
      const feed: Feed = { ...countingFeed(), needs: [{ resource: 'stock_availables', verb: 'PUT' }] };
      const { run, report } = await new FeedRunner({ hub }).run({ feed, store: readOnly, trigger: 'manual' });
      expect(run.status).toBe('failed');
      expect(report.error).toMatch(/PUT on stock_availables/);
      expect(report.counts.created).toBe(0);
    });
  });
});
