import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { StoreDates } from '../../../src/sync/store-dates.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, gets, runFeed } from './support/catalog-harness.js';

/**
 * update-products after a mass import: 2,000 products share one `date_upd` second. Its watermark is a
 * (date_upd, id) keyset, so once that second is over an empty run lists none of them again — and a
 * second still running is listed again rather than skipped, since a product with a lower id may yet
 * be dated in it.
 */

const PRODUCTS = 2000;
/** Each engine's run changes prices to values of its own (both share the emulator). */
let priceStep = 0;

describe('update-products when many products share one date_upd second', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      sizes: { products: PRODUCTS, combinations: 0, orders: 0, customers: 1 },
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('keyset', (engine) => {
    let hub: Hub;
    let store: Store;
    beforeAll(async () => {
      hub = await engine.openHub();
      store = await addEmulatorStore(hub, emulator, 'mass-import', { extras: { syncCategories: false } });
      // The mass import: every product dated the same second, an hour ago.
      const second = StoreDates.of(store).toLocal(new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000));
      for (const row of emulator.store.records('products')) {
        emulator.store.update('products', row.id, { date_upd: second }, {}, false);
      }
      const imported = await runFeed(hub, 'import-products', store);
      expect(imported.report.counts).toMatchObject({ created: PRODUCTS, failed: 0 });
    });

    const requests = (): number =>
      Object.values(emulator.requestCounts())
        .flatMap((verbs) => Object.values(verbs))
        .reduce((sum, count) => sum + count, 0);

    it('an empty run lists none of the products already read, in at most 3 requests', async () => {
      // The first run starts at that second: it lists its products (light), reads none of them.
      const first = await runFeed(hub, 'update-products', store);
      expect(first.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: PRODUCTS, failed: 0 });

      emulator.resetCounts();
      const empty = await runFeed(hub, 'update-products', store);
      expect(empty.run.status).toBe('succeeded');
      expect(empty.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 0, failed: 0 });
      expect(requests()).toBeLessThanOrEqual(3);
      expect(gets(emulator, 'combinations')).toBe(0);
    });

    it('a change reads that product alone; its second, still running, is listed again until it is over', async () => {
      priceStep += 1;
      emulator.store.updateProduct(1500, { price: `${40 + priceStep}.000000` });
      const changed = await runFeed(hub, 'update-products', store);
      expect(changed.report.counts).toMatchObject({ created: 0, updated: 1, unchanged: 0, failed: 0 });

      // A product with a lower id dated in that same second after the run listed it: not skipped.
      const dated = emulator.store.get('products', 1500)?.values.date_upd;
      emulator.store.update(
        'products',
        20,
        { price: `${60 + priceStep}.000000`, date_upd: dated ?? '' },
        {},
        false,
      );
      const again = await runFeed(hub, 'update-products', store);
      expect(again.report.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1, failed: 0 });
      expect(
        (await hub.catalog.getProduct((await hub.bindings.get(store.id, 'products', 20))!.localId)).price,
      ).toBe(`${60 + priceStep}.000000`);
    });
  });
});
