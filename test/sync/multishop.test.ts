import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type EmulatorVersion,
  type RunningEmulator,
  startEmulator,
  textOf,
} from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import {
  connectStore,
  type FeedOptions,
  findFeed,
  StoreConnectionError,
  testStore,
} from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';

/**
 * Stores connected to shops of the emulator's multistore: shop 1 (its own stock), shops 2 and 3 (a
 * group sharing its stock, one row per variant for both). Each store works in its shop only: its
 * catalog, its orders, and its stock rows — a shared group's row pushed once. On 8.1.2 and on
 * 1.6.1.24 (read as XML there).
 */
const VERSIONS: readonly EmulatorVersion[] = ['8.1', '1.6.1'];
describe.each(VERSIONS.map((version) => [version]))('PrestaShop %s', (version) => {
  describeEachEngine('a store on one shop of a multistore', (engine) => {
    let emulator: RunningEmulator;
    let hub: Hub;
    let onlyInShop1: number;

    const run = async (store: Store, feed: string, options?: FeedOptions) => {
      const outcome = await new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } }).run({
        feed: findFeed(feed),
        store: await hub.stores.get(store.id),
        trigger: 'manual',
        ...(options ? { options } : {}),
      });
      expect(outcome.run.status, `${feed}: ${outcome.report.error ?? ''}`).toBe('succeeded');
      return outcome;
    };
    const connect = (name: string, shopId?: number) =>
      connectStore(hub, {
        name,
        url: emulator.url,
        key: emulator.keys[0]!,
        ...(shopId === undefined ? {} : { shopId }),
      });
    const stockRows = (productId: number) =>
      [...emulator.store.records('stock_availables')].filter(
        (row) => textOf(row.values.id_product) === String(productId),
      );
    const quantityOf = (productId: number, shopId: number, groupId: number) =>
      Number(
        textOf(
          stockRows(productId).find(
            (row) =>
              textOf(row.values.id_product_attribute) === '0' &&
              textOf(row.values.id_shop) === String(shopId) &&
              textOf(row.values.id_shop_group) === String(groupId),
          )?.values.quantity,
        ),
      );

    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, seed: 'small', version, storeOptions: { multistore: true } });
      onlyInShop1 = emulator.store.addProduct({
        name: 'Sold in shop 1 only',
        price: '4.00',
        reference: 'SHOP1-ONLY',
        shopIds: [1],
        quantity: 3,
      }).id;
      hub = await engine.openHub();
      await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
    });
    afterAll(async () => {
      await emulator.close();
    });

    it('refuses to add a store of a multistore without a shop, or with one it does not have, listing its shops', async () => {
      const refusal = await connect('no-shop').catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(StoreConnectionError);
      expect((refusal as Error).message).toMatch(
        /This PrestaShop has 3 shops: 1 PrestaBridge Demo Shop \(default\); 2 PrestaBridge Demo Shop FR \(group Shared stock, stock shared with its group\); 3 .*--shop ID/,
      );
      await expect(connect('wrong-shop', 7)).rejects.toThrow(
        /The store has no active shop 7\. Its shops: 1 /,
      );
      expect(await hub.stores.list()).toEqual([]);
    });

    it('connects a store to the shop chosen, with its group and stock sharing', async () => {
      const { store, facts } = await connect('shop-fr', 2);
      expect(store).toMatchObject({
        shopId: 2,
        shop: { name: 'PrestaBridge Demo Shop FR', groupId: 2, stockShared: true },
      });
      expect(facts.shops?.map((shop) => shop.id)).toEqual([1, 2, 3]);
      const { store: main, check } = await connect('shop-main', 1);
      expect(main.shop).toEqual({ name: 'PrestaBridge Demo Shop', groupId: 1, stockShared: false });
      expect(check.warnings).toEqual([]);
    });

    it('warns when another store already works in a shop sharing the same stock', async () => {
      const { check } = await connect('shop-be', 3);
      expect(check.warnings).toContainEqual(
        expect.stringMatching(
          /Store 'shop-fr' works in shop 2 .* both stores would push the same stock rows/,
        ),
      );
    });

    it('imports the products of its shop only', async () => {
      const fr = await hub.stores.get('shop-fr');
      const main = await hub.stores.get('shop-main');
      for (const store of [fr, main]) {
        await run(store, 'import-categories');
        await run(store, 'import-products');
      }
      expect(await hub.bindings.get(main.id, 'products', onlyInShop1)).toBeDefined();
      expect(await hub.bindings.get(fr.id, 'products', onlyInShop1)).toBeUndefined();
      expect(await hub.bindings.get(fr.id, 'products', 1)).toBeDefined();
    });

    it('imports the orders of its shop only', async () => {
      const fr = await hub.stores.get('shop-fr');
      const { report } = await run(fr, 'import-orders');
      const ofShop2 = [...emulator.store.records('orders')].filter(
        (order) => textOf(order.values.id_shop) === '2',
      );
      expect(ofShop2.length).toBeGreaterThan(0);
      expect(report.counts.created).toBe(ofShop2.length);
      for (const order of ofShop2) expect(await hub.orders.findByExternalId(fr.id, order.id)).toBeDefined();
      const ofShop3 = [...emulator.store.records('orders')].find(
        (order) => textOf(order.values.id_shop) === '3',
      );
      expect(await hub.orders.findByExternalId(fr.id, ofShop3!.id)).toBeUndefined();
    });

    it('takes the shared group’s quantities, and pushes a change once to the one row all its shops use', async () => {
      let fr = await hub.stores.get('shop-fr');
      fr = await hub.stores.update(fr.id, {
        settings: { stockImportLocation: 'MAIN', stockExportLocations: ['MAIN'] },
      });
      await run(fr, 'import-stock');
      const binding = await hub.bindings.get(fr.id, 'variants', '1:0');
      const shared = quantityOf(1, 0, 2);
      const own = quantityOf(1, 1, 0);
      expect(shared).not.toBe(own);
      expect(await hub.stock.onHand([binding!.localId])).toEqual([
        { variantId: binding!.localId, location: 'MAIN', onHand: shared },
      ]);

      await hub.transaction(async (tx) => {
        await tx.stock.recordMovements([
          { variantId: binding!.localId, location: 'MAIN', kind: 'adjustment', quantity: 5 },
        ]);
        await tx.stock.queueSellableUpdates([binding!.localId]);
      });
      emulator.resetCounts();
      const { report } = await run(fr, 'export-stock');
      expect(report.counts.updated).toBe(1);
      expect(emulator.requestCounts().stock_availables?.PUT).toBe(1);
      expect(quantityOf(1, 0, 2)).toBe(shared + 5);
      expect(quantityOf(1, 1, 0)).toBe(own);
    });

    it('reads its own shop’s rows when its shop keeps its own stock, though the store lists every shop’s rows', async () => {
      let main = await hub.stores.get('shop-main');
      main = await hub.stores.update(main.id, {
        settings: { stockImportLocation: 'MAIN', stockExportLocations: ['MAIN'] },
      });
      await run(main, 'import-stock');
      const ownRow = stockRows(1).find(
        (row) => textOf(row.values.id_product_attribute) === '0' && textOf(row.values.id_shop) === '1',
      );
      const remembered = await hub.stock.storeRows(main.id, [{ productId: 1, combinationId: 0 }]);
      expect(remembered.get('1:0')).toMatchObject({
        stockAvailableId: ownRow!.id,
        quantity: quantityOf(1, 1, 0),
      });
    });

    it('says so when its shop is no longer an active shop of the PrestaShop (every request is redirected)', async () => {
      emulator.store.update('shops', 3, { active: '0' });
      const be = await hub.stores.get('shop-be');
      await expect(testStore(hub, be)).rejects.toThrow(
        /Shop 3 \(PrestaBridge Demo Shop BE\) is no longer an active shop of this PrestaShop: .*Its shops: 1 PrestaBridge Demo Shop; 2 .*--shop ID/,
      );
    });
  });
});
