import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import type { ProductExportPayload } from '../../../src/sync/catalog/export/product-export-payload.js';
import { productOutboxHandler } from '../../../src/sync/catalog/export/product-outbox.handler.js';
import { drainOutbox, outboxHandlerSet } from '../../../src/sync/outbox/index.js';
import { PrestaShopClient, storeDateToInstant, TimeoutError } from '../../../src/webservice/index.js';
import { describeEachEngine } from '../../support/databases.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const handlers = outboxHandlerSet([productOutboxHandler]);

function createPayload(productId: number, reference: string): ProductExportPayload {
  return {
    op: 'create',
    productId,
    externalId: null,
    storeUpdatedAt: null,
    contentHash: `hash-${productId}`,
    label: `"Item ${productId}" (${reference})`,
    reference,
    fields: { name: `Item ${productId}`, link_rewrite: `item-${productId}`, reference, price: '9.000000' },
    categoryIds: [],
    variants: [
      {
        variantId: productId * 10,
        combinationId: 0,
        reference: null,
        fields: {},
        attributes: [],
        quantity: null,
      },
    ],
  };
}

function updatePayload(
  productId: number,
  externalId: number,
  changes: Partial<ProductExportPayload> = {},
): ProductExportPayload {
  return {
    ...createPayload(productId, `PB-${externalId}`),
    op: 'update',
    externalId,
    fields: { price: '99.000000' },
    ...changes,
  };
}

/** A client whose product POSTs reach the store but whose answers are lost. */
function losingAnswers(client: PrestaShopClient): PrestaShopClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'create') return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<PrestaShopClient['create']>) => {
        await target.create(...args);
        throw new TimeoutError({
          request: { method: 'POST', url: `${target.apiUrl}products`, resource: 'products' },
          what: 'no answer within 300 ms',
          hint: 'The store may be overloaded',
        });
      };
    },
  });
}

describe('product outbox handler', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('delivery', (engine) => {
    let hub: Hub;
    let store: Store;
    let client: PrestaShopClient;
    let count = 0;

    async function deliver(payload: ProductExportPayload, using: PrestaShopClient = client) {
      await hub.outbox.enqueue({
        storeId: store.id,
        kind: 'product',
        target: `product:${payload.productId}`,
        payload,
      });
      return drainOutbox({ hub, store, client: using, handlers });
    }

    beforeAll(async () => {
      hub = await engine.openHub();
      client = new PrestaShopClient({ url: emulator.url, key: emulator.keys[0]!, retry: { maxRetries: 0 } });
    });
    afterAll(async () => {
      await client.close();
    });
    beforeEach(async () => {
      count += 1;
      emulator.store.reset();
      emulator.resetCounts();
      store = await hub.stores.create({
        name: `handler-${count}`,
        url: emulator.url,
        timeZone: emulator.store.settings.timeZone,
        languages: emulator.store.settings.languages,
      });
    });

    it('finds a product whose POST reached the store without an answer, instead of creating it again', async () => {
      const report = await deliver(createPayload(501, 'LOST-ANSWER'), losingAnswers(client));
      expect(report).toMatchObject({ sent: 1, failed: 0, retrying: 0 });
      const created = [...emulator.store.records('products')].filter(
        (product) => product.values.reference === 'LOST-ANSWER',
      );
      expect(created).toHaveLength(1);
      expect(emulator.requestCounts().products?.POST).toBe(1);
      expect(await hub.bindings.get(store.id, 'products', created[0]!.id)).toMatchObject({
        localId: 501,
        contentHash: 'hash-501',
      });
      expect(await hub.bindings.get(store.id, 'variants', `${created[0]!.id}:0`)).toMatchObject({
        localId: 5010,
      });
    });

    it('with catalog.matchBy=none finds its own creation whose answer was lost, not the older product with its reference', async () => {
      store = await hub.stores.update(store.id, { settings: { catalog: { matchBy: 'none' } } });
      const older = emulator.store.get('products', 1)!;
      const reference = textOf(older.values.reference);
      const report = await deliver(createPayload(508, reference), losingAnswers(client));
      expect(report).toMatchObject({ sent: 1, failed: 0, retrying: 0 });
      expect(emulator.requestCounts().products?.POST).toBe(1);
      const created = [...emulator.store.records('products')].filter(
        (product) => product.values.reference === reference && product.id !== 1,
      );
      expect(created).toHaveLength(1);
      expect(await hub.bindings.get(store.id, 'products', created[0]!.id)).toMatchObject({ localId: 508 });
      expect(await hub.bindings.get(store.id, 'products', 1)).toBeUndefined();
    });

    it('with catalog.matchBy=ean13 binds the store product with its EAN-13, and never creates it twice', async () => {
      store = await hub.stores.update(store.id, { settings: { catalog: { matchBy: 'ean13' } } });
      const ean13 = textOf(emulator.store.get('products', 3)!.values.ean13);
      const payload = createPayload(509, 'EAN-MATCHED');
      const report = await deliver({ ...payload, fields: { ...payload.fields, ean13 } });
      expect(report).toMatchObject({ sent: 1, failed: 0 });
      expect(emulator.requestCounts().products?.POST).toBeUndefined();
      expect(await hub.bindings.get(store.id, 'products', 3)).toMatchObject({ localId: 509 });

      // A new EAN-13 whose POST answer is lost: found again by it, created once.
      const fresh = createPayload(510, 'EAN-NEW');
      const lost = await deliver(
        { ...fresh, fields: { ...fresh.fields, ean13: '4006381333931' } },
        losingAnswers(client),
      );
      expect(lost).toMatchObject({ sent: 1, failed: 0 });
      expect(emulator.requestCounts().products?.POST).toBe(1);
      const created = [...emulator.store.records('products')].filter(
        (product) => product.values.ean13 === '4006381333931',
      );
      expect(created).toHaveLength(1);
      expect(await hub.bindings.get(store.id, 'products', created[0]!.id)).toMatchObject({ localId: 510 });
    });

    it('gives a creation up, saying why, when two store products share its reference', async () => {
      emulator.store.addProduct({ name: 'One', price: '1.000000', reference: 'TWICE' });
      emulator.store.addProduct({ name: 'Two', price: '2.000000', reference: 'TWICE' });
      const report = await deliver(createPayload(502, 'TWICE'));
      expect(report.failed).toBe(1);
      expect(report.failures[0]!.error).toMatch(
        /2 store products have the reference 'TWICE' \(ids \d+, \d+\)/,
      );
      expect(emulator.requestCounts().products?.POST).toBeUndefined();
    });

    it('does not overwrite a product changed in the store after the plan', async () => {
      const planned = storeDateToInstant(
        textOf(emulator.store.get('products', 1)!.values.date_upd),
        store.timeZone,
      );
      emulator.store.updateProduct(1, { price: '17.000000' });
      const report = await deliver(updatePayload(503, 1, { storeUpdatedAt: planned }));
      expect(report.failed).toBe(1);
      expect(report.failures[0]!.error).toMatch(/changed in the store after the plan; it is not overwritten/);
      expect(emulator.store.get('products', 1)?.values.price).toBe('17.000000');
      expect(emulator.requestCounts().products?.PUT).toBeUndefined();
    });

    it('unlinks a product deleted from the store', async () => {
      await hub.bindings.upsert(store.id, 'products', [{ externalId: 1, localId: 504 }]);
      emulator.store.deleteProduct(1);
      const report = await deliver(updatePayload(504, 1));
      expect(report.failures[0]!.error).toMatch(
        /store product 1 no longer exists; its link is marked deleted/,
      );
      expect((await hub.bindings.get(store.id, 'products', 1))?.deletedAt).not.toBeNull();
    });

    it('writes a combination only when its values differ from the store’s', async () => {
      const combinationIds = (emulator.store.get('products', 2)!.associations.combinations ?? []).map(
        (entry) => Number(entry.id),
      );
      const [first, second] = combinationIds.map((id) => emulator.store.get('combinations', id)!);
      const payload = updatePayload(507, 2, {
        fields: {},
        variants: [
          {
            variantId: 5071,
            combinationId: first!.id,
            reference: null,
            fields: { price: textOf(first!.values.price).replace(/0+$/, '') },
            attributes: [],
            quantity: null,
          },
          {
            variantId: 5072,
            combinationId: second!.id,
            reference: null,
            fields: { price: '3.250000' },
            attributes: [],
            quantity: null,
          },
        ],
      });
      expect((await deliver(payload)).sent).toBe(1);
      // The list, then for the changed one the read of read-merge-PUT (and the schema, read once) and the PUT.
      expect(emulator.requestCounts().combinations).toEqual({ GET: 3, PUT: 1 });
      expect(emulator.store.get('combinations', second!.id)?.values.price).toBe('3.250000');
    });

    it('writes quantities to stock_availables, leaving rows driven by the store’s warehouse alone', async () => {
      const quantity = (payload: ProductExportPayload, value: number): ProductExportPayload => ({
        ...payload,
        fields: {},
        variants: payload.variants.map((variant) => ({ ...variant, quantity: value })),
      });
      expect((await deliver(quantity(updatePayload(505, 5), 4))).sent).toBe(1);
      const row = (productId: number) =>
        [...emulator.store.records('stock_availables')].find(
          (each) => each.values.id_product === String(productId) && each.values.id_product_attribute === '0',
        )!;
      expect(row(5).values.quantity).toBe('4');
      expect(emulator.store.get('products', 5)?.values).not.toHaveProperty('quantity', '4');

      emulator.store.setDependsOnStock(6, 0, true);
      const before = row(6).values.quantity;
      emulator.resetCounts();
      expect((await deliver(quantity(updatePayload(506, 6), 8))).sent).toBe(1);
      expect(row(6).values.quantity).toBe(before);
      expect(emulator.requestCounts().stock_availables?.PUT).toBeUndefined();
    });
  });
});
