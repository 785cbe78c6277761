import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub } from '../../../src/hub/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, gets, runFeed } from './support/catalog-harness.js';

/** What the store settings change in the catalog feeds: feeds turned off, tax fallback, all images. */
describe('catalog feeds and store settings', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('settings', (engine) => {
    let hub: Hub;
    beforeAll(async () => {
      hub = await engine.openHub();
      await hub.masterData.upsert('taxRates', [
        { code: 'VAT20', name: 'VAT 20 %', rate: '20', country: 'FR' },
      ]);
    });

    it('refuses to run a feed whose setting is off, saying which setting turns it on', async () => {
      const store = await addEmulatorStore(hub, emulator, 'off', {
        extras: { syncCategories: false, syncImages: false, autoCreateBarcodes: false },
      });
      const expected = {
        'import-categories': 'stores set off extras.syncCategories=true',
        'import-images': 'stores set off extras.syncImages=true',
        'create-barcodes': 'stores set off extras.autoCreateBarcodes=true',
      };
      for (const [feed, command] of Object.entries(expected)) {
        const { run, report } = await runFeed(hub, feed, store);
        expect(run.status, feed).toBe('failed');
        expect(report.error, feed).toContain(command);
        expect(report.requests, feed).toBe(0);
      }
    });

    it('gives products of a tax group without a hub rate the default tax, and says what to create', async () => {
      // The hub has no 5.5 % rate and no unit 'BOX' (gone since the settings were saved: a save
      // naming it is refused); the store record knows nothing of its languages.
      await hub.masterData.add('unitsOfMeasure', { code: 'BOX', name: 'Box' });
      const store = await hub.stores.create({
        name: 'tax',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        timeZone: 'Europe/Paris',
        settings: { defaults: { tax: 'VAT20', unitOfMeasure: 'BOX' }, extras: { syncCategories: false } },
      });
      await hub.masterData.delete('unitsOfMeasure', 'BOX');
      const { report } = await runFeed(hub, 'import-products', store);
      expect(report.status).toBe('succeeded');
      const reduced = [...emulator.store.records('products')].filter(
        (row) => textOf(row.values.id_tax_rules_group) === '3',
      );
      expect(reduced.length).toBeGreaterThan(0);
      const notices = new Map(report.notices.map((notice) => [notice.kind, notice.message]));
      expect(notices.get('unmapped-tax-group')).toBe(
        `Tax rules group 3 'FR Taux réduit (5.5%)' (5.5 % in FR) matches no hub tax rate: its ${reduced.length} ` +
          "product(s) so far get the store's default tax 'VAT20'. Create a tax rate of 5.5 % in the hub's master data: " +
          'prestabridge tax-rates add CODE --name NAME --rate 5.5.',
      );
      expect(notices.get('unknown-unit')).toMatch(
        /^defaults\.unitOfMeasure names 'BOX', which the hub does not have: .*`prestabridge units add BOX --name NAME`/,
      );
      for (const row of reduced) {
        const binding = await hub.bindings.get(store.id, 'products', row.id);
        const product = await hub.catalog.getProduct(binding!.localId);
        expect(product).toMatchObject({ taxRate: 'VAT20', unitOfMeasure: null });
        expect(product.names).toEqual({ en: textOf(row.values.name, 1), fr: textOf(row.values.name, 2) });
      }
    });

    it('downloads every image once with allImages, and a cover-only pass afterwards downloads nothing', async () => {
      const store = await addEmulatorStore(hub, emulator, 'images', {
        extras: { syncCategories: false, allImages: true },
      });
      expect((await runFeed(hub, 'import-products', store)).run.status).toBe('succeeded');
      emulator.resetCounts();
      const first = await runFeed(hub, 'import-images', store);
      const images = [...emulator.store.records('products')].flatMap((row) =>
        (row.associations.images ?? []).map((entry) => `${row.id}:${entry.id}`),
      );
      expect(first.report.counts.created).toBe(images.length);
      expect(gets(emulator, 'images')).toBe(images.length);
      for (const key of images) expect(await hub.bindings.get(store.id, 'images', key), key).toBeDefined();

      await hub.stores.update(store.id, { settings: { extras: { allImages: false } } });
      emulator.resetCounts();
      const covers = await runFeed(hub, 'import-images', store, { options: { full: true } });
      expect(gets(emulator, 'images')).toBe(0);
      expect(covers.report.counts).toMatchObject({ created: 0, unchanged: emulator.store.count('products') });
    });
  });
});
