import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_FULL_KEY, DEFAULT_READ_ONLY_KEY, startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import {
  type ApiContext,
  type ApiRequestLogEntry,
  type ApiStore,
  buildApi,
  DEFAULT_SESSION_LIFETIME,
  LiveEvents,
  SignInLimiter,
} from '../../src/server/index.js';
import { allFeeds, permissionsNeededBy } from '../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { bareOrder } from '../support/orders.js';
import { asBrowser, hubSnapshot, signIn } from './console-harness.js';
import {
  captureLogs,
  countingFeed,
  type Emulator,
  type ServerUnderTest,
  startTestServer,
  TEST_TOKEN,
} from './server-harness.js';

const HOUR_MS = 60 * 60_000;

interface DashboardStore {
  id: number;
  name: string;
  enabled: boolean;
  live: boolean;
  health: { status: string; reason: string | null };
  feeds: Array<{ feed: string; lastRun: { id: number; status: string } | null }>;
  failures: Array<{ runId: number; feed: string; finishedAt: string | null; error: string | null }>;
  outbox: { pending: number; failed: number; oldestWaitingAt: string | null };
  ordersImported: number[];
  stockPushed: number[];
}

interface Dashboard {
  generatedAt: string;
  hours: string[];
  stores: DashboardStore[];
}

interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Array<{ key: string; message: string }>;
    problems?: string[];
  };
}

describe('API: the console’s dashboard', () => {
  describeEachEngine('GET /dashboard', (engine) => {
    const clock = manualClock('2026-03-10T12:20:00.000Z');
    let api: ServerUnderTest;
    let hub: Hub;
    const stores: Record<string, Store> = {};

    /** Moves the hub's clock to `at` and does `work` then. */
    async function at<T>(instant: string, work: () => Promise<T>): Promise<T> {
      clock.set(instant);
      return work();
    }

    async function finishedRun(
      store: Store,
      instant: string,
      status: 'succeeded' | 'failed',
      error?: string,
    ) {
      return at(instant, async () => {
        const run = await hub.runs.start({ storeId: store.id, feed: 'count-products', trigger: 'manual' });
        return hub.runs.finish(run.id, { status, ...(error === undefined ? {} : { error }) });
      });
    }

    async function deliverStock(
      store: Store,
      instant: string,
      targets: string[],
      outcome: 'done' | 'failed',
    ) {
      await at(instant, async () => {
        await hub.outbox.enqueueMany(
          targets.map((target) => ({ storeId: store.id, kind: 'stock', target, payload: { quantity: 1 } })),
        );
        const claimed = await hub.outbox.claim({
          owner: 'test',
          limit: 50,
          leaseMs: 60_000,
          storeId: store.id,
        });
        for (const entry of claimed)
          if (outcome === 'done') await hub.outbox.complete(entry);
          else await hub.outbox.fail(entry, { error: 'refused', retryAt: null });
      });
    }

    let recentFailure: number;
    beforeAll(async () => {
      api = await startTestServer(engine, { clock, hubOptions: { clock }, feeds: [countingFeed()] });
      hub = api.hub;
      for (const name of ['busy', 'fine', 'off', 'quiet', 'stuck'])
        stores[name] = await hub.stores.create({ name, url: `https://${name}.test` });
      await hub.stores.update(stores.off!.id, { settings: { enabled: false } });

      // busy: orders imported at 05:00 (out of a 6-hour window), 09:10 (2), 09:50, 12:05; stock at 11:30 (2).
      await at('2026-03-10T05:00:00.000Z', () => hub.orders.upsertOrders(stores.busy!.id, [bareOrder(1)]));
      await at('2026-03-10T09:10:00.000Z', () =>
        hub.orders.upsertOrders(stores.busy!.id, [bareOrder(2), bareOrder(3)]),
      );
      await at('2026-03-10T09:50:00.000Z', () => hub.orders.upsertOrders(stores.busy!.id, [bareOrder(4)]));
      await at('2026-03-10T12:05:00.000Z', () => hub.orders.upsertOrders(stores.busy!.id, [bareOrder(5)]));
      await deliverStock(stores.busy!, '2026-03-10T11:30:00.000Z', ['variant:1', 'variant:2'], 'done');
      await deliverStock(stores.busy!, '2026-03-10T11:40:00.000Z', ['variant:3'], 'failed');
      await at('2026-03-10T10:00:00.000Z', () =>
        hub.outbox.enqueue({ storeId: stores.busy!.id, kind: 'stock', target: 'variant:4', payload: {} }),
      );
      // A failure of yesterday morning (history) and one of this morning (news).
      await finishedRun(stores.busy!, '2026-03-09T06:00:00.000Z', 'failed', 'the store answered 500');
      recentFailure = (
        await finishedRun(stores.busy!, '2026-03-10T11:00:00.000Z', 'failed', 'the key was refused (401)')
      ).id;

      await finishedRun(stores.fine!, '2026-03-10T11:00:00.000Z', 'succeeded');
      await finishedRun(stores.stuck!, '2026-03-10T11:00:00.000Z', 'succeeded');
      await deliverStock(stores.stuck!, '2026-03-10T11:10:00.000Z', ['variant:1', 'variant:2'], 'failed');
      clock.set('2026-03-10T12:20:00.000Z');
    });
    afterAll(async () => {
      await api.server.close();
    });

    async function dashboard(query = ''): Promise<Dashboard> {
      const answer = await api.call('GET', `/dashboard${query}`);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json<Dashboard>();
    }

    it('counts orders imported and stock pushed per hour, in the hour they happened', async () => {
      const board = await dashboard('?hours=6');
      expect(board.generatedAt).toBe('2026-03-10T12:20:00.000Z');
      expect(board.hours).toEqual([
        '2026-03-10T07:00:00.000Z',
        '2026-03-10T08:00:00.000Z',
        '2026-03-10T09:00:00.000Z',
        '2026-03-10T10:00:00.000Z',
        '2026-03-10T11:00:00.000Z',
        '2026-03-10T12:00:00.000Z',
      ]);
      const busy = board.stores.find((store) => store.name === 'busy')!;
      expect(busy.ordersImported).toEqual([0, 0, 3, 0, 0, 1]);
      expect(busy.stockPushed).toEqual([0, 0, 0, 0, 2, 0]);
      const quiet = board.stores.find((store) => store.name === 'quiet')!;
      expect(quiet.ordersImported).toEqual([0, 0, 0, 0, 0, 0]);
      expect(quiet.stockPushed).toEqual([0, 0, 0, 0, 0, 0]);
    });

    it('looks back 72 hours unless asked otherwise, and at most 14 days', async () => {
      const board = await dashboard();
      expect(board.hours).toHaveLength(72);
      expect(board.hours.at(-1)).toBe('2026-03-10T12:00:00.000Z');
      expect(Date.parse(board.hours[1]!) - Date.parse(board.hours[0]!)).toBe(HOUR_MS);
      const busy = board.stores.find((store) => store.name === 'busy')!;
      expect(busy.ordersImported.reduce((sum, count) => sum + count, 0)).toBe(5);
      expect(busy.ordersImported).toHaveLength(72);
      for (const hours of ['0', '337', 'many'])
        expect((await api.call('GET', `/dashboard?hours=${hours}`)).json()).toMatchObject({
          error: { code: 'validation', field: 'querystring.hours' },
        });
    });

    it('lists the failures of the last 24 hours only, with their reason', async () => {
      const busy = (await dashboard()).stores.find((store) => store.name === 'busy')!;
      expect(busy.failures).toEqual([
        {
          runId: recentFailure,
          feed: 'count-products',
          finishedAt: '2026-03-10T11:00:00.000Z',
          error: 'the key was refused (401)',
        },
      ]);
      expect(busy.feeds.find((feed) => feed.feed === 'count-products')?.lastRun).toMatchObject({
        id: recentFailure,
        status: 'failed',
      });
    });

    it('shows what waits in each outbox: pending, given up, and since when', async () => {
      const board = await dashboard();
      const outbox = Object.fromEntries(board.stores.map((store) => [store.name, store.outbox]));
      expect(outbox).toEqual({
        busy: { pending: 1, failed: 1, oldestWaitingAt: '2026-03-10T10:00:00.000Z' },
        fine: { pending: 0, failed: 0, oldestWaitingAt: null },
        off: { pending: 0, failed: 0, oldestWaitingAt: null },
        quiet: { pending: 0, failed: 0, oldestWaitingAt: null },
        stuck: { pending: 0, failed: 2, oldestWaitingAt: null },
      });
    });

    it('gives each store one health word with its reason', async () => {
      const board = await dashboard();
      const health = Object.fromEntries(board.stores.map((store) => [store.name, store.health]));
      expect(health.busy).toEqual({
        status: 'failing',
        reason: 'count-products: the key was refused (401)',
      });
      expect(health.fine).toEqual({ status: 'ok', reason: null });
      expect(health.off).toMatchObject({ status: 'disabled' });
      expect(health.quiet).toMatchObject({ status: 'never-run' });
      expect(health.stuck).toEqual({
        status: 'failing',
        reason: '2 changes could not be sent to the store and wait in the outbox.',
      });
      expect(board.stores.every((store) => !store.live)).toBe(true);
    });

    // Last: it moves the clock on and imports more orders.
    it('counts the current hour again at each refresh, and keeps an hour’s count once it is over', async () => {
      const busyHours = async (): Promise<number[]> =>
        (await dashboard('?hours=6')).stores.find((store) => store.name === 'busy')!.ordersImported;
      expect(await busyHours()).toEqual([0, 0, 3, 0, 0, 1]);
      await at('2026-03-10T12:30:00.000Z', () => hub.orders.upsertOrders(stores.busy!.id, [bareOrder(6)]));
      expect(await busyHours()).toEqual([0, 0, 3, 0, 0, 2]);
      await at('2026-03-10T13:05:00.000Z', () => hub.orders.upsertOrders(stores.busy!.id, [bareOrder(7)]));
      expect(await busyHours()).toEqual([0, 3, 0, 0, 2, 1]);
      clock.set('2026-03-10T14:00:00.000Z');
      expect(await busyHours()).toEqual([3, 0, 0, 2, 1, 0]);
    });
  });
});

describe('API: stores in the console', () => {
  let emulator: Emulator;
  /** Reads everything (GET, HEAD) but carriers. */
  const NO_CARRIERS_KEY = 'PRESTABRIDGENOCARRIERSKEY0000003';
  /** May read products only: not even the languages the hub needs to connect. */
  const PRODUCTS_ONLY_KEY = 'PRESTABRIDGEPRODUCTSONLYKEY00004';
  /** A key the shop does not know. */
  const UNKNOWN_KEY = 'PRESTABRIDGEUNKNOWNKEY0000000005';
  const UNREACHABLE = 'http://127.0.0.1:9';

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      keys: [
        DEFAULT_FULL_KEY,
        { key: DEFAULT_READ_ONLY_KEY, permissions: { '*': ['GET', 'HEAD'] } },
        { key: NO_CARRIERS_KEY, permissions: { '*': ['GET', 'HEAD'], carriers: [] } },
        { key: PRODUCTS_ONLY_KEY, permissions: { products: ['GET'] } },
      ],
    });
    // PrestaShop gives an edited carrier a new id with the same reference, and marks the old one deleted.
    const edited = emulator.store.get('carriers', 2)!;
    emulator.store.update('carriers', 2, { deleted: '1' });
    emulator.store.insert('carriers', {
      ...edited.values,
      id_reference: '2',
      name: 'My carrier (new rates)',
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('probe, test, live lists, settings', (engine) => {
    let api: ServerUnderTest;
    let hub: Hub;
    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: allFeeds });
      hub = api.hub;
    });
    afterAll(async () => {
      await api.server.close();
    });

    interface Probe {
      connection: {
        version: string | null;
        shopName: string | null;
        authMode: string;
        missing: Array<{ resource: string; verbs: string[]; feeds: string[]; grant: string }>;
      };
      shop: {
        languages: Array<{ id: number; iso: string }>;
        languageId: number | null;
        timeZone: string;
      } | null;
      auth: { mode: string; explanation: string | null };
      feeds: Array<{
        feed: string;
        missing: Array<{ resource: string; verb: string }>;
        parts: Array<{
          label: string;
          outboxKind: string | null;
          missing: Array<{ resource: string; verb: string }>;
        }>;
        summary: string;
      }>;
    }

    const probe = (body: Record<string, unknown>) => api.call('POST', '/stores/probe', body);

    it('probes a store before it is added: version, shop name, languages, every feed ready, nothing saved', async () => {
      const before = await hubSnapshot(hub);
      const answer = await probe({ url: emulator.url, key: DEFAULT_FULL_KEY });
      expect(answer.statusCode, answer.body).toBe(200);
      const body = answer.json<Probe>();
      expect(body.connection).toMatchObject({
        version: '8.1.2',
        shopName: 'PrestaBridge Demo Shop',
        missing: [],
      });
      expect(body.shop).toMatchObject({
        languages: [
          { id: 1, iso: 'en' },
          { id: 2, iso: 'fr' },
        ],
        languageId: 1,
        timeZone: 'Europe/Paris',
      });
      expect(body.auth).toEqual({ mode: 'header', explanation: null });
      expect(body.feeds.map((feed) => feed.feed)).toEqual(allFeeds.map((feed) => feed.name));
      expect(body.feeds.every((feed) => feed.missing.length === 0)).toBe(true);
      expect(answer.body).not.toContain(DEFAULT_FULL_KEY);
      expect(await hubSnapshot(hub)).toBe(before);
    });

    it('lists, for a read-only key, what each feed still lacks, for its run and for the writes that follow', async () => {
      const body = (await probe({ url: emulator.url, key: DEFAULT_READ_ONLY_KEY })).json<Probe>();
      const lacking = Object.fromEntries(body.feeds.map((feed) => [feed.feed, feed.missing]));
      expect(lacking['import-products']).toEqual([]);
      expect(lacking['export-stock']).toContainEqual({ resource: 'stock_availables', verb: 'PUT' });
      // Importing orders only reads; the writes its orders lead to need more.
      const orders = body.feeds.find((feed) => feed.feed === 'import-orders');
      expect(orders?.parts.map((part) => [part.label, part.missing.length])).toEqual([
        ['import-orders', 0],
        ['push stock', 1],
        ['confirm shipments', 2],
        ['set order states', 1],
      ]);
      expect(orders?.summary).toBe(
        'import-orders: ok; push stock: lacks PUT on stock_availables; confirm shipments: lacks PUT on ' +
          'order_carriers, POST on order_histories; set order states: lacks POST on order_histories',
      );
      for (const feed of allFeeds) {
        const writes = permissionsNeededBy(feed).filter(
          (need) => need.verb !== 'GET' && need.verb !== 'HEAD',
        );
        expect(lacking[feed.name], feed.name).toEqual(
          writes.map(({ resource, verb }) => ({ resource, verb })),
        );
      }
      expect(body.connection.missing).toContainEqual(
        expect.objectContaining({
          resource: 'stock_availables',
          grant: expect.stringContaining('PUT') as string,
        }),
      );
      // A key that misses a read is listed too.
      const noCarriers = (await probe({ url: emulator.url, key: NO_CARRIERS_KEY })).json<Probe>();
      const carrierNeeds = noCarriers.feeds.filter((feed) =>
        feed.missing.some((need) => need.resource === 'carriers' && need.verb === 'GET'),
      );
      expect(carrierNeeds.map((feed) => feed.feed)).toEqual(
        allFeeds
          .filter((feed) =>
            permissionsNeededBy(feed).some((need) => need.resource === 'carriers' && need.verb === 'GET'),
          )
          .map((feed) => feed.name),
      );
    });

    it('says how the key is sent when the host strips the Authorization header, and the fix', async () => {
      emulator.faults.update({ stripAuthorization: true });
      try {
        const body = (await probe({ url: emulator.url, key: DEFAULT_FULL_KEY })).json<Probe>();
        expect(body.auth.mode).toBe('query');
        expect(body.auth.explanation).toMatch(/Authorization header/);
        expect(body.auth.explanation).toMatch(/CGI|CGIPassAuth/);
      } finally {
        emulator.faults.update({ stripAuthorization: false });
      }
      const asked = (await probe({ url: emulator.url, key: DEFAULT_FULL_KEY, auth: 'query' })).json<Probe>();
      expect(asked.auth).toMatchObject({
        mode: 'query',
        explanation: expect.stringContaining('ws_key') as string,
      });
    });

    it('refuses a wrong key and an unreachable store with a message, and saves nothing', async () => {
      const before = await hubSnapshot(hub);
      const wrong = await probe({ url: emulator.url, key: UNKNOWN_KEY });
      expect(wrong.statusCode).toBe(502);
      expect(wrong.json<ErrorBody>().error.code).toBe('store-error');
      expect(wrong.json<ErrorBody>().error.message).toMatch(/key/i);
      expect(wrong.body).not.toContain(UNKNOWN_KEY);

      // A key that cannot even connect is shown for what it lacks, not refused.
      const cannotConnect = await probe({ url: emulator.url, key: PRODUCTS_ONLY_KEY });
      expect(cannotConnect.statusCode).toBe(200);
      const lacking = cannotConnect.json<Probe & { cannotConnect: string | null }>();
      expect(lacking.cannotConnect).toMatch(/grant GET on languages; GET on configurations/);
      expect(lacking.shop).toBeNull();
      expect(lacking.connection.missing.find((entry) => entry.resource === 'languages')).toMatchObject({
        verbs: ['GET'],
        feeds: ['connecting the store'],
      });
      const products = lacking.feeds.find((feed) => feed.feed === 'import-products')?.missing ?? [];
      expect(products).not.toContainEqual({ resource: 'products', verb: 'GET' });
      expect(products).toContainEqual({ resource: 'combinations', verb: 'GET' });
      expect(lacking.feeds.find((feed) => feed.feed === 'import-orders')?.missing).toContainEqual({
        resource: 'orders',
        verb: 'GET',
      });
      // Adding the store with that key is refused, with what to grant.
      const refused = await api.call('POST', '/stores', {
        name: 'lacking',
        url: emulator.url,
        key: PRODUCTS_ONLY_KEY,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'store-connection' });

      const down = await probe({ url: UNREACHABLE, key: DEFAULT_FULL_KEY });
      expect(down.statusCode).toBe(502);
      expect(down.json<ErrorBody>().error.code).toBe('store-error');
      expect(down.json<ErrorBody>().error.message.length).toBeGreaterThan(10);
      expect(await hubSnapshot(hub)).toBe(before);
      expect(api.logs.text()).not.toContain(UNKNOWN_KEY);
    });

    describe('with stores added', () => {
      let emu: Store;
      beforeAll(async () => {
        emu = await addEmulatorStore(hub, emulator, 'emu');
        await hub.stores.create({
          name: 'read-only',
          url: emulator.url,
          webserviceKey: DEFAULT_READ_ONLY_KEY,
          languages: [{ id: 1, iso: 'en' }],
          languageId: 1,
        });
        await hub.stores.create({
          name: 'no-carriers',
          url: emulator.url,
          webserviceKey: NO_CARRIERS_KEY,
          authMode: 'query',
          languages: [{ id: 1, iso: 'en' }],
          languageId: 1,
        });
        await hub.stores.create({ name: 'down', url: UNREACHABLE, webserviceKey: DEFAULT_FULL_KEY });
      });

      it('tests a stored store with its key: version and what the key lacks', async () => {
        const ok = await api.call('POST', '/stores/emu/test');
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json<{ store: ApiStore; connection: Probe['connection'] }>()).toMatchObject({
          store: { name: 'emu', psVersion: '8.1.2', key: '********' },
          connection: { version: '8.1.2', shopName: 'PrestaBridge Demo Shop', missing: [] },
        });
        const readOnly = (await api.call('POST', '/stores/read-only/test')).json<{
          connection: Probe['connection'] & { feeds: Probe['feeds'] };
        }>();
        expect(readOnly.connection.missing.map((entry) => entry.resource)).toContain('stock_availables');
        // Per feed, as the probe says it: the run, then each write its records lead to.
        expect(readOnly.connection.feeds.find((feed) => feed.feed === 'shipping-confirmation')?.summary).toBe(
          'shipping-confirmation: ok; confirm shipments: lacks PUT on order_carriers, POST on order_histories; ' +
            'set order states: lacks POST on order_histories',
        );
        const down = await api.call('POST', '/stores/down/test');
        expect(down.statusCode).toBe(502);
        expect(down.json()).toMatchObject({ error: { code: 'store-error' } });
        expect((await api.call('POST', '/stores/nope/test')).statusCode).toBe(404);
      });

      interface Live {
        orderStates: Array<{
          id: number;
          name: string;
          paid: boolean;
          shipped: boolean;
          deliverySlip: boolean;
        }>;
        carriers: Array<{ reference: number; id: number; name: string; active: boolean }>;
        categories: Array<{ id: number; parentId: number | null; name: string; depth: number }>;
        paymentModules: Array<{ module: string; name: string }>;
        problems: string[];
      }

      it('reads the store’s order states, carriers by reference, categories and payment modules live', async () => {
        const answer = await api.call('GET', '/stores/emu/live');
        expect(answer.statusCode, answer.body).toBe(200);
        const live = answer.json<Live>();
        expect(live.problems).toEqual([]);
        const states = [...emulator.store.records('order_states')].filter(
          (row) => row.values.deleted !== '1',
        );
        expect(live.orderStates.map((state) => state.id)).toEqual(states.map((row) => row.id));
        expect(live.orderStates.find((state) => state.id === 2)).toMatchObject({
          paid: true,
          shipped: false,
        });
        expect(live.orderStates.find((state) => state.id === 4)).toMatchObject({ shipped: true });
        expect(live.orderStates.every((state) => state.name !== '')).toBe(true);

        const references = new Set(
          [...emulator.store.records('carriers')]
            .filter((row) => row.values.deleted !== '1')
            .map((row) => Number(row.values.id_reference)),
        );
        expect(live.carriers.map((carrier) => carrier.reference)).toEqual(
          [...references].sort((a, b) => a - b),
        );
        expect(live.carriers.find((carrier) => carrier.reference === 2)).toMatchObject({
          name: 'My carrier (new rates)',
        });
        expect(live.carriers.find((carrier) => carrier.reference === 2)?.id).not.toBe(2);

        expect(live.categories.map((category) => [category.id, category.parentId, category.name])).toEqual(
          expect.arrayContaining([
            [1, null, 'Root'],
            [2, 1, 'Home'],
            [3, 2, 'Clothes'],
          ]),
        );
        const modules = new Set(
          [...emulator.store.records('orders')].map((row) =>
            typeof row.values.module === 'string' ? row.values.module : '',
          ),
        );
        expect(live.paymentModules.map((entry) => entry.module)).toEqual([...modules].sort());
        expect(live.paymentModules.every((entry) => entry.name !== '')).toBe(true);
      });

      it('reuses what it read for a minute, unless asked to read the store again', async () => {
        emulator.resetCounts();
        const states = (): number => emulator.requestCounts().order_states?.GET ?? 0;
        expect((await api.call('GET', '/stores/emu/live')).statusCode).toBe(200);
        expect((await api.call('GET', '/stores/emu/live')).statusCode).toBe(200);
        expect(states()).toBeLessThanOrEqual(1);
        const before = states();
        expect((await api.call('GET', '/stores/emu/live?refresh=true')).statusCode).toBe(200);
        expect(states()).toBe(before + 1);
      });

      it('gives the other lists, and names the one the key may not read', async () => {
        const answer = await api.call('GET', '/stores/no-carriers/live');
        expect(answer.statusCode, answer.body).toBe(200);
        const live = answer.json<Live>();
        expect(live.carriers).toEqual([]);
        expect(live.orderStates.length).toBeGreaterThan(10);
        expect(live.categories.length).toBe(emulator.store.count('categories'));
        expect(live.paymentModules.length).toBeGreaterThan(0);
        expect(live.problems).toHaveLength(1);
        expect(live.problems[0]).toMatch(/^carriers: /);
        // That store sends its key in the URL: the message must not carry it.
        expect(answer.body).not.toContain(NO_CARRIERS_KEY);
        expect((await api.call('GET', '/stores/nope/live')).statusCode).toBe(404);
      });

      it('describes every setting with what a valid value is and a one-line meaning', async () => {
        const answer = await api.call('GET', '/settings/reference');
        expect(answer.statusCode).toBe(200);
        const items = answer.json<{
          items: Array<{ key: string; kind: string; nullable: boolean; mustBe: string; meaning: string }>;
        }>().items;
        const byKey = Object.fromEntries(items.map((item) => [item.key, item]));
        expect(byKey['import.frequencyMinutes']).toMatchObject({ kind: 'integer', nullable: false });
        expect(byKey['import.frequencyMinutes']?.mustBe).toMatch(/minutes/);
        expect(byKey.stockExportLocations).toMatchObject({ kind: 'text-list' });
        expect(byKey['orderStates.<state id>']).toMatchObject({ kind: 'choice' });
        for (const item of items) {
          expect(item.meaning.trim(), item.key).not.toBe('');
          expect(item.meaning, item.key).not.toContain('\n');
        }
      });

      it('lists the master data settings and mappings may name', async () => {
        await hub.masterData.upsert('unitsOfMeasure', [{ code: 'PCS', name: 'Pieces' }]);
        await hub.masterData.upsert('taxRates', [{ code: 'VAT20', name: 'VAT 20 %', rate: '20' }]);
        await hub.masterData.upsert('locations', [
          { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' },
          { code: 'SHOP', name: 'Shop floor', kind: 'sales' },
        ]);
        await hub.masterData.upsert('families', [{ code: 'CLOTHES', name: 'Clothes' }]);
        await hub.masterData.upsert('families', [{ code: 'MEN', name: 'Men', parentCode: 'CLOTHES' }]);
        await hub.masterData.upsert('shippingMethods', [{ code: 'POST', name: 'Post' }]);
        await hub.masterData.upsert('paymentMethods', [{ code: 'BANK', name: 'Bank transfer' }]);
        const answer = await api.call('GET', '/master-data');
        expect(answer.statusCode, answer.body).toBe(200);
        expect(answer.json()).toEqual({
          unitsOfMeasure: [{ code: 'PCS', name: 'Pieces' }],
          taxRates: [
            { code: 'VAT20', name: 'VAT 20 %', rate: expect.stringMatching(/^20(\.0+)?$/) as string },
          ],
          // WEB: the sales location the first store got when it was added.
          locations: [
            { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' },
            { code: 'SHOP', name: 'Shop floor', kind: 'sales' },
            { code: 'WEB', name: 'Web shop', kind: 'sales' },
          ],
          families: expect.arrayContaining([
            { code: 'CLOTHES', name: 'Clothes', parentCode: null },
            { code: 'MEN', name: 'Men', parentCode: 'CLOTHES' },
          ]) as unknown,
          shippingMethods: [{ code: 'POST', name: 'Post' }],
          paymentMethods: [{ code: 'BANK', name: 'Bank transfer' }],
          accounts: [],
        });
      });

      it('refuses several bad settings at once, naming each field, and saves none of the change', async () => {
        const before = await hub.stores.get(emu.id);
        const answer = await api.call('PATCH', '/stores/emu', {
          name: 'renamed',
          settings: {
            import: { enabled: true, frequencyMinutes: -5 },
            export: { frequencyMinutes: 'often' },
            stockExportLocations: 'MAIN',
            orderStates: { abc: 'import' },
            extras: { syncImagez: true },
          },
        });
        expect(answer.statusCode).toBe(422);
        const error = answer.json<ErrorBody>().error;
        expect(error.code).toBe('invalid-settings');
        const keys = error.fields!.map((field) => field.key);
        expect(keys).toEqual(
          expect.arrayContaining([
            'import.frequencyMinutes',
            'export.frequencyMinutes',
            'stockExportLocations',
            'orderStates.abc',
            'extras.syncImagez',
          ]),
        );
        expect(keys).toHaveLength(5);
        for (const field of error.fields!) expect(field.message, field.key).toContain(field.key);
        expect(error.problems).toEqual(error.fields!.map((field) => field.message));
        expect(error.fields!.find((field) => field.key === 'extras.syncImagez')?.message).toContain(
          "did you mean 'extras.syncImages'",
        );
        const after = await hub.stores.get(emu.id);
        expect(after).toEqual(before);
        expect(after.name).toBe('emu');

        const unknownFeed = await api.call('PATCH', '/stores/emu', {
          settings: { schedules: { 'no-such-feed': 5 } },
        });
        expect(unknownFeed.statusCode).toBe(422);
        expect(unknownFeed.json<ErrorBody>().error.fields).toEqual([
          { key: 'schedules.no-such-feed', message: expect.stringContaining('no feed') as string },
        ]);
        expect(await hub.stores.get(emu.id)).toEqual(before);
      });
    });
  });
});

describe('API: request log by method and resource', () => {
  describeEachEngine('GET /request-log', (engine) => {
    let api: ServerUnderTest;
    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [countingFeed()] });
      const store = await api.hub.stores.create({ name: 'logged', url: 'https://logged.test' });
      const entry = (method: string, path: string, status = 200) => ({
        storeId: store.id,
        method,
        url: `https://logged.test/api/${path}`,
        status,
        durationMs: 3,
      });
      await api.hub.requestLog.record([
        entry('GET', 'products?display=full'),
        entry('GET', 'product_options?display=full'),
        entry('GET', 'products/7'),
        entry('PUT', 'stock_availables/1'),
        entry('PUT', 'stock_availables/2', 500),
        entry('GET', 'stock_availables/2'),
        entry('PUT', 'products/7'),
        entry('PUT', 'stock_availables/3'),
      ]);
    });
    afterAll(async () => {
      await api.server.close();
    });

    const list = async (query: string) => {
      const answer = await api.call('GET', `/request-log?${query}`);
      expect(answer.statusCode, answer.body).toBe(200);
      const body = answer.json<{ items: ApiRequestLogEntry[]; next: string | null }>();
      return {
        ...body,
        urls: body.items.map((item) => `${item.method} ${item.url.replace(/^.*\/api\//, '')}`),
      };
    };

    it('keeps the PUTs to stock_availables, and pages through them with the same filters', async () => {
      expect((await list('method=PUT&resource=stock_availables')).urls).toEqual([
        'PUT stock_availables/3',
        'PUT stock_availables/2',
        'PUT stock_availables/1',
      ]);
      const first = await list('method=PUT&resource=stock_availables&limit=2');
      expect(first.urls).toEqual(['PUT stock_availables/3', 'PUT stock_availables/2']);
      expect(first.next).toMatch(/method=PUT/);
      expect(first.next).toMatch(/resource=stock_availables/);
      const second = await api.call('GET', first.next!);
      expect(second.json<{ items: ApiRequestLogEntry[] }>().items.map((item) => item.url)).toEqual([
        'https://logged.test/api/stock_availables/1',
      ]);
      expect((await list('method=PUT&resource=stock_availables&status=failed')).urls).toEqual([
        'PUT stock_availables/2',
      ]);
    });

    it('does not take product_options for products', async () => {
      expect((await list('resource=products')).urls).toEqual([
        'PUT products/7',
        'GET products/7',
        'GET products?display=full',
      ]);
      expect((await list('resource=product_options')).urls).toEqual(['GET product_options?display=full']);
    });

    it('refuses an unknown method or a malformed resource, naming the field', async () => {
      expect((await api.call('GET', '/request-log?method=FETCH')).json()).toMatchObject({
        error: { code: 'validation', field: 'querystring.method' },
      });
      expect((await api.call('GET', '/request-log?resource=stock%25')).json()).toMatchObject({
        error: { code: 'validation', field: 'querystring.resource' },
      });
    });
  });
});

describe('API: users and their tokens', () => {
  describeEachEngine('users routes', (engine) => {
    let api: ServerUnderTest;
    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [countingFeed()] });
      await api.hub.users.create({ name: 'ana', role: 'admin', password: 'ana-admin-password' });
    });
    afterAll(async () => {
      await api.server.close();
    });

    interface User {
      id: number;
      name: string;
      role: string;
      disabled: boolean;
      hasPassword: boolean;
    }

    it('adds users, and refuses a taken name, a bad name, a bad role and a short password', async () => {
      const added = await api.call('POST', '/users', {
        name: 'vic',
        role: 'viewer',
        password: 'vic-viewer-password',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json<User>()).toMatchObject({
        name: 'vic',
        role: 'viewer',
        disabled: false,
        hasPassword: true,
      });
      expect(added.body).not.toContain('vic-viewer-password');
      expect(added.body).not.toMatch(/scrypt/);
      expect(
        (await api.call('POST', '/users', { name: 'olga', role: 'operator', password: 'olga-operator-pw' }))
          .statusCode,
      ).toBe(201);

      const taken = await api.call('POST', '/users', {
        name: 'vic',
        role: 'admin',
        password: 'another-password',
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ error: { code: 'already-exists' } });
      expect(
        (
          await api.call('POST', '/users', { name: '-bad', role: 'viewer', password: 'long-enough-pw' })
        ).json(),
      ).toMatchObject({
        error: { code: 'validation', field: 'body.name' },
      });
      expect(
        (await api.call('POST', '/users', { name: 'bob', role: 'boss', password: 'long-enough-pw' })).json(),
      ).toMatchObject({
        error: { code: 'validation', field: 'body.role' },
      });
      expect(
        (await api.call('POST', '/users', { name: 'bob', role: 'viewer', password: 'short' })).json(),
      ).toMatchObject({
        error: { code: 'validation', field: 'body.password' },
      });
      const users = (await api.call('GET', '/users')).json<{ items: User[] }>().items;
      expect(users.map((user) => [user.name, user.role])).toEqual([
        ['ana', 'admin'],
        ['olga', 'operator'],
        ['vic', 'viewer'],
      ]);
    });

    it('changes a role, which the user’s open session gets at its next request', async () => {
      const vic = await signIn(api, 'vic', 'vic-viewer-password');
      expect((await asBrowser(api, vic, 'POST', '/stores/x/test')).statusCode).toBe(403);
      const changed = await api.call('PATCH', '/users/vic', { role: 'operator' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json<User>().role).toBe('operator');
      expect((await asBrowser(api, vic, 'GET', '/auth/me')).json()).toMatchObject({
        user: { role: 'operator' },
      });
      // Past the role check now: the store does not exist.
      expect((await asBrowser(api, vic, 'POST', '/stores/x/test')).statusCode).toBe(404);
      expect((await api.call('PATCH', '/users/vic', { role: 'viewer' })).statusCode).toBe(200);
    });

    it('changes a password, which ends the user’s sessions', async () => {
      const olga = await signIn(api, 'olga', 'olga-operator-pw');
      expect((await api.call('PATCH', '/users/olga', { password: 'olga-new-password' })).statusCode).toBe(
        200,
      );
      expect((await asBrowser(api, olga, 'GET', '/auth/me')).statusCode).toBe(401);
      await signIn(api, 'olga', 'olga-new-password');
    });

    it('protects the last enabled admin from being demoted or disabled (409 last-admin), changing nothing', async () => {
      for (const change of [{ role: 'operator' }, { disabled: true }]) {
        const answer = await api.call('PATCH', '/users/ana', change);
        expect(answer.statusCode, answer.body).toBe(409);
        expect(answer.json<ErrorBody>().error).toMatchObject({
          code: 'last-admin',
          message: expect.stringContaining("'ana' is the last enabled admin") as string,
        });
      }
      expect(await api.hub.users.get('ana')).toMatchObject({ role: 'admin', disabled: false });
      // With a second admin, the first may step down.
      expect((await api.call('PATCH', '/users/olga', { role: 'admin' })).statusCode).toBe(200);
      expect((await api.call('PATCH', '/users/ana', { role: 'operator' })).statusCode).toBe(200);
      expect((await api.call('PATCH', '/users/olga', { disabled: true })).statusCode).toBe(409);
      expect((await api.call('PATCH', '/users/ana', { role: 'admin' })).statusCode).toBe(200);
      expect((await api.call('PATCH', '/users/olga', { role: 'operator' })).statusCode).toBe(200);
    });

    it('disables a user, refuses an unknown one and an empty change', async () => {
      const disabled = await api.call('PATCH', '/users/olga', { disabled: true });
      expect(disabled.json<User>()).toMatchObject({ name: 'olga', disabled: true });
      const refused = await api.server.app.inject({
        method: 'POST',
        url: '/auth/sign-in',
        payload: { name: 'olga', password: 'olga-new-password' },
        remoteAddress: '10.9.0.1',
      });
      expect(refused.statusCode).toBe(401);
      expect((await api.call('PATCH', '/users/olga', { disabled: false })).json<User>().disabled).toBe(false);
      expect((await api.call('PATCH', '/users/nobody', { role: 'viewer' })).statusCode).toBe(404);
      expect((await api.call('PATCH', '/users/olga', {})).json()).toMatchObject({
        error: { code: 'validation' },
      });
    });

    it('lets a viewer manage their own API tokens and no one else’s', async () => {
      const vic = await signIn(api, 'vic', 'vic-viewer-password');
      const made = await asBrowser(api, vic, 'POST', '/users/vic/tokens', { label: 'my script' });
      expect(made.statusCode).toBe(201);
      const { token, secret } = made.json<{ token: { id: number; label: string }; secret: string }>();
      expect(token.label).toBe('my script');
      expect(secret).toMatch(/^pbt_/);
      const listed = await asBrowser(api, vic, 'GET', '/users/vic/tokens');
      expect(listed.json<{ items: Array<{ id: number }> }>().items.map((item) => item.id)).toEqual([
        token.id,
      ]);
      expect(listed.body).not.toContain(secret);

      const anaToken = await api.call('POST', '/users/ana/tokens', { label: 'admin script' });
      expect(anaToken.statusCode).toBe(201);
      const anaTokenId = anaToken.json<{ token: { id: number } }>().token.id;
      const anaSecret = anaToken.json<{ secret: string }>().secret;
      // A token records its first use: done before the snapshot.
      expect((await api.call('GET', '/auth/me', undefined, secret)).statusCode).toBe(200);
      const before = await hubSnapshot(api.hub);
      for (const [method, url, body] of [
        ['GET', '/users/ana/tokens', undefined],
        ['POST', '/users/ana/tokens', { label: 'stolen' }],
        ['DELETE', `/users/ana/tokens/${anaTokenId}`, undefined],
      ] as const) {
        const answer = await asBrowser(api, vic, method, url, body);
        expect(answer.statusCode, `${method} ${url}`).toBe(403);
        expect(answer.json()).toMatchObject({ error: { code: 'forbidden' } });
        // With the viewer's own token as well.
        expect((await api.call(method, url, body, secret)).statusCode, `${method} ${url}`).toBe(403);
      }
      expect(await hubSnapshot(api.hub)).toBe(before);
      expect((await api.call('GET', '/auth/me', undefined, anaSecret)).statusCode).toBe(200);

      const revoked = await asBrowser(api, vic, 'DELETE', `/users/vic/tokens/${token.id}`);
      expect(revoked.statusCode).toBe(204);
      expect((await api.call('GET', '/auth/me', undefined, secret)).statusCode).toBe(401);
      const after = (await asBrowser(api, vic, 'GET', '/users/vic/tokens')).json<{
        items: Array<{ id: number; revokedAt: string | null }>;
      }>();
      expect(after.items[0]?.revokedAt).not.toBeNull();
      expect((await asBrowser(api, vic, 'DELETE', `/users/vic/tokens/${token.id}`)).statusCode).toBe(404);
      // Another user's token id under one's own name is not found, and stays valid.
      expect((await asBrowser(api, vic, 'DELETE', `/users/vic/tokens/${anaTokenId}`)).statusCode).toBe(404);
      expect((await api.call('GET', '/auth/me', undefined, anaSecret)).statusCode).toBe(200);
    });

    it('lets an admin manage anyone’s tokens', async () => {
      const made = await api.call('POST', '/users/vic/tokens', { label: 'made for vic' });
      expect(made.statusCode).toBe(201);
      const id = made.json<{ token: { id: number } }>().token.id;
      expect(
        (await api.call('GET', '/users/vic/tokens'))
          .json<{ items: Array<{ id: number }> }>()
          .items.map((item) => item.id),
      ).toContain(id);
      expect((await api.call('DELETE', `/users/vic/tokens/${id}`)).statusCode).toBe(204);
      expect((await api.call('GET', '/users/nobody/tokens')).statusCode).toBe(404);
      expect((await api.call('POST', '/users/vic/tokens', { label: '' })).json()).toMatchObject({
        error: { code: 'validation', field: 'body.label' },
      });
    });
  });
});

describe('console and API docs', () => {
  let folder: string;
  let app: FastifyInstance;
  const api = (consoleDir: string): FastifyInstance =>
    buildApi({
      context: {
        hub: {} as Hub,
        feeds: [],
        auth: { sessionLifetime: DEFAULT_SESSION_LIFETIME, limiter: new SignInLimiter() },
        live: new LiveEvents(),
        clock: () => new Date(),
      } as unknown as ApiContext,
      token: TEST_TOKEN,
      logger: captureLogs().logger,
      consoleDir,
    });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'prestabridge-console-'));
    mkdirSync(join(folder, 'ui', 'assets'), { recursive: true });
    writeFileSync(
      join(folder, 'ui', 'index.html'),
      '<!doctype html><title>PrestaBridge</title><div id="root"></div>',
    );
    writeFileSync(join(folder, 'ui', 'assets', 'index-3f2a.js'), 'console.log("console");');
    writeFileSync(join(folder, 'ui', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(folder, 'secret.txt'), 'not for the web');
    app = api(join(folder, 'ui'));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the console at / to anyone, with a policy that runs only its own scripts', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = await app.inject({ url: '/assets/index-3f2a.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/favicon.svg' })).statusCode).toBe(200);
  });

  it('serves nothing outside the build', async () => {
    for (const url of [
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ]) {
      const answer = await app.inject({ url });
      expect(answer.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(answer.body, url).not.toContain('not for the web');
    }
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    // Paths of the API are not the console's: they still need a token.
    expect((await app.inject({ url: '/stores' })).statusCode).toBe(401);
  });

  it('serves Swagger UI at /docs, reading /openapi.json, with no file from a CDN', async () => {
    const page = await app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/https?:\/\//);
    expect(page.body).toContain('/docs/swagger-ui-bundle.js');
    expect((await app.inject({ url: '/docs/swagger-ui-bundle.js' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/docs/swagger-ui.css' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/docs/init.js' })).body).toContain("'/openapi.json'");
  });

  it('says how to build the console when it is not built', async () => {
    const unbuilt = api(join(folder, 'nothing-here'));
    const page = await unbuilt.inject({ url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build');
    await unbuilt.close();
  });
});
