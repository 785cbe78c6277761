import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type EmuRecord, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, ProductRecord, Store, StoreSettingsInput } from '../../../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../../../src/jobs/index.js';
import {
  createExportProductsFeed,
  EXPORT_PRODUCTS_WATERMARK,
  exportProductsFeed,
} from '../../../src/sync/catalog/export-products.feed.js';
import { catalogFeeds } from '../../../src/sync/catalog/index.js';
import { type Feed, findFeed } from '../../../src/sync/index.js';
import { PrestaShopClient, storeDateToInstant } from '../../../src/webservice/index.js';
import { describeEachEngine } from '../../support/databases.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const SIZE = { en: 'Size', fr: 'Taille' };
const FABRIC = { en: 'Fabric', fr: 'Tissu' };
const LINEN = { en: 'Linen', fr: 'Lin' };

/** A hub product as an import from the source store hands it in. */
function record(externalId: string, changes: Partial<ProductRecord> = {}): ProductRecord {
  return {
    externalId,
    kind: 'simple',
    name: `Product ${externalId}`,
    reference: `REF-${externalId}`,
    price: '10.000000',
    variants: [{ externalId: `${externalId}:0`, sku: `REF-${externalId}` }],
    ...changes,
  };
}

const mug = record('mug', {
  name: 'Hub mug',
  names: { en: 'Hub mug', fr: 'Tasse hub' },
  reference: 'HUB-MUG',
  price: '12.500000',
  wholesalePrice: '5.000000',
});
const tee = record('tee', {
  kind: 'combinations',
  name: 'Hub tee',
  names: { en: 'Hub tee', fr: 'Tee hub' },
  reference: 'HUB-TEE',
  price: '20.000000',
  variants: [
    {
      externalId: 'tee:s',
      sku: 'HUB-TEE-S',
      attributes: [
        { name: SIZE, value: { en: 'S', fr: 'S' } },
        { name: FABRIC, value: LINEN },
      ],
    },
    {
      externalId: 'tee:m',
      sku: 'HUB-TEE-M',
      priceImpact: '1.500000',
      attributes: [
        { name: SIZE, value: { en: 'M', fr: 'M' } },
        { name: FABRIC, value: LINEN },
      ],
    },
  ],
});
const unreferenced = record('loose', { name: 'Loose item', reference: null });

function storeProducts(emulator: Emulator, reference: string): EmuRecord[] {
  return [...emulator.store.records('products')].filter((product) => product.values.reference === reference);
}

function writes(emulator: Emulator): string[] {
  return Object.entries(emulator.requestCounts()).flatMap(([resource, verbs]) =>
    Object.keys(verbs)
      .filter((verb) => verb !== 'GET' && verb !== 'HEAD')
      .map((verb) => `${verb} ${resource}`),
  );
}

function noticesOf(outcome: RunOutcome, kind: string): string[] {
  return outcome.report.notices.filter((notice) => notice.kind === kind).map((notice) => notice.message);
}

describe('export-products', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('is registered with the catalog feeds, as an export', () => {
    expect(catalogFeeds).toContain(exportProductsFeed);
    expect(findFeed('export-products')).toMatchObject({ direction: 'export', cadence: 'frequency' });
  });

  describeEachEngine('against the emulator', (engine) => {
    let hub: Hub;
    let source: Store;
    let count = 0;

    async function shop(settings: StoreSettingsInput): Promise<Store> {
      return hub.stores.create({
        name: `shop-${count}`,
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        timeZone: emulator.store.settings.timeZone,
        languages: emulator.store.settings.languages,
        languageId: 1,
        settings,
      });
    }

    async function run(
      store: Store,
      options: Record<string, string | boolean> = {},
      feed: Feed = exportProductsFeed,
    ) {
      const runner = new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } });
      return runner.run({ feed, store: await hub.stores.get(store.id), trigger: 'manual', options });
    }

    async function clientOf(store: Store): Promise<PrestaShopClient> {
      const stored = await hub.stores.get(store.id);
      return new PrestaShopClient({ url: stored.url, key: emulator.keys[0]!, retry: { maxRetries: 0 } });
    }

    /** The hub product bound to the source store under `externalId`. */
    async function hubProductId(externalId: string): Promise<number> {
      return (await hub.bindings.get(source.id, 'products', externalId))!.localId;
    }

    beforeAll(async () => {
      hub = await engine.openHub();
    });
    afterEach(async () => {
      // Each test starts with an empty catalog: what earlier tests put in the hub is archived.
      for (const each of await hub.stores.list()) {
        const bound = await hub.bindings.page(each.id, 'products', { limit: 10_000 });
        await hub.catalog.markProductsDeleted(
          each.id,
          bound.map((binding) => binding.externalId),
          { archive: true },
        );
      }
    });
    beforeEach(async () => {
      count += 1;
      emulator.store.reset();
      emulator.resetCounts();
      // The hub's catalog comes from another store; this one gets it from the hub.
      source = await hub.stores.create({ name: `source-${count}`, url: 'https://source.example' });
    });

    it('creates a product made in the hub in the store, its combinations carrying their SKUs (derived ones too)', async () => {
      const cup = await hub.catalog.createProduct({
        name: 'Hub cup',
        names: { en: 'Hub cup', fr: 'Tasse du hub' },
        reference: 'HUB-CUP',
        price: '7',
        variants: [
          { sku: 'HUB-CUP-SMALL', attributes: [{ name: SIZE, value: { en: 'S', fr: 'S' } }] },
          { attributes: [{ name: SIZE, value: { en: 'M', fr: 'M' } }], priceImpact: '1' },
        ],
      });
      const store = await shop({ productMaster: 'hub' });
      const outcome = await run(store);
      expect(outcome.run.status, outcome.report.error ?? '').toBe('succeeded');
      expect(outcome.report.counts).toMatchObject({ created: 1, failed: 0 });
      const [inStore] = storeProducts(emulator, 'HUB-CUP');
      expect((await hub.bindings.get(store.id, 'products', inStore!.id))?.localId).toBe(cup.id);
      const references = [...emulator.store.records('combinations')]
        .filter((combination) => combination.values.id_product === String(inStore!.id))
        .map((combination) => combination.values.reference);
      expect(references.sort()).toEqual(['HUB-CUP-M', 'HUB-CUP-SMALL']);
    });

    it('creates the missing products with their combinations, binds them, and a rerun creates nothing', async () => {
      await hub.catalog.upsertProducts(source.id, [mug, tee, unreferenced]);
      const store = await shop({ productMaster: 'hub' });
      const first = await run(store);
      expect(first.run.status).toBe('succeeded');
      expect(first.report.counts).toMatchObject({ created: 2, failed: 0 });
      expect(first.report.skips.map((skip) => skip.reason)).toEqual([
        expect.stringMatching(/^no reference/) as unknown,
      ]);
      expect(noticesOf(first, 'export-plan')).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^add to store: hub product \d+ "Hub mug" \(HUB-MUG\)/),
          expect.stringMatching(/^add to store: hub product \d+ "Hub tee" \(HUB-TEE\)/),
        ]) as unknown,
      );

      const [storeMug] = storeProducts(emulator, 'HUB-MUG');
      expect(storeMug?.values).toMatchObject({
        name: { 1: 'Hub mug', 2: 'Tasse hub' },
        price: '12.500000',
        wholesale_price: '5.000000',
        active: '1',
      });
      const [storeTee] = storeProducts(emulator, 'HUB-TEE');
      const combinations = (storeTee?.associations.combinations ?? []).map((entry) =>
        emulator.store.get('combinations', Number(entry.id))!,
      );
      expect(
        combinations.map((combination) => [combination.values.reference, combination.values.price]),
      ).toEqual([
        ['HUB-TEE-S', '0.000000'],
        ['HUB-TEE-M', '1.500000'],
      ]);
      // Size exists in the store and is reused; Fabric did not and was created once, with Linen.
      const groups = [...emulator.store.records('product_options')];
      expect(groups.filter((group) => JSON.stringify(group.values.name).includes('Fabric'))).toHaveLength(1);
      const optionNames = (combination: EmuRecord) =>
        (combination.associations.product_option_values ?? [])
          .map((entry) => emulator.store.get('product_option_values', Number(entry.id))?.values.name)
          .map((name) => (name as Record<number, string>)[1]);
      expect(combinations.map(optionNames)).toEqual([
        ['S', 'Linen'],
        ['M', 'Linen'],
      ]);

      const teeId = await hubProductId('tee');
      const bound = await hub.bindings.forLocal('products', [teeId]);
      const product = await hub.catalog.getProduct(teeId);
      expect(bound.find((binding) => binding.storeId === store.id)).toMatchObject({
        externalId: String(storeTee!.id),
        contentHash: product.contentHash,
      });
      const variantBindings = new Map(
        (
          await hub.bindings.forLocal(
            'variants',
            product.variants.map((variant) => variant.id),
          )
        )
          .filter((binding) => binding.storeId === store.id)
          .map((binding) => [binding.localId, binding.externalId]),
      );
      // Variants in the hub's order (S, M), each bound to its combination.
      expect(product.variants.map((variant) => variantBindings.get(variant.id))).toEqual(
        combinations.map((combination) => `${storeTee!.id}:${combination.id}`),
      );

      emulator.resetCounts();
      const again = await run(store);
      expect(again.report.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
      expect(writes(emulator)).toEqual([]);
      expect(storeProducts(emulator, 'HUB-TEE')).toHaveLength(1);
    });

    it('updates only the chosen fields of a product changed in the hub', async () => {
      await hub.catalog.upsertProducts(source.id, [mug]);
      const store = await shop({
        productMaster: 'hub',
        exportFields: { price: true, wholesalePrice: false },
      });
      await run(store);
      await hub.catalog.upsertProducts(source.id, [
        {
          ...mug,
          name: 'Renamed mug',
          names: { en: 'Renamed mug' },
          price: '14.000000',
          wholesalePrice: '6.000000',
        },
      ]);
      emulator.resetCounts();
      const outcome = await run(store);
      expect(outcome.report.counts).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(noticesOf(outcome, 'export-plan')).toEqual([
        expect.stringMatching(
          /^update store: .*"Renamed mug" \(HUB-MUG\) — changed in the hub since the last sync/,
        ) as unknown,
      ]);
      const [storeMug] = storeProducts(emulator, 'HUB-MUG');
      expect(storeMug?.values).toMatchObject({
        price: '14.000000',
        wholesale_price: '5.000000',
        name: { 1: 'Hub mug', 2: 'Tasse hub' },
      });
      expect(writes(emulator)).toEqual(['PUT products']);
    });

    it('links a product the store already has under the same reference instead of creating it', async () => {
      await hub.catalog.upsertProducts(source.id, [
        record('cushion', { reference: 'PB-000001', price: '18.000000' }),
      ]);
      const store = await shop({ productMaster: 'hub' });
      const outcome = await run(store);
      expect(outcome.report.counts).toMatchObject({ created: 0, updated: 1 });
      expect(writes(emulator)).toEqual(['PUT products']);
      expect(emulator.store.get('products', 1)?.values.price).toBe('18.000000');
      const [binding] = await hub.bindings.forLocal('products', [await hubProductId('cushion')]);
      expect(
        (await hub.bindings.forLocal('products', [binding!.localId])).map((each) => each.storeId),
      ).toContain(store.id);
      expect(await hub.bindings.get(store.id, 'products', 1)).toMatchObject({
        localId: await hubProductId('cushion'),
      });
    });

    it('with catalog.matchBy=ean13 links the store product with the same EAN-13, whatever its reference', async () => {
      const stored = emulator.store.get('products', 1)!;
      const ean13 = textOf(stored.values.ean13);
      expect(ean13).toMatch(/^\d{13}$/);
      const second = textOf(emulator.store.get('products', 2)!.values.reference);
      await hub.catalog.upsertProducts(source.id, [
        record('by-ean', { reference: 'HUB-OWN-REF', ean13, price: '18.000000' }),
        // Same reference as store product 2, no EAN-13 in common: a new product, not product 2.
        record('by-ref', { reference: second, ean13: null }),
      ]);
      const store = await shop({ productMaster: 'hub', catalog: { matchBy: 'ean13' } });
      const outcome = await run(store);
      expect(outcome.report.counts).toMatchObject({ created: 1, updated: 1, failed: 0 });
      expect(emulator.store.get('products', 1)?.values.price).toBe('18.000000');
      expect(await hub.bindings.get(store.id, 'products', 1)).toMatchObject({
        localId: await hubProductId('by-ean'),
      });
      const sharing = storeProducts(emulator, second);
      expect(sharing).toHaveLength(2);
      const created = sharing.find((product) => product.id !== 2)!;
      expect(await hub.bindings.get(store.id, 'products', created.id)).toMatchObject({
        localId: await hubProductId('by-ref'),
      });
      expect(await hub.bindings.get(store.id, 'products', 2)).toBeUndefined();
      emulator.resetCounts();
      expect((await run(store)).report.counts).toMatchObject({ created: 0, updated: 0 });
      expect(writes(emulator)).toEqual([]);
    });

    it('with catalog.matchBy=none creates the product although the store has one with its reference, once', async () => {
      const before = { ...emulator.store.get('products', 1)!.values };
      const reference = textOf(before.reference);
      await hub.catalog.upsertProducts(source.id, [record('unmatched', { reference, price: '18.000000' })]);
      const store = await shop({ productMaster: 'hub', catalog: { matchBy: 'none' } });
      const outcome = await run(store);
      expect(outcome.report.counts).toMatchObject({ created: 1, updated: 0, failed: 0 });
      expect(emulator.requestCounts().products?.POST).toBe(1);
      expect(emulator.store.get('products', 1)?.values).toEqual(before);
      expect(await hub.bindings.get(store.id, 'products', 1)).toBeUndefined();
      const created = storeProducts(emulator, reference).find((product) => product.id !== 1)!;
      expect(await hub.bindings.get(store.id, 'products', created.id)).toMatchObject({
        localId: await hubProductId('unmatched'),
      });
      emulator.resetCounts();
      expect((await run(store)).report.counts).toMatchObject({ created: 0, updated: 0 });
      expect(writes(emulator)).toEqual([]);
    });

    it('leaves quantities alone until the initial stock import, then writes sellable stock to stock_availables', async () => {
      await hub.catalog.upsertProducts(source.id, [mug]);
      await hub.masterData.upsert('locations', [{ code: `MAIN-${count}`, name: 'Main', kind: 'warehouse' }]);
      const [variant] = (await hub.catalog.getProduct(await hubProductId('mug'))).variants;
      await hub.stock.recordMovements([
        { variantId: variant!.id, location: `MAIN-${count}`, kind: 'receipt', quantity: 9 },
      ]);
      const settings: StoreSettingsInput = {
        productMaster: 'hub',
        exportFields: { quantity: true },
        stockExportLocations: [`MAIN-${count}`],
      };

      const early = await shop(settings);
      const refused = await run(early);
      expect(noticesOf(refused, 'export-quantity')).toEqual([
        expect.stringMatching(/not exported .* until its initial stock import has run/) as unknown,
      ]);
      expect(writes(emulator)).not.toContain('PUT stock_availables');
      const [created] = storeProducts(emulator, 'HUB-MUG');
      const stockRow = (id: number) =>
        [...emulator.store.records('stock_availables')].find(
          (row) => row.values.id_product === String(id) && row.values.id_product_attribute === '0',
        );
      expect(stockRow(created!.id)?.values.quantity).toBe('0');

      emulator.store.reset();
      count += 1;
      const ready = await shop(settings);
      await hub.stores.markInitialStockImported(ready.id);
      const exported = await run(ready);
      expect(noticesOf(exported, 'export-quantity')).toEqual([]);
      const [again] = storeProducts(emulator, 'HUB-MUG');
      expect(stockRow(again!.id)?.values.quantity).toBe('9');
      expect(emulator.store.get('products', again!.id)?.values).not.toHaveProperty('quantity', '9');
    });

    it('does not queue a product twice while its change waits in the outbox', async () => {
      await hub.catalog.upsertProducts(source.id, [mug]);
      const store = await shop({ productMaster: 'hub' });
      const productId = await hubProductId('mug');
      await hub.outbox.enqueue({
        storeId: store.id,
        kind: 'product',
        target: `product:${productId}`,
        payload: {},
      });
      const outcome = await run(store, { plan: true });
      expect(noticesOf(outcome, 'export-plan')).toEqual([
        `skip: hub product ${productId} "Hub mug" (HUB-MUG) — a change of this product already waits in the outbox`,
      ]);
      expect(await hub.outbox.counts(store.id)).toMatchObject({ pending: 1 });
    });

    it('plans each product with its hub id, and a selection (only) exports those alone, delivers their changes alone and leaves the watermark', async () => {
      await hub.catalog.upsertProducts(source.id, [mug, tee, unreferenced]);
      const store = await shop({ productMaster: 'hub' });
      const [mugId, teeId, looseId] = [
        await hubProductId('mug'),
        await hubProductId('tee'),
        await hubProductId('loose'),
      ];
      const plan = await exportProductsFeed.planner!.plan({ store, client: await clientOf(store), hub });
      expect(plan).toMatchObject({ feed: 'export-products', record: 'product', selectBy: 'hub' });
      expect(plan.entries.map((entry) => [entry.action, entry.localId]).sort()).toEqual(
        [
          ['add-to-store', mugId],
          ['add-to-store', teeId],
          ['skip', looseId],
        ].sort(),
      );
      expect(plan.counts).toMatchObject({ 'add-to-store': 2, skip: 1 });
      // A change of another product waiting in the outbox is not this selection's to deliver.
      await hub.outbox.enqueue({
        storeId: store.id,
        kind: 'product',
        target: `product:${looseId}`,
        payload: {},
      });
      emulator.resetCounts();

      const outcome = await run(store, { only: String(teeId) });
      expect(outcome.run.status, outcome.report.error ?? '').toBe('succeeded');
      expect(outcome.report.counts).toMatchObject({ created: 1, failed: 0 });
      expect(storeProducts(emulator, 'HUB-TEE')).toHaveLength(1);
      expect(storeProducts(emulator, 'HUB-MUG')).toHaveLength(0);
      expect(await hub.outbox.openEntries(store.id, 'product', [`product:${looseId}`])).toHaveLength(1);
      expect(await hub.watermarks.get(store.id, EXPORT_PRODUCTS_WATERMARK)).toBeUndefined();

      const rest = await run(store, { only: `${mugId},${teeId}` });
      expect(rest.report.counts).toMatchObject({ created: 1, failed: 0 });
      expect(storeProducts(emulator, 'HUB-MUG')).toHaveLength(1);
      expect(storeProducts(emulator, 'HUB-TEE')).toHaveLength(1);
    });

    it('is not ready while the store is the product master', async () => {
      const store = await shop({ productMaster: 'store' });
      const outcome = await run(store);
      expect(outcome.run.status).toBe('failed');
      expect(outcome.report.error).toMatch(/productMaster=hub/);
      expect(exportProductsFeed.notReady?.(store)).toMatch(/product master is the store/);
    });

    describe('both mode', () => {
      let store: Store;
      let productIds: Map<string, number>;
      const OLD = '2020-01-01T00:00:00.000Z';

      /** What an earlier import of store product `id` left: a hub product bound with the store's date_upd then. */
      async function importedEarlier(id: number, syncedAt?: string): Promise<number> {
        const product = emulator.store.get('products', id)!;
        const text = (field: string) => textOf(product.values[field]);
        const storeDate = storeDateToInstant(text('date_upd'), store.timeZone);
        const result = await hub.catalog.upsertProducts(store.id, [
          record(String(id), {
            name: (product.values.name as Record<number, string>)[1]!,
            reference: text('reference'),
            price: text('price'),
            externalUpdatedAt: syncedAt ?? storeDate,
          }),
        ]);
        return result.items[0]!.localId;
      }

      /** Changes a hub product's content through the source store: its binding to the shop keeps the old hash. */
      async function changeInHub(productId: number, price: string): Promise<void> {
        const product = await hub.catalog.getProduct(productId);
        await hub.bindings.upsert(source.id, 'products', [
          { externalId: `p${productId}`, localId: productId },
        ]);
        await hub.bindings.upsert(
          source.id,
          'variants',
          product.variants.map((variant) => ({
            externalId: `p${productId}:${variant.id}`,
            localId: variant.id,
          })),
        );
        await hub.catalog.upsertProducts(source.id, [
          record(`p${productId}`, {
            name: product.name,
            reference: product.reference,
            price,
            variants: product.variants.map((variant) => ({
              externalId: `p${productId}:${variant.id}`,
              sku: variant.sku,
            })),
          }),
        ]);
      }

      beforeEach(async () => {
        store = await shop({ productMaster: 'both', exportFields: { price: true } });
        productIds = new Map([
          ['in sync', await importedEarlier(1)],
          ['changed in hub', await importedEarlier(2)],
          ['changed in store', await importedEarlier(3, OLD)],
          ['changed on both sides', await importedEarlier(4, OLD)],
        ]);
        await changeInHub(productIds.get('changed in hub')!, '40.000000');
        await changeInHub(productIds.get('changed on both sides')!, '44.000000');
        await hub.catalog.upsertProducts(source.id, [
          record('new', { name: 'New in hub', reference: 'HUB-NEW' }),
        ]);
        emulator.resetCounts();
      });

      it('--plan shows every action, the conflict included, and writes nothing', async () => {
        const outcome = await run(store, { plan: true });
        expect(outcome.run.status).toBe('succeeded');
        const plan = noticesOf(outcome, 'export-plan');
        const id = (name: string) => productIds.get(name);
        expect(plan).toEqual(
          expect.arrayContaining([
            expect.stringMatching(
              /^add to store: hub product \d+ "New in hub" \(HUB-NEW\) — not in the store yet$/,
            ),
            `update store: hub product ${id('changed in hub')} / store product 2 "Minimalist blouse" (PB-000002) — changed in the hub since the last sync`,
            `update hub: hub product ${id('changed in store')} / store product 3 "Lighthouse hoodie" (PB-000003) — changed in the store since the last sync`,
            'add to hub: store product 5 (PB-000005) — new in the store',
          ]) as unknown,
        );
        expect(plan.filter((line) => line.startsWith('add to hub:'))).toHaveLength(8);
        expect(plan.some((line) => line.includes('store product 1 '))).toBe(false);
        expect(noticesOf(outcome, 'export-conflict')).toEqual([
          `CONFLICT: hub product ${id('changed on both sides')} / store product 4 "Alpine printed t-shirt" (PB-000004) — changed in the hub and in the store since the last sync. ` +
            'Left alone: change one side so that they agree, or run export-products --prefer hub (or store) to let one side win.',
        ]);
        expect(noticesOf(outcome, 'export-plan-summary')).toEqual([
          "Plan for '" +
            store.name +
            "' (product master: both): 1 add to store, 1 update store, 8 add to hub, 1 update hub, 1 CONFLICT. Dry run (--plan): nothing was written.",
        ]);
        expect(writes(emulator)).toEqual([]);
        expect(outcome.report.counts).toMatchObject({ created: 0, updated: 0, skipped: 0 });
        expect(await hub.outbox.counts(store.id)).toMatchObject({ pending: 0, done: 0 });
        expect(await hub.watermarks.get(store.id, EXPORT_PRODUCTS_WATERMARK)).toBeUndefined();
      });

      it('carries the plan out: the store gets its changes, the hub import its own, the conflict is left alone', async () => {
        const imported: number[] = [];
        const feed = createExportProductsFeed({
          hubImport: {
            importProducts(_ctx, ids) {
              imported.push(...ids);
              return Promise.resolve();
            },
          },
        });
        const outcome = await run(store, {}, feed);
        expect(outcome.run.status).toBe('succeeded');
        expect(outcome.report.counts).toMatchObject({ created: 1, updated: 1, failed: 0 });
        expect(outcome.report.skips.map((skip) => skip.reason)).toEqual([
          'conflict: changed in the hub and in the store since the last sync',
        ]);
        expect(emulator.store.get('products', 2)?.values.price).toBe('40.000000');
        expect(emulator.store.get('products', 4)?.values.price).toBe('22.900000');
        expect(storeProducts(emulator, 'HUB-NEW')).toHaveLength(1);
        expect(imported.sort((a, b) => a - b)).toEqual([3, 5, 6, 7, 8, 9, 10, 11, 12]);
        expect(writes(emulator).sort()).toEqual(['POST products', 'PUT products']);

        const replan = await run(store, { plan: true }, feed);
        expect(noticesOf(replan, 'export-conflict')).toHaveLength(1);
        expect(noticesOf(replan, 'export-plan').filter((line) => /store: /.test(line))).toEqual([]);
      });

      it('adds to and updates the hub through the catalog import’s own mapping', async () => {
        emulator.store.updateProduct(3, { price: '60.000000' });
        const outcome = await run(store);
        expect(outcome.run.status).toBe('succeeded');
        const bound = await hub.bindings.resolve(store.id, 'products', [3, 5, 6, 7, 8, 9, 10, 11, 12]);
        expect(bound.size).toBe(9);
        expect((await hub.catalog.getProduct(productIds.get('changed in store')!)).price).toBe('60.000000');
        expect(bound.get('3')?.externalUpdatedAt).toBe(
          storeDateToInstant(textOf(emulator.store.get('products', 3)!.values.date_upd), store.timeZone),
        );
        expect((await hub.catalog.getProduct(bound.get('5')!.localId)).reference).toBe('PB-000005');

        const replan = await run(store, { plan: true });
        expect(noticesOf(replan, 'export-plan')).toEqual([]);
        expect(noticesOf(replan, 'export-conflict')).toHaveLength(1);
      });

      it('--prefer hub settles the conflict in the hub’s favour', async () => {
        const outcome = await run(store, { prefer: 'hub' });
        expect(noticesOf(outcome, 'export-conflict')).toEqual([]);
        expect(emulator.store.get('products', 4)?.values.price).toBe('44.000000');
      });
    });
  });
});
