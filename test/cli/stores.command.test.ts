import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub } from '../../src/hub/index.js';
import type { ConnectionCheck } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { closedPort, countingFeed, pushStockFeed, runCli } from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const feeds = [countingFeed(), pushStockFeed];
const WRONG_KEY = 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY';

describe('prestabridge stores', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('stores', (engine) => {
    let hub: Hub;
    const cli = (...args: string[]) => runCli(engine, args, { feeds });
    const fullKey = (): string => emulator.keys[0]!;
    beforeAll(async () => {
      hub = await engine.openHub();
    });

    it('adds a store with a good key: probes it, reads its languages, time zone and shop, keeps the key encrypted', async () => {
      emulator.resetCounts();
      const { code, out, err } = await cli(
        'stores',
        'add',
        '--name',
        'emu',
        '--url',
        emulator.url,
        '--key',
        fullKey(),
      );
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain("Added store 'emu'");
      expect(out).toMatch(/PrestaShop\s+8\.1\.2/);
      expect(out).toMatch(/languages\s+en \(1, default\), fr \(2\)/);
      expect(out).toMatch(/time zone\s+Europe\/Paris/);
      // Working stock defaults, created on an empty hub, shown with how to change them.
      expect(out).toContain(
        'Stock location: MAIN (shipments take stock out of it; sellable quantities count MAIN). ' +
          'Sales location: WEB (imported orders carry it). Change them with `prestabridge stores set emu ' +
          'defaults.stockLocation=CODE stockExportLocations=CODE defaults.salesLocation=CODE`',
      );
      expect((await hub.stores.get('emu')).settings).toMatchObject({
        defaults: { stockLocation: 'MAIN', salesLocation: 'WEB' },
        stockExportLocations: ['MAIN'],
      });
      expect((await hub.masterData.list('locations')).map((location) => location.code)).toEqual([
        'MAIN',
        'WEB',
      ]);
      const store = await hub.stores.get('emu');
      expect(store).toMatchObject({
        url: emulator.url,
        psVersion: '8.1.2',
        timeZone: 'Europe/Paris',
        languageId: 1,
        shopId: 1,
        authMode: 'header',
        languages: [
          { id: 1, iso: 'en' },
          { id: 2, iso: 'fr' },
        ],
      });
      expect(await hub.stores.webserviceKey('emu')).toBe(fullKey());
      // The probe, the shops and their groups, the configuration values, the languages: five requests,
      // whatever the store's size.
      const counts = emulator.requestCounts();
      const total = Object.values(counts).reduce(
        (sum, verbs) => sum + Object.values(verbs).reduce((a, b) => a + b, 0),
        0,
      );
      expect(total).toBe(5);
    });

    it('refuses a wrong key in one line with exit 1 and stores nothing', async () => {
      const { code, out, err } = await cli(
        'stores',
        'add',
        '--name',
        'wrong',
        '--url',
        emulator.url,
        '--key',
        WRONG_KEY,
      );
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/^prestabridge: .*key was refused.*Advanced Parameters > Webservice/);
      expect(err).not.toContain(WRONG_KEY);
      expect(await hub.stores.find('wrong')).toBeUndefined();
    });

    it('explains an address typed without http://: https was tried, the store answers plain http', async () => {
      const typed = emulator.url.replace(/^http:\/\//, '');
      const { code, out, err } = await cli(
        'stores',
        'add',
        '--name',
        'no-scheme',
        '--url',
        typed,
        '--key',
        fullKey(),
      );
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toContain(`note: '${typed}' has no http:// or https://: using https://${typed}`);
      expect(err).toContain(
        `'${typed}' was given without http:// or https://, so https://${typed} was tried; ` +
          `if the store is served over plain http, give --url http://${typed}.`,
      );
      expect(await hub.stores.find('no-scheme')).toBeUndefined();
    });

    it('adds a store with a read-only key and lists the permissions its feeds lack', async () => {
      const { code, out, err } = await cli(
        'stores',
        'add',
        '--name',
        'emu-ro',
        '--url',
        emulator.url,
        '--key',
        emulator.keys[1]!,
      );
      expect(code).toBe(0);
      expect(err).toContain('warning: the key lacks permissions some feeds need');
      expect(err).toMatch(/^ {2}grant PUT on stock_availables \(push-stock\)$/m);
      expect(err).not.toContain('products');
      expect(out).toContain(
        'Permissions per feed (what the key still lacks):\n  count-products: ok\n  push-stock: lacks PUT on stock_availables\n',
      );
      expect(await hub.stores.find('emu-ro')).toBeDefined();
    });

    it('with --strict refuses a key that lacks permissions, storing nothing', async () => {
      const { code, err } = await cli(
        'stores',
        'add',
        '--name',
        'emu-strict',
        '--url',
        emulator.url,
        '--key',
        emulator.keys[1]!,
        '--strict',
      );
      expect(code).toBe(1);
      expect(err).toMatch(/grant PUT on stock_availables/);
      expect(await hub.stores.find('emu-strict')).toBeUndefined();
    });

    it('--json gives the store, what the probe found and the facts', async () => {
      const { code, out } = await cli(
        'stores',
        'add',
        '--name',
        'emu-json',
        '--url',
        `${emulator.url}/api/`,
        '--key',
        emulator.keys[1]!,
        '--json',
      );
      expect(code).toBe(0);
      const added = JSON.parse(out) as { store: { name: string; url: string }; connection: ConnectionCheck };
      expect(added.store).toMatchObject({ name: 'emu-json', url: emulator.url });
      expect(added.connection.missing).toEqual([
        {
          resource: 'stock_availables',
          verbs: ['PUT'],
          feeds: ['push-stock'],
          grant: 'grant PUT on stock_availables',
        },
      ]);
      expect(out).not.toContain(emulator.keys[1]!);
    });

    it('remembers a host that strips the Authorization header: the key goes as ws_key from then on', async () => {
      emulator.faults.update({ stripAuthorization: true });
      try {
        const { code, out, err } = await cli(
          'stores',
          'add',
          '--name',
          'emu-cgi',
          '--url',
          emulator.url,
          '--key',
          fullKey(),
        );
        expect(code).toBe(0);
        expect(err).toMatch(/^warning: .*CGI/m);
        expect(err).not.toContain(fullKey());
        expect(out).toMatch(/key sent as\s+ws_key parameter/);
        expect((await hub.stores.get('emu-cgi')).authMode).toBe('query');
        expect((await cli('stores', 'test', 'emu-cgi')).code).toBe(0);
      } finally {
        emulator.faults.clear();
      }
      await hub.stores.delete('emu-cgi');
    });

    it('names an unreachable store in one line and stores nothing', async () => {
      const port = await closedPort();
      const { code, err } = await cli(
        'stores',
        'add',
        '--name',
        'gone',
        '--url',
        `http://127.0.0.1:${port}`,
        '--key',
        fullKey(),
      );
      expect(code).toBe(1);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/^prestabridge: .*127\.0\.0\.1/);
      expect(await hub.stores.find('gone')).toBeUndefined();
    });

    it('refuses a name already taken before contacting the store', async () => {
      emulator.resetCounts();
      const { code, err } = await cli(
        'stores',
        'add',
        '--name',
        'emu',
        '--url',
        emulator.url,
        '--key',
        fullKey(),
      );
      expect(code).toBe(1);
      expect(err).toContain("A store named 'emu' already exists");
      expect(emulator.requestCounts()).toEqual({});
    });

    it('needs PRESTABRIDGE_SECRET to keep a key, and says how to set it', async () => {
      const { code, err } = await runCli(
        engine,
        ['stores', 'add', '--name', 'nosecret', '--url', emulator.url, '--key', fullKey()],
        { feeds, env: { PRESTABRIDGE_SECRET: undefined } },
      );
      expect(code).toBe(1);
      expect(err).toMatch(/PRESTABRIDGE_SECRET is not set.*openssl rand -hex 32/);
    });

    it('lists the stores', async () => {
      const { code, out } = await cli('stores', 'list');
      expect(code).toBe(0);
      expect(out.split('\n')[0]).toMatch(/^name\s+url\s+version\s+enabled\s+import\s+export/);
      expect(out).toMatch(/^emu\s+http:\/\/127\.0\.0\.1:\d+\s+8\.1\.2\s+yes\s+off\s+off/m);
      const listed = JSON.parse((await cli('stores', 'list', '--json')).out) as Array<{ name: string }>;
      expect(listed.map((store) => store.name)).toEqual(['emu', 'emu-json', 'emu-ro']);
    });

    it('shows a store with every setting, and never its key', async () => {
      const { code, out } = await cli('stores', 'show', 'emu');
      expect(code).toBe(0);
      expect(out).toMatch(/webservice key\s+stored, encrypted \(never shown\)/);
      expect(out).toContain('import.frequencyMinutes=15');
      expect(out).toContain('genders.1=male');
      const json = (await cli('stores', 'show', 'emu', '--json')).out;
      expect(JSON.parse(json)).toMatchObject({ name: 'emu', hasKey: true });
      for (const text of [out, json]) {
        expect(text).not.toContain(fullKey());
        expect(text).not.toContain(fullKey().slice(-8));
      }
    });

    it('names a store that does not exist', async () => {
      const { code, err } = await cli('stores', 'show', 'nope');
      expect(code).toBe(1);
      expect(err).toContain("No store named 'nope'");
    });

    it('changes settings with key=value and prints what changed', async () => {
      const { code, out } = await cli(
        'stores',
        'set',
        'emu',
        'import.enabled=true',
        'import.frequency_minutes=30',
        'orderStates.3=retry',
        'schedules.push-stock=off',
      );
      expect(code).toBe(0);
      expect(out).toContain('import.enabled=true');
      expect(out).toContain('import.frequencyMinutes=30');
      expect(out).toContain('orderStates.3=retry');
      const store = await hub.stores.get('emu');
      expect(store.settings.import).toEqual({ enabled: true, frequencyMinutes: 30 });
      expect(store.settings.orderStates).toEqual({ '3': 'retry' });
      expect(store.settings.schedules).toEqual({ 'push-stock': 'off' });
      const removed = await cli('stores', 'set', 'emu', 'orderStates.3=');
      expect(removed.out).toContain('orderStates.3: removed');
    });

    it('refuses invalid settings with the hub’s own words, exit 2, changing nothing', async () => {
      const before = await hub.stores.get('emu');
      const invalid = await cli(
        'stores',
        'set',
        'emu',
        'import.frequencyMinutes=often',
        'productMaster=shop',
      );
      expect(invalid.code).toBe(2);
      expect(invalid.err).toContain(
        "import.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 'often'",
      );
      expect(invalid.err).toContain("productMaster must be one of store, hub, both, got 'shop'");
      const unknown = await cli('stores', 'set', 'emu', 'colour=blue');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain("unknown setting 'colour'");
      // A misspelt setting gets the same "did you mean" as in the HTTP API, and nothing is saved.
      const misspelt = await cli(
        'stores',
        'set',
        'emu',
        'imprt.enabled=true',
        'orderState.3=retry',
        'import.frequency_minuts=30',
      );
      expect(misspelt.code).toBe(2);
      expect(misspelt.err).toContain("unknown setting 'imprt.enabled' (did you mean 'import.enabled'?");
      expect(misspelt.err).toContain("unknown setting 'orderState.3' (did you mean 'orderStates.3'?");
      expect(misspelt.err).toContain(
        "unknown setting 'import.frequency_minuts' (did you mean 'import.frequencyMinutes'?",
      );
      const feed = await cli('stores', 'set', 'emu', 'schedules.count-prodcts=30');
      expect(feed.code).toBe(2);
      expect(feed.err).toContain("There is no feed named 'count-prodcts'");
      const nothing = await cli('stores', 'set', 'emu');
      expect(nothing.code).toBe(2);
      expect((await hub.stores.get('emu')).settings).toEqual(before.settings);
    });

    it('renames, changes the URL and replaces the key', async () => {
      const { code, out } = await cli('stores', 'set', 'emu-json', '--name', 'emu-two', '--key', fullKey());
      expect(code).toBe(0);
      expect(out).toContain('name: emu-json → emu-two');
      expect(out).toContain('webservice key: replaced');
      expect(out).not.toContain(fullKey());
      expect(await hub.stores.webserviceKey('emu-two')).toBe(fullKey());
      const bad = await cli('stores', 'set', 'emu-two', '--url', 'ftp://shop');
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('must start with https:// or http://');
      // Without a scheme: https is assumed, and said so (before, 'localhost:8081' read as a scheme 'localhost:').
      const bare = await cli('stores', 'set', 'emu-two', '--url', 'localhost:8081');
      expect(bare.code).toBe(0);
      expect(bare.err).toContain(
        "note: 'localhost:8081' has no http:// or https://: using https://localhost:8081",
      );
      expect((await hub.stores.get('emu-two')).url).toBe('https://localhost:8081');
    });

    it('tests a stored store again: version and missing permissions', async () => {
      const good = await cli('stores', 'test', 'emu');
      expect(good.code).toBe(0);
      expect(good.out).toContain("Store 'emu' answers.");
      expect(good.out).toContain(
        'The key has every permission the feeds need, for their runs and for the writes that follow.',
      );
      const readOnly = await cli('stores', 'test', 'emu-ro');
      expect(readOnly.code).toBe(0);
      expect(readOnly.err).toMatch(/grant PUT on stock_availables/);
      expect(readOnly.out).toContain('Permissions per feed (what the key still lacks):\n');
      expect(readOnly.out).toMatch(/^ {2}count-products: ok$/m);
      expect(readOnly.out).toMatch(/^ {2}push-stock: lacks PUT on stock_availables$/m);
    });

    it('says per built-in feed what a read-only key lacks: the run, and each write its records lead to', async () => {
      // The built-in feeds, as `prestabridge` has them.
      const { code, out } = await runCli(engine, ['stores', 'test', 'emu-ro']);
      expect(code).toBe(0);
      const line = (feed: string): string =>
        out.split('\n').find((each) => each.startsWith(`  ${feed}: `)) ?? `(no line for ${feed})`;
      expect(line('import-products')).toBe('  import-products: ok');
      expect(line('import-orders')).toBe(
        '  import-orders: ok; push stock: lacks PUT on stock_availables; ' +
          'confirm shipments: lacks PUT on order_carriers, POST on order_histories; ' +
          'set order states: lacks POST on order_histories',
      );
      expect(line('export-stock')).toBe('  export-stock: lacks PUT on stock_availables');
      expect(line('export-products')).toBe(
        '  export-products: ok; export products: lacks POST and PUT on products, combinations; ' +
          'PUT on stock_availables; POST on product_options, product_option_values',
      );
      expect(line('shipping-confirmation')).toBe(
        '  shipping-confirmation: ok; confirm shipments: lacks PUT on order_carriers, POST on order_histories; ' +
          'set order states: lacks POST on order_histories',
      );
      const json = await runCli(engine, ['stores', 'test', 'emu-ro', '--json']);
      const { connection } = JSON.parse(json.out) as { connection: ConnectionCheck };
      expect(connection.feeds.find((feed) => feed.feed === 'import-orders')).toMatchObject({
        missing: [
          { resource: 'stock_availables', verb: 'PUT' },
          { resource: 'order_carriers', verb: 'PUT' },
          { resource: 'order_histories', verb: 'POST' },
        ],
        parts: [
          { label: 'import-orders', outboxKind: null, missing: [] },
          {
            label: 'push stock',
            outboxKind: 'stock',
            missing: [{ resource: 'stock_availables', verb: 'PUT' }],
          },
          {
            label: 'confirm shipments',
            outboxKind: 'shipment',
            missing: [
              { resource: 'order_carriers', verb: 'PUT' },
              { resource: 'order_histories', verb: 'POST' },
            ],
          },
          {
            label: 'set order states',
            outboxKind: 'order_state',
            missing: [{ resource: 'order_histories', verb: 'POST' }],
          },
        ],
      });
    });

    it("refreshes a store's facts when they changed in the store", async () => {
      emulator.store.setConfig('PS_TIMEZONE', 'America/New_York');
      try {
        const { code, out } = await cli('stores', 'refresh', 'emu');
        expect(code).toBe(0);
        expect(out).toContain('time zone Europe/Paris → America/New_York');
        expect((await hub.stores.get('emu')).timeZone).toBe('America/New_York');
      } finally {
        emulator.store.setConfig('PS_TIMEZONE', 'Europe/Paris');
      }
    });

    it('removes a store only with --yes', async () => {
      const unconfirmed = await cli('stores', 'remove', 'emu-two');
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.err).toContain('add --yes to confirm');
      expect(await hub.stores.find('emu-two')).toBeDefined();
      const removed = await cli('stores', 'remove', 'emu-two', '--yes');
      expect(removed.code).toBe(0);
      expect(await hub.stores.find('emu-two')).toBeUndefined();
    });
  });
});
