import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_ANCHOR, type EmuRecord, startEmulator, textOf } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { planImport } from '../../src/jobs/index.js';
import { findFeed, type ImportPlan, type ImportPlanEntry } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { type Emulator, runFeed } from './catalog/support/catalog-harness.js';

const NO_RETRIES = { retry: { maxRetries: 0 } };

function byId(plan: ImportPlan): Map<number | null, ImportPlanEntry> {
  return new Map(plan.entries.map((entry) => [entry.externalId, entry]));
}

function actions(plan: ImportPlan): Set<string> {
  return new Set(plan.entries.map((entry) => entry.action));
}

describe('import plans (read → select → execute)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // Store writes dated never before the seeded history: a change is always newer than the import.
    const notBefore = Date.parse(`${DEFAULT_ANCHOR.replace(' ', 'T')}Z`) + 86_400_000;
    const started = Date.now();
    const clock = (): Date => new Date(Math.max(started, notBefore) + (Date.now() - started));
    emulator = await startEmulator({ port: 0, seed: 'demo', storeOptions: { clock } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('against the demo store', (engine) => {
    let hub: Hub;
    let store: Store;
    const plan = async (feed: string, notImported = false): Promise<ImportPlan> =>
      planImport(
        {
          hub,
          feed: findFeed(feed),
          store: await hub.stores.get(store.id),
          clientOverrides: NO_RETRIES,
          notImported,
        },
        ['import-products', 'import-customers'],
      );
    const emu = (resource: string): EmuRecord[] => [...emulator.store.records(resource)];

    beforeAll(async () => {
      emulator.store.reset();
      hub = await engine.openHub();
      await hub.masterData.upsert('taxRates', [
        { code: 'VAT20', name: 'VAT 20 %', rate: '20', country: 'FR' },
        { code: 'VAT5.5', name: 'VAT 5.5 %', rate: '5.5', country: 'FR' },
      ]);
      store = await addEmulatorStore(hub, emulator, 'plans');
    });

    it('plans every store product in bulk and writes nothing, then imports a selection only', async () => {
      emulator.resetCounts();
      const first = await plan('import-products');
      const products = emu('products');
      expect(first.entries).toHaveLength(products.length);
      expect(actions(first)).toEqual(new Set(['add-to-hub']));
      expect(first.counts['add-to-hub']).toBe(products.length);
      // A page of a few fields for the whole catalog: never a GET per product, and no combinations.
      expect(emulator.requestCounts().products?.GET).toBe(1);
      expect(emulator.requestCounts().combinations).toBeUndefined();
      expect(await hub.catalog.listVariants({ limit: 5 })).toEqual([]);

      const [a, b] = products;
      const { run, report } = await runFeed(hub, 'import-products', store, {
        options: { only: `${a!.id},${b!.id},999999` },
        clientOverrides: NO_RETRIES,
      });
      expect(run.status, report.error).toBe('succeeded');
      expect(report.counts).toMatchObject({ created: 2, failed: 0, skipped: 1 });
      expect(report.skips.map((skip) => skip.reason)).toEqual(['not in the store (no product with this id)']);
      // The sweep's watermark is untouched: the next full run still imports every other product.
      expect(await hub.watermarks.get(store.id, 'import-products')).toBeUndefined();

      const second = byId(await plan('import-products'));
      expect(second.get(a!.id)).toMatchObject({ action: 'up-to-date', imported: true });
      expect(second.get(b!.id)).toMatchObject({ action: 'up-to-date', imported: true });
      const notImported = await plan('import-products', true);
      expect(notImported.notImportedOnly).toBe(true);
      expect(notImported.entries).toHaveLength(products.length - 2);
      expect(notImported.entries.some((entry) => entry.externalId === a!.id)).toBe(false);
    });

    it('says "update hub" for a product changed in the store and "conflict" for a reference already bound', async () => {
      const [a, b, c] = emu('products');
      emulator.store.update('products', a!.id, { price: '77.000000' });
      const reference = textOf(b!.values.reference);
      expect(reference).not.toBe('');
      emulator.store.update('products', c!.id, { reference });
      const entries = byId(await plan('import-products'));
      expect(entries.get(a!.id)).toMatchObject({
        action: 'update-hub',
        reason: 'changed in the store since the last sync',
      });
      const conflict = entries.get(c!.id);
      expect(conflict?.action).toBe('conflict');
      expect(conflict?.reason).toContain(`already bound to store product ${b!.id}`);

      const { report } = await runFeed(hub, 'import-products', store, {
        options: { only: String(a!.id) },
        clientOverrides: NO_RETRIES,
      });
      expect(report.counts).toMatchObject({ updated: 1, created: 0 });
      const bound = await hub.bindings.get(store.id, 'products', a!.id);
      expect((await hub.catalog.getProduct(bound!.localId)).price).toBe('77.000000');
      expect(byId(await plan('import-products')).get(a!.id)?.action).toBe('up-to-date');
    });

    it('stops a selective import asked to stop, writing nothing', async () => {
      const ids = emu('products')
        .slice(10, 20)
        .map((product) => product.id);
      const stop = new AbortController();
      stop.abort('test stop');
      const { run } = await runFeed(hub, 'import-products', store, {
        options: { only: ids.join(',') },
        clientOverrides: NO_RETRIES,
        signal: stop.signal,
      });
      expect(run.status).toBe('cancelled');
      const entries = byId(await plan('import-products'));
      expect(ids.every((id) => entries.get(id)?.action === 'add-to-hub')).toBe(true);
    });

    it('plans customers, imports a selection, and flags an e-mail already bound to another customer', async () => {
      const customers = emu('customers');
      const first = await plan('import-customers');
      expect(first.entries).toHaveLength(customers.length);
      expect(actions(first)).toEqual(new Set(['add-to-hub']));
      expect(await hub.customers.list()).toEqual([]);

      const [a, b] = customers;
      const { run, report } = await runFeed(hub, 'import-customers', store, {
        options: { only: String(a!.id) },
        clientOverrides: NO_RETRIES,
      });
      expect(run.status, report.error).toBe('succeeded');
      expect(report.counts).toMatchObject({ created: 1 });
      const imported = await hub.customers.list();
      expect(imported.map((customer) => customer.email)).toEqual([textOf(a!.values.email)]);
      expect(await hub.watermarks.get(store.id, 'import-customers')).toBeUndefined();

      emulator.store.update('customers', b!.id, { email: textOf(a!.values.email).toUpperCase() });
      emulator.store.update('customers', a!.id, { lastname: 'Changed' });
      const entries = byId(await plan('import-customers'));
      expect(entries.get(a!.id)).toMatchObject({ action: 'update-hub', imported: true });
      expect(entries.get(b!.id)?.action).toBe('conflict');
      expect(entries.get(b!.id)?.reason).toContain(`already bound to store customer ${a!.id}`);
      const notImported = await plan('import-customers', true);
      expect(notImported.entries.map((entry) => entry.externalId)).not.toContain(a!.id);
      expect(notImported.entries).toHaveLength(customers.length - 1);
    });
  });
});
