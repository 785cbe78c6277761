import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { main } from '../../src/cli/main.js';
import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { allFeeds, type Feed, type FeedReport } from '../../src/sync/index.js';
import { captureIo } from '../support/capture-io.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import {
  countingFeed,
  hubEnv,
  interruptibleIo,
  pushStockFeed,
  runCli,
  untilAborted,
} from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('prestabridge sync run --help with the installed feeds', () => {
  it('lists every registered feed and every flag they take', async () => {
    const io = captureIo();
    expect(await main(['sync', 'run', '--help'], io)).toBe(0);
    for (const feed of allFeeds) {
      expect(io.out()).toContain(`  ${feed.name}`);
      for (const option of feed.options ?? []) expect(io.out()).toContain(`--${option.flag}`);
    }
  });
});

describe('prestabridge sync', () => {
  let emulator: Emulator;
  let products: number;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    products = emulator.store.count('products');
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('sync', (engine) => {
    let hub: Hub;
    let store: Store;
    const feeds = [countingFeed(), pushStockFeed];
    const cli = (...args: string[]) => runCli(engine, args, { feeds, runner: { heartbeatMs: 20 } });
    beforeAll(async () => {
      hub = await engine.openHub();
      store = await hub.stores.create({ name: 'emu', url: emulator.url, webserviceKey: emulator.keys[0]! });
      await hub.stores.create({ name: 'emu-ro', url: emulator.url, webserviceKey: emulator.keys[1]! });
    });
    afterEach(async () => {
      await hub.watermarks.reset(store.id, 'count-products');
    });

    it('runs a feed and prints its report, exit 0', async () => {
      const { code, out, err } = await cli('sync', 'run', 'count-products', '--store', 'emu');
      expect(code).toBe(0);
      expect(out).toMatch(/^count-products for emu: succeeded in [\d.]+ s, \d+ request\(s\)$/m);
      expect(out).toContain(`created ${products}, updated 0, unchanged 0, skipped 0, failed 1`);
      expect(out).toContain('failed 1: product 1 has no name in the default language');
      // Not a terminal: progress as plain lines on stderr, never mixed into the report.
      expect(err).toMatch(/^products /m);
      expect((await hub.runs.latest(store.id, 'count-products'))?.status).toBe('succeeded');
    });

    it('--json prints the report with the run id', async () => {
      const { code, out } = await cli('sync', 'run', 'count-products', '--store', 'emu', '--json');
      expect(code).toBe(0);
      const report = JSON.parse(out) as FeedReport & { runId: number };
      expect(report).toMatchObject({
        runId: (await hub.runs.latest(store.id, 'count-products'))!.id,
        feed: 'count-products',
        store: 'emu',
        status: 'succeeded',
        counts: { created: products, updated: 0, unchanged: 0, skipped: 0, failed: 1 },
        failures: [{ recordId: '1', reason: 'product 1 has no name in the default language' }],
        skips: [],
        notices: [],
      });
      expect(report.requests).toBeGreaterThan(0);
      expect(Date.parse(report.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.startedAt));
    });

    it('exits 1 when the run fails, with the reason in the report', async () => {
      const { code, out } = await cli('sync', 'run', 'push-stock', '--store', 'emu-ro');
      expect(code).toBe(1);
      expect(out).toContain('push-stock for emu-ro: failed');
      expect(out).toContain(
        "push-stock cannot run for store 'emu-ro': the key lacks PUT on stock_availables — give the webservice key that permission",
      );
      expect(out).toMatch(/^Details: prestabridge runs show \d+$/m);
    });

    it("passes a feed's own flags to it, converted to their kinds", async () => {
      const { code, out } = await cli('sync', 'run', 'count-products', '--store', 'emu', '--from-id', '10');
      expect(code).toBe(0);
      const after10 = [...emulator.store.table('products')!.ids()].filter((id) => id > 10).length;
      expect(out).toContain(`created ${after10},`);
    });

    it('refuses flags the feed does not take and values of the wrong kind (exit 2)', async () => {
      const force = await cli('sync', 'run', 'count-products', '--store', 'emu', '--force');
      expect(force.code).toBe(2);
      expect(force.err).toContain('count-products takes no --force (an option of push-stock)');
      const notANumber = await cli('sync', 'run', 'count-products', '--store', 'emu', '--from-id', 'ten');
      expect(notANumber.code).toBe(2);
      expect(notANumber.err).toContain("--from-id must be a whole number, got 'ten'");
      const badDate = await cli('sync', 'run', 'count-products', '--store', 'emu', '--since', '2026-13-45');
      expect(badDate.code).toBe(2);
      expect(badDate.err).toContain('--since must be a date');
      const unknown = await cli('sync', 'run', 'count-prodcts', '--store', 'emu');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain(
        "There is no feed named 'count-prodcts'. Feeds: count-products, push-stock.",
      );
      const noStore = await cli('sync', 'run', 'count-products');
      expect(noStore.code).toBe(2);
      expect(await hub.runs.list({ storeId: store.id, status: 'running' })).toEqual([]);
    });

    it('documents every feed flag in --help with the feeds that take it', async () => {
      const { code, out } = await cli('sync', 'run', '--help');
      expect(code).toBe(0);
      expect(out).toMatch(/--from-id <n>\s+start after this product id \(count-products\)/);
      expect(out).toMatch(/--force\s+push even unchanged quantities \(push-stock\)/);
      expect(out).toMatch(/count-products\s+Counts products \(test feed\)\. \(import, frequency\)/);
    });

    it('stops at the next page on Ctrl-C, prints the report and exits 130', async () => {
      const io = interruptibleIo(hubEnv(engine));
      const feed = countingFeed({ afterPage: (_ctx, page) => (page === 1 ? io.interrupt() : undefined) });
      const code = await main(['sync', 'run', 'count-products', '--store', 'emu'], io, { feeds: [feed] });
      expect(code).toBe(130);
      expect(io.err()).toContain('Stopping at the next page (SIGINT); press Ctrl-C again to quit at once.');
      expect(io.out()).toContain('count-products for emu: cancelled');
      expect(io.out()).toContain('created 5,');
      const run = await hub.runs.latest(store.id, 'count-products');
      expect(run).toMatchObject({ status: 'cancelled', counts: { created: 5 } });
    });

    it('quits at once on a second Ctrl-C, leaving the run to finish on its own', async () => {
      const io = interruptibleIo(hubEnv(engine));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const feed = countingFeed({
        async afterPage(ctx, page) {
          if (page !== 1) return;
          io.interrupt();
          await untilAborted(ctx);
          io.interrupt();
          await released;
        },
      });
      const code = await main(['sync', 'run', 'count-products', '--store', 'emu'], io, { feeds: [feed] });
      expect(code).toBe(130);
      expect(io.err()).toContain('Quit without waiting');
      expect(io.out()).toBe('');
      release();
      await vi.waitFor(async () =>
        expect((await hub.runs.latest(store.id, 'count-products'))?.status).toBe('cancelled'),
      );
    });

    it('is stopped by `sync stop` from another process (another hub on the same database)', async () => {
      let stop: { code: number; out: string } | undefined;
      const feed = countingFeed({
        async afterPage(ctx, page) {
          if (page !== 1) return;
          const other = captureIo(hubEnv(engine));
          stop = {
            code: await main(['sync', 'stop', String(ctx.runId)], other, { feeds: [] }),
            out: other.out(),
          };
          await untilAborted(ctx);
        },
      });
      const io = captureIo(hubEnv(engine));
      const code = await main(['sync', 'run', 'count-products', '--store', 'emu'], io, {
        feeds: [feed],
        runner: { heartbeatMs: 20 },
      });
      expect(stop?.code).toBe(0);
      expect(stop?.out).toMatch(/^Stop requested for run \d+ \(count-products for emu\)/);
      expect(code).toBe(130);
      expect(io.out()).toContain('count-products for emu: cancelled');
      expect(io.out()).toContain('stop requested from another process');
      const run = await hub.runs.latest(store.id, 'count-products');
      expect(run?.stopRequestedAt).not.toBeNull();
      const again = await cli('sync', 'stop', String(run!.id));
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/Run \d+ \(count-products for emu\) is not running: it was cancelled at/);
      const missing = await cli('sync', 'stop', '999999');
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('No run with id 999999');
    });

    it('refuses a second run of a feed while the first holds its lock', async () => {
      let second: { code: number; err: string } | undefined;
      const feed = countingFeed({
        async afterPage(_ctx, page) {
          if (page === 1)
            second = await runCli(engine, ['sync', 'run', 'count-products', '--store', 'emu'], { feeds });
        },
      });
      const { code } = await runCli(engine, ['sync', 'run', 'count-products', '--store', 'emu'], {
        feeds: [feed],
      });
      expect(code).toBe(0);
      expect(second?.code).toBe(1);
      expect(second?.err).toMatch(/^prestabridge: count-products is already running for store 'emu'/);
    });

    it('refuses to run a feed for a disabled store', async () => {
      await hub.stores.update('emu-ro', { settings: { enabled: false } });
      const { code, err } = await cli('sync', 'run', 'count-products', '--store', 'emu-ro');
      expect(code).toBe(1);
      expect(err).toContain('`prestabridge stores set emu-ro enabled=true`');
      await hub.stores.update('emu-ro', { settings: { enabled: true } });
    });
  });

  describeEachEngine('sync status and schedule', (engine) => {
    const clock = manualClock('2026-03-02T10:00:00.000Z');
    let hub: Hub;
    const waiting: Feed = {
      ...pushStockFeed,
      name: 'stock-check',
      notReady: (store) => (store.initialStockImportedAt === null ? 'no initial stock import yet' : null),
    };
    const feeds = [countingFeed(), waiting];
    const cli = (...args: string[]) => runCli(engine, args, { feeds, clock });
    beforeAll(async () => {
      hub = await engine.openHub({ clock });
      const store = await hub.stores.create({
        name: 'shop',
        url: 'https://shop.test',
        settings: { import: { enabled: true, frequencyMinutes: 15 }, export: { enabled: true } },
      });
      const run = await hub.runs.start({ storeId: store.id, feed: 'count-products', trigger: 'manual' });
      await hub.runs.addCounts(run.id, { created: 7, failed: 2 });
      await hub.runs.finish(run.id, { status: 'succeeded' });
      await hub.stores.create({ name: 'quiet', url: 'https://quiet.test' });
    });

    it('lists feeds × stores with last run, result, next scheduled time and why a feed is held back', async () => {
      clock.advance(5 * 60_000);
      const { code, out } = await cli('sync', 'status');
      expect(code).toBe(0);
      expect(out).toMatch(
        /^shop\s+count-products\s+every 15 min\s+#\d+ 2026-03-02 10:00:00Z\s+succeeded\s+7\/0\/0\/0\/2\s+2026-03-02 10:15:00Z \(in 10 min\)/m,
      );
      expect(out).toMatch(
        /^shop\s+stock-check\s+daily\s+never\s+-\s+-\s+due now\s+not ready: no initial stock import yet$/m,
      );
      expect(out).toMatch(/^quiet\s+count-products\s+off \(import disabled\)\s+never/m);
    });

    it('--store and --json give one store’s rows with every field', async () => {
      const { code, out } = await cli('sync', 'status', '--store', 'shop', '--json');
      expect(code).toBe(0);
      const rows = JSON.parse(out) as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        store: 'shop',
        feed: 'count-products',
        direction: 'import',
        schedule: 'every 15 min',
        intervalMinutes: 15,
        override: null,
        lastRun: { status: 'succeeded', counts: { created: 7, failed: 2 } },
        nextRunAt: '2026-03-02T10:15:00.000Z',
        notReady: null,
      });
      expect(rows[1]).toMatchObject({
        feed: 'stock-check',
        lastRun: null,
        notReady: 'no initial stock import yet',
      });
    });

    it('sets, turns off and resets a feed’s schedule for a store', async () => {
      const every = await cli('sync', 'schedule', 'count-products', '--store', 'shop', '--every', '30');
      expect(every.code).toBe(0);
      expect(every.out).toBe('count-products for shop: every 30 min (schedules).\n');
      expect((await hub.stores.get('shop')).settings.schedules).toEqual({ 'count-products': 30 });
      const status = await cli('sync', 'status', '--store', 'shop');
      expect(status.out).toMatch(
        /^shop\s+count-products\s+every 30 min \(schedules\).*2026-03-02 10:30:00Z/m,
      );

      const off = await cli('sync', 'schedule', 'count-products', '--store', 'shop', '--off');
      expect(off.out).toContain('off (schedules)');
      expect((await cli('sync', 'status', '--store', 'shop')).out).toMatch(
        /^shop\s+count-products\s+off \(schedules\).*\s-\s*$/m,
      );

      const reset = await cli('sync', 'schedule', 'count-products', '--store', 'shop', '--default');
      expect(reset.out).toContain('every 15 min.');
      expect((await hub.stores.get('shop')).settings.schedules).toEqual({});

      const quiet = await cli('sync', 'schedule', 'count-products', '--store', 'quiet', '--every', '60');
      expect(quiet.out).toContain('`prestabridge stores set quiet import.enabled=true`');
    });

    it('refuses an ambiguous or invalid schedule (exit 2)', async () => {
      expect((await cli('sync', 'schedule', 'count-products', '--store', 'shop')).code).toBe(2);
      expect(
        (await cli('sync', 'schedule', 'count-products', '--store', 'shop', '--off', '--default')).code,
      ).toBe(2);
      expect((await cli('sync', 'schedule', 'count-products', '--store', 'shop', '--every', '0')).code).toBe(
        2,
      );
      const tooLong = await cli('sync', 'schedule', 'count-products', '--store', 'shop', '--every', '20000');
      expect(tooLong.code).toBe(2);
      expect(tooLong.err).toContain(
        'schedules.count-products must be a whole number of minutes between 1 and 10080, or off',
      );
      const unknown = await cli('sync', 'schedule', 'nope', '--store', 'shop', '--off');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain("There is no feed named 'nope'");
    });
  });
});
