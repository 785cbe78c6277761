import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import type { ApiFeed, ApiFeedStatus, ApiRun, ApiRunDetail } from '../../src/server/index.js';
import { describeEachEngine } from '../support/databases.js';
import {
  countingFeed,
  deferred,
  type Emulator,
  type ServerUnderTest,
  startTestServer,
  TEST_TOKEN,
  untilAborted,
} from './server-harness.js';

describe('API: feeds and runs', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('feeds routes', (engine) => {
    let api: ServerUnderTest;
    let hub: Hub;
    let store: Store;
    /** The first run of `pausing` waits after its second page until it is stopped. */
    let pauseOnce = true;
    const pausedAt = deferred<number>();
    const pausing = countingFeed({
      name: 'pausing',
      async afterPage(ctx, page) {
        if (!pauseOnce || page !== 2) return;
        pauseOnce = false;
        pausedAt.resolve(ctx.runId);
        await untilAborted(ctx);
      },
    });
    const products = (): number => emulator.store.count('products');

    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [countingFeed(), pausing] });
      hub = api.hub;
      store = await hub.stores.create({
        name: 'emu',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { import: { enabled: true, frequencyMinutes: 15 } },
      });
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('lists the feeds with their options', async () => {
      const answer = await api.call('GET', '/feeds');
      expect(answer.statusCode).toBe(200);
      const feeds = answer.json<{ items: ApiFeed[] }>().items;
      expect(feeds.map((feed) => feed.name)).toEqual(['count-products', 'pausing']);
      expect(feeds[0]).toMatchObject({
        direction: 'import',
        cadence: 'frequency',
        needs: [{ resource: 'products', verb: 'GET' }],
        options: [expect.objectContaining({ name: 'pageSize', kind: 'integer' }), expect.anything()],
      });
    });

    it('runs a feed now: 202 with the run at once, then its report once it ended', async () => {
      const started = await api.call('POST', '/stores/emu/feeds/count-products/runs', {
        options: { pageSize: 4 },
      });
      expect(started.statusCode).toBe(202);
      const run = started.json<{ run: ApiRun }>().run;
      expect(run).toMatchObject({
        feed: 'count-products',
        trigger: 'api',
        status: 'running',
        storeId: store.id,
      });
      expect(started.headers.location).toBe(`/runs/${run.id}`);

      await api.finished(run.id);
      const detail = (await api.call('GET', `/runs/${run.id}`)).json<ApiRunDetail>();
      expect(detail.status).toBe('succeeded');
      expect(detail.counts.created).toBe(products());
      expect(detail.durationMs).toBeGreaterThanOrEqual(0);
      expect(detail.report).toMatchObject({ feed: 'count-products', store: 'emu', status: 'succeeded' });
      expect(detail.report?.requests).toBe(Math.ceil(products() / 4) + 1 + 1);
      expect(detail.failures).toEqual([
        expect.objectContaining({ recordId: '1', reason: 'product 1 has no name in the default language' }),
      ]);
      expect(await hub.watermarks.get(store.id, 'count-products')).toBeDefined();
    });

    it('shows each feed of a store with its schedule, last run and next time', async () => {
      const answer = await api.call('GET', '/stores/emu/feeds');
      expect(answer.statusCode).toBe(200);
      const [counting, other] = answer.json<{ items: ApiFeedStatus[] }>().items;
      expect(counting).toMatchObject({ feed: 'count-products', intervalMinutes: 15, override: null });
      expect(counting?.lastRun?.status).toBe('succeeded');
      expect(Date.parse(counting!.nextRunAt!) - Date.parse(counting!.lastRun!.startedAt)).toBe(15 * 60_000);
      expect(other).toMatchObject({ feed: 'pausing', lastRun: null });
      expect((await api.call('GET', '/stores/nope/feeds')).statusCode).toBe(404);
    });

    it('checks run options against the feed, and refuses unknown feeds and disabled stores', async () => {
      const runsBefore = await hub.runs.list({ limit: 500 });
      const unknownOption = await api.call('POST', '/stores/emu/feeds/count-products/runs', {
        options: { fromId: 3 },
      });
      expect(unknownOption.statusCode).toBe(400);
      expect(unknownOption.json()).toMatchObject({
        error: { code: 'validation', field: 'body.options.fromId' },
      });
      const wrongKind = await api.call('POST', '/stores/emu/feeds/count-products/runs', {
        options: { pageSize: 'five' },
      });
      expect(wrongKind.json()).toMatchObject({ error: { field: 'body.options.pageSize' } });
      const wrongDate = await api.call('POST', '/stores/emu/feeds/count-products/runs', {
        options: { since: 'yesterday' },
      });
      expect(wrongDate.statusCode).toBe(400);
      const extra = await api.call('POST', '/stores/emu/feeds/count-products/runs', { force: true });
      expect(extra.json()).toMatchObject({ error: { field: 'body.force' } });
      expect((await api.call('POST', '/stores/emu/feeds/nope/runs')).statusCode).toBe(404);
      expect((await api.call('POST', '/stores/nope/feeds/count-products/runs')).statusCode).toBe(404);

      await hub.stores.update(store.id, { settings: { enabled: false } });
      const disabled = await api.call('POST', '/stores/emu/feeds/count-products/runs');
      expect(disabled.statusCode).toBe(422);
      expect(disabled.json()).toMatchObject({ error: { code: 'not-ready' } });
      await hub.stores.update(store.id, { settings: { enabled: true } });
      expect(await hub.runs.list({ limit: 500 })).toEqual(runsBefore);
    });

    it('takes an empty JSON body as no options, and refuses malformed JSON', async () => {
      const post = (payload: string) =>
        api.server.app.inject({
          method: 'POST',
          url: '/stores/emu/feeds/count-products/runs',
          headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
          payload,
        });
      const malformed = await post('{"options":');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ error: { code: 'bad-request' } });
      const empty = await post('');
      expect(empty.statusCode).toBe(202);
      await api.finished(empty.json<{ run: ApiRun }>().run.id);
    });

    it('stops a running feed at a page boundary, answers 409 while it runs, and the next run resumes', async () => {
      const started = await api.call('POST', '/stores/emu/feeds/pausing/runs');
      const runId = started.json<{ run: ApiRun }>().run.id;
      expect(await pausedAt.promise).toBe(runId);

      const running = (await api.call('GET', `/runs/${runId}`)).json<ApiRunDetail>();
      expect(running).toMatchObject({ status: 'running', progress: { done: 10, step: 'products' } });
      const busy = await api.call('POST', '/stores/emu/feeds/pausing/runs');
      expect(busy.statusCode).toBe(409);
      expect(busy.json()).toMatchObject({ error: { code: 'feed-busy' } });

      const stop = await api.call('POST', `/runs/${runId}/stop`);
      expect(stop.statusCode).toBe(202);
      expect(stop.json()).toMatchObject({ where: 'this-process', run: { id: runId } });
      await api.finished(runId);
      const stopped = (await api.call('GET', `/runs/${runId}`)).json<ApiRunDetail>();
      expect(stopped.status).toBe('cancelled');
      expect(stopped.counts.created).toBe(10);
      expect(stopped.stopRequestedAt).not.toBeNull();
      expect(stopped.error).toMatch(/next run resumes/);

      const again = await api.call('POST', `/runs/${runId}/stop`);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: { code: 'run-not-running' } });

      const resumed = (await api.call('POST', '/stores/emu/feeds/pausing/runs')).json<{ run: ApiRun }>().run;
      await api.finished(resumed.id);
      const done = (await api.call('GET', `/runs/${resumed.id}`)).json<ApiRunDetail>();
      expect(done.status).toBe('succeeded');
      expect(stopped.counts.created + done.counts.created).toBe(products());
    });

    it('stops a run of another process through the hub; unknown and malformed run ids are refused', async () => {
      const elsewhere = await engine.openHub();
      const runner = new FeedRunner({ hub: elsewhere, heartbeatMs: 20 });
      const paused = deferred<number>();
      const feed = countingFeed({
        name: 'elsewhere',
        async afterPage(ctx) {
          paused.resolve(ctx.runId);
          await untilAborted(ctx);
        },
      });
      const outcome = runner.run({ feed, store, trigger: 'manual' });
      const runId = await paused.promise;
      const stop = await api.call('POST', `/runs/${runId}/stop`);
      expect(stop.statusCode).toBe(202);
      expect(stop.json()).toMatchObject({ where: 'another-process' });
      expect((await outcome).run.status).toBe('cancelled');

      expect((await api.call('POST', '/runs/999999/stop')).statusCode).toBe(404);
      const malformed = await api.call('POST', '/runs/abc/stop');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ error: { code: 'validation', field: 'params.id' } });
    });

    it('sets a schedule: every N minutes, off, back to the default', async () => {
      const every = await api.call('PUT', '/stores/emu/feeds/count-products/schedule', { everyMinutes: 90 });
      expect(every.statusCode).toBe(200);
      expect(every.json<ApiFeedStatus>()).toMatchObject({ intervalMinutes: 90, override: 90 });
      expect((await hub.stores.get('emu')).settings.schedules['count-products']).toBe(90);

      const off = await api.call('PUT', '/stores/emu/feeds/count-products/schedule', { off: true });
      expect(off.json<ApiFeedStatus>()).toMatchObject({
        intervalMinutes: null,
        override: 'off',
        nextRunAt: null,
      });

      const back = await api.call('PUT', '/stores/emu/feeds/count-products/schedule', { default: true });
      expect(back.json<ApiFeedStatus>()).toMatchObject({ intervalMinutes: 15, override: null });
      expect((await hub.stores.get('emu')).settings.schedules).toEqual({});

      for (const body of [{ everyMinutes: 0 }, { off: false }, { everyMinutes: 5, off: true }, {}]) {
        const refused = await api.call('PUT', '/stores/emu/feeds/count-products/schedule', body);
        expect(refused.statusCode).toBe(400);
        expect(refused.json()).toMatchObject({ error: { code: 'validation' } });
      }
      expect((await api.call('PUT', '/stores/emu/feeds/nope/schedule', { off: true })).statusCode).toBe(404);
      expect((await hub.stores.get('emu')).settings.schedules).toEqual({});
    });

    it('lists runs newest first, filtered, a page at a time', async () => {
      const all = (await api.call('GET', '/runs')).json<{ items: ApiRun[]; next: string | null }>();
      expect(all.items.length).toBeGreaterThanOrEqual(4);
      expect(all.items.map((run) => run.id)).toEqual(
        [...all.items.map((run) => run.id)].sort((a, b) => b - a),
      );
      expect(all.next).toBeNull();

      const cancelled = (await api.call('GET', '/runs?status=cancelled&store=emu')).json<{
        items: ApiRun[];
      }>();
      expect(cancelled.items.map((run) => run.feed).sort()).toEqual(['elsewhere', 'pausing']);
      const byFeed = (await api.call('GET', '/runs?feed=count-products')).json<{ items: ApiRun[] }>();
      expect(byFeed.items.every((run) => run.feed === 'count-products')).toBe(true);

      const first = (await api.call('GET', '/runs?limit=2')).json<{ items: ApiRun[]; next: string }>();
      expect(first.items).toEqual(all.items.slice(0, 2));
      expect(first.next).toBe(`/runs?limit=2&before=${first.items[1]!.id}`);
      const second = (await api.call('GET', first.next)).json<{ items: ApiRun[] }>();
      expect(second.items).toEqual(all.items.slice(2, 4));

      expect((await api.call('GET', '/runs?status=done')).json()).toMatchObject({
        error: { code: 'validation', field: 'querystring.status' },
      });
      expect((await api.call('GET', '/runs?limit=0')).statusCode).toBe(400);
      expect((await api.call('GET', '/runs/999999')).statusCode).toBe(404);
      expect((await api.call('GET', '/runs/0')).json()).toMatchObject({ error: { field: 'params.id' } });
    });
  });
});
