import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub } from '../../src/hub/index.js';
import { GO_LIVE_STEPS, isLive } from '../../src/jobs/index.js';
import { describeEachEngine } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('prestabridge golive', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('go-live', (engine) => {
    let hub: Hub;
    beforeAll(async () => {
      hub = await engine.openHub();
      await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
      await hub.stores.create({
        name: 'shop',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { export: { enabled: true }, stockExportLocations: ['MAIN'] },
      });
    });

    it('stops at the first step that cannot run, saying what to fix, after the steps before it', async () => {
      const { code, out } = await runCli(engine, ['golive', '--store', 'shop']);
      expect(code).toBe(1);
      expect(out).toContain('import-products for shop: succeeded');
      expect(out).toContain('import-orders for shop: succeeded');
      expect(out).toMatch(/stopped at import-stock: .*stockImportLocation/);
      expect(out).toContain('prestabridge golive --store shop` again');
      const store = await hub.stores.get('shop');
      expect(store.initialStockImportedAt).toBeNull();
      expect(await isLive(hub, store.id)).toBe(false);
    });

    it('resumes at that step once it is fixed, and ends with the first stock export', async () => {
      await hub.stores.update('shop', { settings: { stockImportLocation: 'MAIN' } });
      emulator.resetCounts();
      const { code, out } = await runCli(engine, ['golive', '--store', 'shop']);
      expect(code).toBe(0);
      expect(out).toContain('import-orders: done in an earlier go-live run');
      expect(out).toContain('import-stock for shop: succeeded');
      expect(out).toContain('export-stock for shop: succeeded');
      expect(out).toContain("Store 'shop' is live");
      // The last line says whether the store will keep syncing (this one imports nothing yet).
      expect(out.trimEnd().split('\n').at(-1)).toBe(
        'Syncing is on for export only (export every 60 min) while `prestabridge serve` runs: new orders do not ' +
          'arrive until `prestabridge stores set shop import.enabled=true`. `prestabridge sync status --store shop` shows the schedule.',
      );
      // Nothing of the catalog was read again.
      expect(emulator.requestCounts().products?.GET ?? 0).toBe(0);
      const store = await hub.stores.get('shop');
      expect(store.initialStockImportedAt).not.toBeNull();
      expect(await isLive(hub, store.id)).toBe(true);
      const variants = await hub.catalog.listVariants({ storeId: store.id, limit: 10_000 });
      expect(variants.length).toBeGreaterThan(0);
    });

    it('ends by saying whether syncing is on, and what to turn on when it is not', async () => {
      await hub.stores.update('shop', { settings: { export: { enabled: false } } });
      const off = await runCli(engine, ['golive', '--store', 'shop']);
      expect(off.code).toBe(0);
      expect(off.out.trimEnd().split('\n').at(-1)).toBe(
        'Syncing is off: import and export are disabled, so `prestabridge serve` runs no feed of this store. ' +
          'Turn them on with `prestabridge stores set shop import.enabled=true export.enabled=true`, then run `prestabridge serve`.',
      );
      await hub.stores.update('shop', { settings: { import: { enabled: true }, export: { enabled: true } } });
      const on = await runCli(engine, ['golive', '--store', 'shop']);
      expect(on.out.trimEnd().split('\n').at(-1)).toBe(
        'Syncing is on (import every 15 min, export every 60 min) while `prestabridge serve` runs. ' +
          '`prestabridge sync status --store shop` shows the schedule.',
      );
    });

    it('says what each step did as JSON; --restart runs every step again but the one-time stock import', async () => {
      const { code, out } = await runCli(engine, ['golive', '--store', 'shop', '--restart', '--json']);
      expect(code).toBe(0);
      const result = JSON.parse(out) as {
        live: boolean;
        steps: Array<{ step: { feed: string }; status: string }>;
      };
      expect(result.live).toBe(true);
      expect(result.steps.map((step) => step.step.feed)).toEqual(GO_LIVE_STEPS.map((step) => step.feed));
      const statuses = Object.fromEntries(result.steps.map((step) => [step.step.feed, step.status]));
      expect(statuses['import-products']).toBe('ran');
      expect(statuses['import-orders']).toBe('ran');
      expect(statuses['import-stock']).toBe('done-before');
      expect(statuses['export-stock']).toBe('ran');
    });
  });
});
