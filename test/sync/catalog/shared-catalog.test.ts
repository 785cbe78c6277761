import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { adjustStock, exportStockFeed, findFeed, importStockFeed } from '../../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { createLocations, runFeed, storeQuantity } from '../stock/support/stock-store.js';

/**
 * Two stores selling the same catalog (two emulators seeded alike): one hub product per product,
 * bound to both stores, and a stock change pushed to both.
 */
describeEachEngine('two stores with the same catalog', (engine) => {
  const clock = manualClock();
  let first: RunningEmulator;
  let second: RunningEmulator;
  let hub: Hub;
  let stores: Store[];

  const run = async (feed: Parameters<typeof runFeed>[2], store: Store) => {
    const outcome = await runFeed(hub, clock, feed, store.id);
    expect(outcome.report.status, outcome.report.error ?? '').toBe('succeeded');
    return outcome;
  };

  beforeAll(async () => {
    first = await startEmulator({ port: 0, seed: 'small' });
    second = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub({ clock });
    await createLocations(hub);
    const settings = { stockImportLocation: 'MAIN', stockExportLocations: ['MAIN'] };
    stores = [
      await addEmulatorStore(hub, first, 'shop-a', settings),
      await addEmulatorStore(hub, second, 'shop-b', settings),
    ];
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('imports each product once, bound to both stores (catalog.matchBy defaults to reference)', async () => {
    const [a, b] = stores as [Store, Store];
    expect(a.settings.catalog.matchBy).toBe('reference');
    const fromA = await run(findFeed('import-products'), a);
    const products = [...first.store.records('products')];
    expect(fromA.report.counts).toMatchObject({ created: products.length, failed: 0 });
    const fromB = await run(findFeed('import-products'), b);
    expect(fromB.report.counts).toMatchObject({ created: 0, failed: 0 });
    expect(fromB.report.notices.filter((notice) => notice.kind === 'catalog-conflict')).toEqual([]);

    const listed = await hub.catalog.listVariants({ limit: 10_000 });
    expect(new Set(listed.map((row) => row.productId)).size).toBe(products.length);
    expect(listed.length).toBe(
      products.reduce((sum, product) => sum + Math.max(1, product.associations.combinations?.length ?? 0), 0),
    );
    // Every variant sold by both stores, each store's ids bound to it.
    for (const row of listed) expect(row.storeIds, `variant ${row.variantId}`).toEqual([a.id, b.id]);
    for (const product of products) {
      const inA = await hub.bindings.get(a.id, 'products', product.id);
      const inB = await hub.bindings.get(b.id, 'products', product.id);
      expect(inB?.localId, `product ${product.id}`).toBe(inA?.localId);
    }
    // SKUs name one variant each, sold in both stores.
    const skus = listed.map((row) => row.sku);
    expect(new Set(skus).size).toBe(skus.length);
    const simple = products.find((product) => (product.associations.combinations?.length ?? 0) === 0)!;
    const variants = await hub.stock.variantsBySku(textOf(simple.values.reference));
    expect(variants.map((variant) => variant.stores)).toEqual([
      [
        { store: 'shop-a', externalId: `${simple.id}:0` },
        { store: 'shop-b', externalId: `${simple.id}:0` },
      ],
    ]);
  });

  it('pushes one stock change of the shared variant to both stores', async () => {
    const [a, b] = stores as [Store, Store];
    await run(importStockFeed, a);
    // The second store holds the same goods: its quantities are not added a second time.
    await hub.stores.markInitialStockImported(b.id);
    const combination = [...first.store.records('combinations')][0]!;
    const externalId = `${textOf(combination.values.id_product)}:${combination.id}`;
    const variantId = (await hub.bindings.get(a.id, 'variants', externalId))!.localId;
    expect((await hub.bindings.get(b.id, 'variants', externalId))?.localId).toBe(variantId);
    const [product, combinationId] = externalId.split(':').map(Number) as [number, number];
    const before = storeQuantity(first.store, product, combinationId);

    const result = await adjustStock(hub, { variantId, location: 'MAIN', change: 7, reason: 'delivery' });
    expect(result.queued).toBe(2);
    await run(exportStockFeed, a);
    await run(exportStockFeed, b);
    expect(storeQuantity(first.store, product, combinationId)).toBe(before + 7);
    expect(storeQuantity(second.store, product, combinationId)).toBe(before + 7);
  });
});

/**
 * Stores that share a catalog, added together, run their first imports at the same time (serve runs
 * different stores' feeds side by side): each product must still be one hub product bound to every
 * store, not one per store that happened to look before another committed.
 */
describeEachEngine('stores with the same catalog importing at once', (engine) => {
  const clock = manualClock();
  const emulators: RunningEmulator[] = [];
  let hub: Hub;
  let stores: Store[];

  beforeAll(async () => {
    for (let index = 0; index < 3; index += 1)
      emulators.push(await startEmulator({ port: 0, seed: 'small' }));
    hub = await engine.openHub({ clock });
    stores = [];
    for (const [index, emulator] of emulators.entries())
      stores.push(await addEmulatorStore(hub, emulator, `shop-${index}`));
  });
  afterAll(async () => {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  });

  it('imports each product once, bound to every store', async () => {
    // Small pages: the stores' page transactions interleave.
    const outcomes = await Promise.all(
      stores.map((store) =>
        runFeed(hub, clock, findFeed('import-products'), store.id, { options: { pageSize: 3 } }),
      ),
    );
    for (const outcome of outcomes)
      expect(outcome.report.status, outcome.report.error ?? '').toBe('succeeded');
    const products = [...emulators[0]!.store.records('products')];
    const created = outcomes.reduce((sum, outcome) => sum + outcome.report.counts.created, 0);
    expect(created).toBe(products.length);
    for (const product of products) {
      const bound = await Promise.all(
        stores.map(async (store) => (await hub.bindings.get(store.id, 'products', product.id))?.localId),
      );
      expect(new Set(bound).size, `product ${product.id}: hub products ${bound.join(', ')}`).toBe(1);
    }
  });
});
