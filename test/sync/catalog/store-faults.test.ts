import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../../../src/jobs/index.js';
import { findFeed, type StoreClientOverrides } from '../../../src/sync/index.js';
import type { RequestEvent } from '../../../src/webservice/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import type { Emulator } from './support/catalog-harness.js';

/**
 * import-products against a store that answers 500, 503 or nothing at all for a while: the client
 * retries what can be retried, the run then fails with a report, and the hub holds whole pages only —
 * every product bound has all its variants, and the watermark is the last committed product. The next
 * run picks up from there.
 */

// Pages are read several at once (the client's concurrency, plus two): enough pages that a fault
// set after the first commits still meets pages not read yet.
const PRODUCTS = 600;
const PAGE = 40;
const QUICK_CLIENT: StoreClientOverrides = {
  // Pages in flight together share the emulator's thread with the test: a healthy answer must fit.
  timeoutMs: 1500,
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
};

describe('import-products when the store fails', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      sizes: { products: PRODUCTS, combinations: 3, orders: 0, customers: 1 },
      faults: { retryAfterSeconds: 0 },
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('faults', (engine) => {
    let hub: Hub;
    let storeCount = 0;
    beforeAll(async () => {
      hub = await engine.openHub();
    });

    // Each test a fresh store on the same emulator: its own products (catalog.matchBy=none), so that
    // what one import committed is counted apart from the others'.
    const newStore = async (): Promise<Store> => {
      storeCount += 1;
      return addEmulatorStore(hub, emulator, `faulty-${storeCount}`, {
        extras: { syncCategories: false },
        catalog: { matchBy: 'none' },
      });
    };

    /** Runs import-products; after `pages` commits, `onPages` changes the store's behaviour. */
    const importProducts = (
      store: Store,
      pages: number,
      onPages: () => void,
      overrides: StoreClientOverrides = QUICK_CLIENT,
    ): Promise<RunOutcome> => {
      let commits = 0;
      return new FeedRunner({ hub, clientOverrides: overrides }).run({
        feed: findFeed('import-products'),
        store,
        trigger: 'manual',
        options: { pageSize: PAGE },
        onProgress: (event) => {
          if (event.done === 0) return;
          commits += 1;
          if (commits === pages) onPages();
        },
      });
    };

    /** Every bound product has all its combinations as variants; returns the bound store ids. */
    const checkWholePages = async (store: Store): Promise<number[]> => {
      const bound = await hub.bindings.page(store.id, 'products', { limit: 10_000 });
      for (const binding of bound) {
        const product = await hub.catalog.getProduct(binding.localId);
        const combinations = [...emulator.store.records('combinations')].filter(
          (row) => textOf(row.values.id_product) === binding.externalId,
        ).length;
        expect(product.variants, `product ${binding.externalId}`).toHaveLength(Math.max(1, combinations));
      }
      const ids = bound.map((binding) => Number(binding.externalId)).sort((a, b) => a - b);
      const mark = await hub.watermarks.get(store.id, 'import-products');
      expect(mark?.value.lastId).toBe(ids.at(-1));
      return ids;
    };

    it('retries 503 answers and finishes when the store recovers within the retries', async () => {
      const store = await newStore();
      let refused = 0;
      const recover = (event: RequestEvent): void => {
        if (event.status === 503 && ++refused === 2) emulator.faults.clear();
      };
      const { run, report } = await importProducts(
        store,
        2,
        () => emulator.faults.update({ errorRate: 1, errorStatus: 503, retryAfterSeconds: 0 }),
        { ...QUICK_CLIENT, onRequest: recover },
      );
      expect(run.status, report.error).toBe('succeeded');
      // Requests in flight when the store began refusing are refused too, and retried as well.
      expect(refused).toBeGreaterThanOrEqual(2);
      expect(report.counts).toMatchObject({ created: PRODUCTS, failed: 0 });
      expect(await checkWholePages(store)).toHaveLength(PRODUCTS);
    });

    it('reports a run the store keeps failing with 500, keeps whole pages only, and the next run finishes', async () => {
      const store = await newStore();
      const { run, report } = await importProducts(store, 2, () =>
        emulator.faults.update({ errorRate: 1, errorStatus: 500, retryAfterSeconds: 0 }),
      );
      emulator.faults.clear();
      expect(run.status).toBe('failed');
      expect(report.error).toMatch(/500/);
      const committed = await checkWholePages(store);
      expect(committed.length % PAGE).toBe(0);
      expect(committed.length).toBeGreaterThanOrEqual(2 * PAGE);
      expect(committed.length).toBeLessThan(PRODUCTS);

      const resumed = await importProducts(store, 0, () => undefined);
      expect(resumed.run.status).toBe('succeeded');
      expect(run.counts.created + resumed.run.counts.created).toBe(PRODUCTS);
      expect(await checkWholePages(store)).toHaveLength(PRODUCTS);
    });

    it('gives up on a store that stops answering, after its timeouts and retries, and resumes later', async () => {
      const store = await newStore();
      const { run, report } = await importProducts(store, 1, () =>
        emulator.faults.update({ hangRate: 1, hangMs: null }),
      );
      emulator.faults.clear();
      expect(run.status).toBe('failed');
      expect(report.error).toMatch(/no answer|timed out|timeout/i);
      const committed = await checkWholePages(store);
      expect(committed.length % PAGE).toBe(0);
      expect(committed.length).toBeLessThan(PRODUCTS);

      const resumed = await importProducts(store, 0, () => undefined);
      expect(resumed.run.status).toBe('succeeded');
      expect(await checkWholePages(store)).toHaveLength(PRODUCTS);
    });
  });
});
