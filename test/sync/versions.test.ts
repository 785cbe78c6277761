import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  EMULATOR_VERSIONS,
  emulatorRelease,
  type RunningEmulator,
  startEmulator,
  textOf,
} from '../../src/emulator/index.js';
import { type Hub, openHub, type Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import { connectStore, type FeedOptions, findFeed } from '../../src/sync/index.js';
import { recordShipment } from '../../src/sync/orders/index.js';
import { TEST_SECRET } from '../support/databases.js';

/**
 * The feeds a store relies on — catalog import, order import, stock push, shipping confirmation —
 * run against the emulator as each PrestaShop version it can be (1.6.1.24, 1.7.8.11, 8.1.2,
 * 9.0.0), on a store added as `stores add` adds it. The catalog holds a product name with an emoji
 * and one with a control-free accented text, which 1.6's JSON output cannot carry.
 */
describe.each(EMULATOR_VERSIONS.map((version) => [version]))('the feeds on PrestaShop %s', (version) => {
  let emulator: RunningEmulator;
  let folder: string;
  let hub: Hub;
  let store: Store;

  const run = async (feed: string, options?: FeedOptions) => {
    const runner = new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } });
    const outcome = await runner.run({
      feed: findFeed(feed),
      store: await hub.stores.get(store.id),
      trigger: 'manual',
      ...(options ? { options } : {}),
    });
    expect(outcome.run.status, `${feed} on ${version}: ${outcome.report.error ?? ''}`).toBe('succeeded');
    expect(outcome.report.counts.failed ?? 0, `${feed} on ${version}`).toBe(0);
    return outcome;
  };
  const variantOf = async (productId: number, combinationId: number): Promise<number> => {
    const binding = await hub.bindings.get(store.id, 'variants', `${productId}:${combinationId}`);
    if (binding === undefined) throw new Error(`variant ${productId}:${combinationId} is not bound`);
    return binding.localId;
  };
  const storeQuantity = (productId: number, combinationId: number): number => {
    for (const row of emulator.store.records('stock_availables')) {
      if (
        textOf(row.values.id_product) === String(productId) &&
        textOf(row.values.id_product_attribute) === String(combinationId)
      )
        return Number(textOf(row.values.quantity));
    }
    throw new Error(`no stock row ${productId}:${combinationId}`);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', version });
    emulator.store.update('products', 1, { name: { 1: 'Bear mug 🐻', 2: 'Tasse ours 🐻' } });
    folder = mkdtempSync(join(tmpdir(), 'prestabridge-versions-'));
    hub = await openHub({ databaseUrl: join(folder, 'hub.sqlite'), secret: TEST_SECRET });
    await hub.masterData.upsert('taxRates', [
      { code: 'VAT20', name: 'VAT 20 %', rate: '20', country: 'FR' },
      { code: 'VAT5.5', name: 'VAT 5.5 %', rate: '5.5', country: 'FR' },
    ]);
    await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
    ({ store } = await connectStore(hub, { name: 'shop', url: emulator.url, key: emulator.keys[0]! }));
    store = await hub.stores.update(store.id, {
      settings: {
        stockImportLocation: 'MAIN',
        stockExportLocations: ['MAIN'],
        autoApproveStates: [2],
        shipmentStates: { full: 4, partial: 3 },
      },
    });
  });
  afterAll(async () => {
    await hub.close();
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('connects, recording the version the store names', () => {
    expect(store.psVersion).toBe(emulatorRelease(version));
  });

  it('imports the catalog, texts outside the BMP included', async () => {
    for (const feed of ['import-categories', 'import-suppliers', 'import-products']) await run(feed);
    for (const product of emulator.store.records('products')) {
      expect(await hub.bindings.get(store.id, 'products', product.id), `product ${product.id}`).toBeDefined();
    }
    const binding = await hub.bindings.get(store.id, 'products', 1);
    const bear = await hub.catalog.getProduct(binding!.localId);
    expect(bear.names).toEqual({ en: 'Bear mug 🐻', fr: 'Tasse ours 🐻' });
    const withCombinations = [...emulator.store.records('combinations')][0]!;
    await variantOf(Number(textOf(withCombinations.values.id_product)), withCombinations.id);
  });

  it('imports every order', async () => {
    const { report } = await run('import-orders');
    expect(report.counts.created).toBe(emulator.store.count('orders'));
  });

  it('takes the store quantities once, then pushes one changed quantity with one write', async () => {
    await run('import-stock');
    const before = storeQuantity(1, 0);
    const variantId = await variantOf(1, 0);
    await hub.transaction(async (tx) => {
      await tx.stock.recordMovements([{ variantId, location: 'MAIN', kind: 'adjustment', quantity: 7 }]);
      await tx.stock.queueSellableUpdates([variantId]);
    });
    emulator.resetCounts();
    const { report } = await run('export-stock');
    expect(report.counts.updated).toBe(1);
    // One request, a write: a PATCH of id and quantity where the version has PATCH (8.0+), else a
    // PUT of the whole row as import-stock read it moments ago (no read first).
    const writes = emulator.requestCounts().stock_availables ?? {};
    expect((writes.PUT ?? 0) + (writes.PATCH ?? 0)).toBe(1);
    expect(writes.GET ?? 0).toBe(0);
    expect(storeQuantity(1, 0)).toBe(before + 7);
  });

  it('confirms a full shipment: tracking number on the order carrier, the order in the shipped state', async () => {
    const { order: placed } = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: 1, quantity: 1 }],
      stateId: 2,
    });
    await run('import-orders');
    const order = await hub.orders.findByExternalId(store.id, placed.id);
    expect(order?.hubStatus).toBe('approved');
    await recordShipment(hub, { orderId: order!.id, trackingNumber: `TRK-${version}` });
    await run('shipping-confirmation');
    const carrier = [...emulator.store.records('order_carriers')].find(
      (row) => textOf(row.values.id_order) === String(placed.id),
    );
    expect(textOf(carrier?.values.tracking_number)).toBe(`TRK-${version}`);
    expect(textOf(emulator.store.get('orders', placed.id)?.values.current_state)).toBe('4');
  });
});
