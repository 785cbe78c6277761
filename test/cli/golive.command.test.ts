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
      // Nothing of the catalog was read again.
      expect(emulator.requestCounts().products?.GET ?? 0).toBe(0);
      const store = await hub.stores.get('shop');
      expect(store.initialStockImportedAt).not.toBeNull();
      expect(await isLive(hub, store.id)).toBe(true);
      const variants = await hub.catalog.listVariants({ storeId: store.id, limit: 10_000 });
      expect(variants.length).toBeGreaterThan(0);
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
