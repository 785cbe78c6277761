import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { GO_LIVE_STEPS } from '../../src/jobs/index.js';
import type { ApiRequestLogEntry, ApiRun } from '../../src/server/index.js';
import { allFeeds, type Feed } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { deferred, type Emulator, type ServerUnderTest, startTestServer } from './server-harness.js';

interface GoLive {
  live: boolean;
  steps: Array<{
    feed: string;
    description: string;
    optional: boolean;
    state: string;
    reason: string | null;
  }>;
  next: string | null;
  warning: string | null;
}

interface NoticeGroup {
  kind: string;
  title: string;
  fix: string | null;
  settingsSection: string | null;
  notices: Array<{ key: string; message: string }>;
}

/** A feed that only reports notices: two of a kind the console knows, one of a kind it does not. */
const noticeFeed: Feed = {
  name: 'notice-feed',
  description: 'Reports notices (test feed).',
  direction: 'import',
  cadence: 'frequency',
  needs: [],
  writes: [],
  options: [],
  run(ctx) {
    ctx.notice({ kind: 'unmapped-carrier', key: '2', message: 'Carrier 2 has no shipping method.' });
    ctx.notice({ kind: 'made-up-kind', key: 'x', message: 'Something only this feed knows about.' });
    ctx.notice({ kind: 'unmapped-carrier', key: '3', message: 'Carrier 3 has no shipping method.' });
    return Promise.resolve();
  },
};

describe('API: go-live and run reports', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('go-live steps', (engine) => {
    let api: ServerUnderTest;
    let hub: Hub;
    let store: Store;
    const runIds = new Map<string, number>();

    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [...allFeeds, noticeFeed] });
      hub = api.hub;
      await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
      await hub.masterData.add('unitsOfMeasure', { code: 'BOX', name: 'Box' });
      store = await addEmulatorStore(hub, emulator, 'shop', {
        export: { enabled: true },
        stockExportLocations: ['MAIN'],
        extras: { syncCategories: true, syncImages: false, logApiRequests: true },
        // No stock location (a new store gets MAIN): import-stock waits for stockImportLocation.
        defaults: { unitOfMeasure: 'BOX', stockLocation: null },
      });
      // A unit the hub no longer has (gone since the setting was saved): import-products reports it.
      await hub.masterData.delete('unitsOfMeasure', 'BOX');
    });
    afterAll(async () => {
      await api.server.close();
    });

    const status = async (name = 'shop'): Promise<GoLive> => {
      const answer = await api.call('GET', `/stores/${name}/golive`);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json<GoLive>();
    };
    const goLiveRuns = async (): Promise<number> =>
      (await hub.runs.list({ storeId: store.id, limit: 500 })).filter((run) => run.trigger === 'go-live')
        .length;

    /**
     * Runs the next step through the API and waits until the step is over: its run has ended and the
     * console was told to read the store again. Asked the moment the run ends (when the console
     * hears run.finished), the status never offers that step again.
     */
    async function nextStep(body?: Record<string, unknown>): Promise<ApiRun> {
      let seenAtRunEnd: Promise<GoLive> | undefined;
      const settled = new Promise<void>((resolve) => {
        const unsubscribe = api.server.live.subscribe((event) => {
          if (event.type === 'run.finished' && event.data.run.trigger === 'go-live')
            seenAtRunEnd ??= status();
          if (event.type === 'store.changed' && event.data.storeId === store.id) {
            unsubscribe();
            resolve();
          }
        });
      });
      const answer = await api.call('POST', '/stores/shop/golive/next', body);
      expect(answer.statusCode, answer.body).toBe(202);
      const { run, feed, live } = answer.json<{ run: ApiRun; feed: string; live: boolean }>();
      expect(answer.headers.location).toBe(`/runs/${run.id}`);
      expect(run).toMatchObject({ feed, trigger: 'go-live', status: 'running' });
      expect(live).toBe(false);
      await settled;
      const atRunEnd = await seenAtRunEnd!;
      expect(atRunEnd.next, `status when ${feed} ended`).not.toBe(feed);
      expect(['running', 'done']).toContain(atRunEnd.steps.find((step) => step.feed === feed)?.state);
      runIds.set(feed, run.id);
      return (await api.call('GET', `/runs/${run.id}`)).json<ApiRun>();
    }

    it('lists the steps in their safe order, each with its state', async () => {
      const golive = await status();
      expect(golive.steps.map((step) => step.feed)).toEqual(GO_LIVE_STEPS.map((step) => step.feed));
      expect(golive).toMatchObject({ live: false, next: 'import-categories', warning: null });
      expect(golive.steps[0]).toMatchObject({ state: 'next', optional: true, reason: null });
      expect(golive.steps.slice(1).every((step) => step.state === 'waiting')).toBe(true);
      expect(golive.steps.every((step) => step.description !== '')).toBe(true);
      expect((await api.call('GET', '/stores/nope/golive')).statusCode).toBe(404);
    });

    it('runs one step at a time, in order, passing the optional ones that do not apply, up to a blocked one', async () => {
      const ran: string[] = [];
      for (;;) {
        const before = await status();
        if (before.next === null) break;
        const runsBefore = await goLiveRuns();
        const run = await nextStep();
        expect(run.feed).toBe(before.next);
        expect(run.status, `${run.feed}: ${run.error}`).toBe('succeeded');
        expect(await goLiveRuns()).toBe(runsBefore + 1);
        ran.push(run.feed);
        const after = await status();
        expect(after.steps.find((step) => step.feed === run.feed)?.state).toBe('done');
      }
      expect(ran).toEqual([
        'import-categories',
        'import-suppliers',
        'import-products',
        'import-product-suppliers',
        'import-customers',
        'import-orders',
      ]);
      const golive = await status();
      const states = Object.fromEntries(golive.steps.map((step) => [step.feed, step]));
      expect(states['import-images']).toMatchObject({
        state: 'skipped',
        reason: expect.stringMatching(/Image sync is off/) as string,
      });
      expect(states['create-barcodes']).toMatchObject({ state: 'skipped' });
      expect(states['import-stock']).toMatchObject({
        state: 'blocked',
        reason: expect.stringContaining('stockImportLocation') as string,
      });
      expect(states['export-stock']).toMatchObject({ state: 'waiting' });
      expect(golive.next).toBeNull();

      const runsBefore = await goLiveRuns();
      const blocked = await api.call('POST', '/stores/shop/golive/next');
      expect(blocked.statusCode).toBe(422);
      expect(blocked.json()).toMatchObject({
        error: { code: 'not-ready', message: expect.stringContaining('stockImportLocation') as string },
      });
      expect(await goLiveRuns()).toBe(runsBefore);
    });

    it('asks to confirm the first stock export, even after another export ran, then ends live', async () => {
      expect(
        (await api.call('PATCH', '/stores/shop', { settings: { stockImportLocation: 'MAIN' } })).statusCode,
      ).toBe(200);
      expect((await status()).next).toBe('import-stock');
      expect((await nextStep()).status).toBe('succeeded');

      // Another export feed ran meanwhile (shipment confirmations, the outbox): the store has exported,
      // but never its stock.
      const other = await api.call('POST', '/stores/shop/feeds/drain-outbox/runs');
      expect(other.statusCode).toBe(202);
      await api.finished(other.json<{ run: ApiRun }>().run.id);

      const golive = await status();
      expect(golive.next).toBe('export-stock');
      expect(golive.warning).toMatch(/first stock export/i);
      expect(golive.warning).toContain('MAIN');

      const runsBefore = await goLiveRuns();
      for (const body of [undefined, {}, { confirmStockExport: false }]) {
        const refused = await api.call('POST', '/stores/shop/golive/next', body);
        expect(refused.statusCode).toBe(422);
        expect(refused.json()).toMatchObject({
          error: {
            code: 'confirm-stock-export',
            message: expect.stringContaining('confirmStockExport') as string,
          },
        });
      }
      expect(await goLiveRuns()).toBe(runsBefore);
      expect(await hub.runs.list({ storeId: store.id, feed: 'export-stock' })).toEqual([]);

      const exported = await nextStep({ confirmStockExport: true });
      expect(exported).toMatchObject({ feed: 'export-stock', status: 'succeeded' });
      const done = await status();
      expect(done).toMatchObject({ live: true, next: null, warning: null });
      expect(done.steps.find((step) => step.feed === 'export-stock')?.state).toBe('done');

      const again = await api.call('POST', '/stores/shop/golive/next', { confirmStockExport: true });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: { code: 'already-live' } });
      const dashboard = (await api.call('GET', '/dashboard?hours=1')).json<{
        stores: Array<{ name: string; live: boolean }>;
      }>();
      expect(dashboard.stores.find((entry) => entry.name === 'shop')?.live).toBe(true);
    });

    it('answers 200 live when the steps left do not apply', async () => {
      const quick = await addEmulatorStore(hub, emulator, 'quick', { stockExportLocations: [] });
      // Everything but the stock export is done; without export locations that step does not apply.
      await hub.watermarks.set(quick.id, 'go-live', { completed: GO_LIVE_STEPS.length - 1 });
      const before = await status('quick');
      expect(before).toMatchObject({ live: false, next: null });
      expect(before.steps.at(-1)).toMatchObject({
        feed: 'export-stock',
        state: 'skipped',
        reason: expect.stringContaining('stockExportLocations') as string,
      });
      const answer = await api.call('POST', '/stores/quick/golive/next');
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json()).toEqual({ run: null, feed: null, live: true });
      const after = await status('quick');
      expect(after.live).toBe(true);
      expect(after.steps.at(-1)).toMatchObject({ state: 'skipped' });
    });

    it('groups a run’s notices by kind, each with its fix and the settings section to make it in', async () => {
      const products = (await api.call('GET', `/runs/${runIds.get('import-products')}`)).json<{
        noticeGroups: NoticeGroup[];
      }>();
      const groups = Object.fromEntries(products.noticeGroups.map((group) => [group.kind, group]));
      expect(groups['unknown-unit']).toMatchObject({
        title: 'Unknown default unit of measure',
        fix: expect.stringContaining('unit') as string,
        settingsSection: 'stock',
        notices: [{ key: 'BOX', message: expect.stringContaining("'BOX'") as string }],
      });
      expect(groups['unmapped-category']).toMatchObject({ settingsSection: 'catalog' });
      expect(groups['unmapped-category']?.notices.length).toBeGreaterThan(0);

      const started = await api.call('POST', '/stores/shop/feeds/notice-feed/runs');
      const runId = started.json<{ run: ApiRun }>().run.id;
      await api.finished(runId);
      const report = (await api.call('GET', `/runs/${runId}`)).json<{ noticeGroups: NoticeGroup[] }>();
      expect(report.noticeGroups).toEqual([
        {
          kind: 'unmapped-carrier',
          title: 'Carriers without a shipping method',
          fix: expect.stringContaining('shipping method') as string,
          settingsSection: 'orders',
          notices: [
            { key: '2', message: 'Carrier 2 has no shipping method.' },
            { key: '3', message: 'Carrier 3 has no shipping method.' },
          ],
        },
        {
          kind: 'made-up-kind',
          title: 'made-up-kind',
          fix: null,
          settingsSection: null,
          notices: [{ key: 'x', message: 'Something only this feed knows about.' }],
        },
      ]);
    });

    it('finds the stock export’s requests in the request log by method and resource', async () => {
      const list = async (query: string): Promise<ApiRequestLogEntry[]> => {
        const answer = await api.call('GET', `/request-log?store=shop&limit=500&${query}`);
        expect(answer.statusCode, answer.body).toBe(200);
        return answer.json<{ items: ApiRequestLogEntry[] }>().items;
      };
      // The store holds the hub's quantities now: a recount queues one for the outbox to send.
      const [product] = (await api.call('GET', '/products?store=shop&limit=1')).json<{
        items: Array<{ variantId: number }>;
      }>().items;
      const adjusted = await api.call('POST', '/stock/adjustments', {
        variantId: product!.variantId,
        location: 'MAIN',
        change: 5,
        reason: 'recount',
      });
      expect(adjusted.statusCode, adjusted.body).toBe(201);
      emulator.resetCounts();
      const drain = await api.call('POST', '/stores/shop/feeds/drain-outbox/runs');
      await api.finished(drain.json<{ run: ApiRun }>().run.id);
      expect(emulator.requestCounts().stock_availables?.PUT).toBeGreaterThan(0);
      const pushes = await list('method=PUT&resource=stock_availables');
      expect(pushes.length).toBe(emulator.requestCounts().stock_availables?.PUT);
      expect(
        pushes.every((entry) => entry.method === 'PUT' && /\/api\/stock_availables([/?]|$)/.test(entry.url)),
      ).toBe(true);
      const products = await list('resource=products');
      expect(products.length).toBeGreaterThan(0);
      expect(products.every((entry) => /\/api\/products([/?]|$)/.test(entry.url))).toBe(true);
      const options = await list('resource=product_options');
      expect(options.length).toBeGreaterThan(0);
      expect(options.every((entry) => /\/api\/product_options([/?]|$)/.test(entry.url))).toBe(true);
    });
  });

  describeEachEngine('a go-live step in flight', (engine) => {
    let api: ServerUnderTest;
    const release = deferred();
    const entered = deferred<number>();
    /** import-categories, held until the test releases it. */
    const heldCategories: Feed = {
      ...allFeeds.find((feed) => feed.name === 'import-categories')!,
      notReady: () => null,
      async run(ctx) {
        entered.resolve(ctx.runId);
        await release.promise;
      },
    };

    beforeAll(async () => {
      api = await startTestServer(engine, {
        feeds: allFeeds.map((feed) => (feed.name === 'import-categories' ? heldCategories : feed)),
      });
      await addEmulatorStore(api.hub, emulator, 'held');
    });
    afterAll(async () => {
      release.resolve();
      await api.server.close();
    });

    it('shows the step running and refuses a second start until the step is over', async () => {
      const first = await api.call('POST', '/stores/held/golive/next');
      expect(first.statusCode).toBe(202);
      const runId = await entered.promise;
      const second = await api.call('POST', '/stores/held/golive/next');
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({
        error: { code: 'feed-busy', message: expect.stringContaining('import-categories') as string },
      });
      const during = (await api.call('GET', '/stores/held/golive')).json<GoLive>();
      expect(during.next).toBeNull();
      expect(during.steps[0]).toMatchObject({ feed: 'import-categories', state: 'running' });
      expect(during.steps.slice(1).every((step) => step.state === 'waiting')).toBe(true);

      const told = new Promise<void>((resolve) => {
        const unsubscribe = api.server.live.subscribe((event) => {
          if (event.type !== 'store.changed') return;
          unsubscribe();
          resolve();
        });
      });
      release.resolve();
      await api.finished(runId);
      await told;
      const after = (await api.call('GET', '/stores/held/golive')).json<GoLive>();
      expect(after.steps[0]).toMatchObject({ state: 'done' });
      expect(after.next).toBe('import-suppliers');
      expect(
        (await api.hub.runs.list({ limit: 50 })).filter((run) => run.feed === 'import-categories'),
      ).toHaveLength(1);
    });
  });
});

describe('API: a go-live step that failed, and a server without the go-live feeds', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('go-live trouble', (engine) => {
    it('shows why the next step’s last run failed, so that it is fixed before it is run again', async () => {
      const api = await startTestServer(engine);
      try {
        await addEmulatorStore(api.hub, emulator, 'shop');
        emulator.faults.update({ errorRate: 1, errorStatus: 500 });
        // The step is over once the sequence has saved where it stands (it says so as a store change).
        const settled = new Promise<void>((resolve) => {
          const stop = api.server.live.subscribe((event) => {
            if (event.type !== 'store.changed') return;
            stop();
            resolve();
          });
        });
        const started = await api.call('POST', '/stores/shop/golive/next');
        expect(started.statusCode).toBe(202);
        await api.finished(started.json<{ run: ApiRun }>().run.id);
        await settled;
        emulator.faults.clear();
        const status = (await api.call('GET', '/stores/shop/golive')).json<GoLive>();
        expect(status.next).toBe('import-categories');
        expect(status.steps[0]).toMatchObject({ feed: 'import-categories', state: 'next' });
        expect(status.steps[0]?.reason).toMatch(/^Its last run failed: .*500/);
      } finally {
        emulator.faults.clear();
        await api.server.close();
      }
    });

    it('refuses a go-live step with a reason when the server runs without the go-live feeds', async () => {
      const api = await startTestServer(engine, {
        feeds: allFeeds.filter((feed) => feed.name !== 'import-stock'),
      });
      try {
        await addEmulatorStore(api.hub, emulator, 'elsewhere');
        const answer = await api.call('POST', '/stores/elsewhere/golive/next');
        expect(answer.statusCode).toBe(422);
        expect(answer.json()).toMatchObject({
          error: { code: 'not-ready', message: /needs feeds this build lacks: import-stock/ },
        });
      } finally {
        await api.server.close();
      }
    });
  });
});
