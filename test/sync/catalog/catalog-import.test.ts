import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { productImageJpeg } from '../../../src/emulator/image-bytes.js';
import { DEFAULT_ANCHOR, type EmuRecord, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Product, Store } from '../../../src/hub/index.js';
import { isValidEan13 } from '../../../src/sync/catalog/ean13.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, gets, runFeed } from './support/catalog-harness.js';

/**
 * The catalog import feeds against the emulator's demo store (300 products, combinations, packs,
 * virtual products, images, suppliers), compared record by record with the emulator's own data.
 */

const IMPORT_ORDER = [
  'import-categories',
  'import-suppliers',
  'import-products',
  'update-products',
  'import-product-suppliers',
  'import-images',
] as const;

const FAMILIES = { '4': 'MEN', '5': 'WOMEN', '7': 'STATIONERY', '8': 'HOME' };

function text(record: EmuRecord | undefined, field: string, language?: number): string {
  return textOf(record?.values[field], language);
}

function orNull(value: string): string | null {
  return value.trim() === '' ? null : value;
}

function both(record: EmuRecord | undefined, field: string): { en: string; fr: string } {
  return { en: text(record, field, 1), fr: text(record, field, 2) };
}

describe('catalog import feeds', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // Store writes are dated by this clock: real time, but never before the end of the seeded
    // history, so that a change is always newer than every seeded date_upd, whatever the machine's date.
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
    const localProduct = async (productId: number): Promise<Product> => {
      const binding = await hub.bindings.get(store.id, 'products', productId);
      if (binding === undefined) throw new Error(`product ${productId} is not bound`);
      return hub.catalog.getProduct(binding.localId);
    };
    const emuProducts = (): EmuRecord[] => [...emulator.store.records('products')];
    const combinationsOf = (productId: number): EmuRecord[] =>
      [...emulator.store.records('combinations')].filter(
        (row) => text(row, 'id_product') === String(productId),
      );

    beforeAll(async () => {
      emulator.store.reset();
      hub = await engine.openHub();
      await hub.masterData.upsert('taxRates', [
        { code: 'VAT20', name: 'VAT 20 %', rate: '20', country: 'FR' },
        { code: 'VAT5.5', name: 'VAT 5.5 %', rate: '5.5', country: 'FR' },
      ]);
      await hub.masterData.upsert('families', [
        { code: 'MEN', name: 'Men' },
        { code: 'WOMEN', name: 'Women' },
        { code: 'STATIONERY', name: 'Stationery' },
        { code: 'HOME', name: 'Home' },
      ]);
      store = await addEmulatorStore(hub, emulator, 'demo', { categoryFamilies: FAMILIES });
      // HOME is gone since the mapping was saved (a save naming a missing family is refused): the
      // import reports it.
      await hub.masterData.delete('families', 'HOME');
    });

    it('imports the demo catalog in bulk requests, and every product matches the store record by record', async () => {
      const reports = new Map<string, Awaited<ReturnType<typeof runFeed>>['report']>();
      const requests = new Map<string, Record<string, Record<string, number>>>();
      for (const feed of IMPORT_ORDER) {
        emulator.resetCounts();
        const { run, report } = await runFeed(hub, feed, store);
        expect(run.status, `${feed}: ${report.error ?? ''}`).toBe('succeeded');
        reports.set(feed, report);
        requests.set(feed, emulator.requestCounts());
      }
      const products = emuProducts();
      expect(products).toHaveLength(300);
      expect(reports.get('import-products')?.counts).toMatchObject({ created: 300, failed: 0 });

      // Pages of full records: the ids (cut into pages), one page of products, the newest date_upd,
      // and one page of combinations.
      const productRequests = requests.get('import-products')!;
      expect(productRequests.products?.GET).toBe(3);
      expect(productRequests.combinations?.GET).toBe(1);
      expect(requests.get('import-categories')?.categories?.GET).toBe(1);
      expect(requests.get('import-product-suppliers')?.product_suppliers?.GET).toBe(1);

      const categories = new Map(
        (await hub.catalog.storeCategories(store.id)).map((category) => [category.externalId, category]),
      );
      for (const row of emulator.store.records('categories')) {
        const category = categories.get(String(row.id));
        expect(category?.names, `category ${row.id}`).toEqual(both(row, 'name'));
        const parent = text(row, 'id_parent');
        expect(category?.parentExternalId ?? '0').toBe(parent);
      }

      for (const row of products) {
        const product = await localProduct(row.id);
        const combinations = combinationsOf(row.id);
        const type = text(row, 'type');
        expect(product, `product ${row.id}`).toMatchObject({
          kind:
            type === 'pack'
              ? 'kit'
              : combinations.length > 0
                ? 'combinations'
                : type === 'virtual'
                  ? 'virtual'
                  : 'simple',
          name: text(row, 'name', 1),
          names: both(row, 'name'),
          description: both(row, 'description'),
          summary: both(row, 'description_short'),
          reference: orNull(text(row, 'reference')),
          ean13: orNull(text(row, 'ean13')),
          price: text(row, 'price'),
          wholesalePrice: text(row, 'wholesale_price'),
          weight: text(row, 'weight'),
          active: text(row, 'active') === '1',
          archivedAt: null,
          manufacturer: orNull(text(row, 'manufacturer_name')),
          taxRate: text(row, 'id_tax_rules_group') === '1' ? 'VAT20' : 'VAT5.5',
          family: ['MEN', 'WOMEN', 'STATIONERY'].includes(
            FAMILIES[text(row, 'id_category_default') as keyof typeof FAMILIES],
          )
            ? FAMILIES[text(row, 'id_category_default') as keyof typeof FAMILIES]
            : null,
        });
        expect(product.categoryIds).toEqual(
          (row.associations.categories ?? [])
            .map((entry) => categories.get(String(entry.id))?.id)
            .sort((a, b) => (a ?? 0) - (b ?? 0)),
        );
        if (combinations.length === 0) {
          expect(product.variants).toHaveLength(1);
          expect(product.variants[0]).toMatchObject({
            sku: orNull(text(row, 'reference')),
            barcode: orNull(text(row, 'ean13')),
            priceImpact: '0.000000',
          });
        } else {
          // A combination keeps its reference as SKU when its siblings do not share it; otherwise the
          // hub derives one: the reference followed by the attribute values (default language).
          const references = combinations.map((combination) => orNull(text(combination, 'reference')));
          const derived = (combination: EmuRecord): string =>
            [
              orNull(text(combination, 'reference')) ?? text(row, 'reference'),
              ...(combination.associations.product_option_values ?? []).map((entry) =>
                text(emulator.store.get('product_option_values', Number(entry.id)), 'name', 1).replace(
                  /\s+/g,
                  '-',
                ),
              ),
            ].join('-');
          expect(product.variants.map(({ sku, skuDerived }) => ({ sku, skuDerived }))).toEqual(
            combinations.map((combination, index) => {
              const own = references[index] ?? null;
              const unique = own !== null && references.filter((other) => other === own).length === 1;
              return unique
                ? { sku: own, skuDerived: false }
                : { sku: derived(combination), skuDerived: true };
            }),
          );
          combinations.forEach((combination, index) => {
            const variant = product.variants[index];
            expect(variant, `combination ${combination.id}`).toMatchObject({
              barcode: orNull(text(combination, 'ean13')),
              priceImpact: text(combination, 'price'),
              attributes: (combination.associations.product_option_values ?? []).map((entry) => {
                const value = emulator.store.get('product_option_values', Number(entry.id));
                const option = emulator.store.get(
                  'product_options',
                  Number(text(value, 'id_attribute_group')),
                );
                return { name: both(option, 'name'), value: both(value, 'name') };
              }),
            });
          });
        }
        if (type === 'pack') {
          const kitVariant = product.variants[0]!.id;
          const expected = await Promise.all(
            (row.associations.product_bundle ?? []).map(async (entry) => ({
              variantId: (await hub.bindings.get(
                store.id,
                'variants',
                `${entry.id}:${entry.id_product_attribute}`,
              ))!.localId,
              quantity: Number(entry.quantity),
            })),
          );
          expect(await hub.catalog.kitComponents(kitVariant)).toEqual(
            expected.sort((a, b) => a.variantId - b.variantId),
          );
        }
        // The cover image, downloaded once and kept by content hash.
        const cover = Number(text(row, 'id_default_image'));
        const image = await hub.bindings.get(store.id, 'images', `${row.id}:${cover}`);
        const bytes = productImageJpeg(row.id, cover);
        expect(image?.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect((await hub.catalog.imageBytes(image!.contentHash!))?.bytes.equals(bytes)).toBe(true);
      }
      expect(requests.get('import-images')?.images?.GET).toBe(300);

      // Suppliers, and each variant's supplier link with reference, price and currency.
      const suppliers = await hub.catalog.storeSuppliers(store.id);
      expect(suppliers.map(({ name, externalId }) => ({ name, externalId }))).toEqual(
        [...emulator.store.records('suppliers')].map((row) => ({
          name: text(row, 'name'),
          externalId: String(row.id),
        })),
      );
      const supplierIds = new Map(suppliers.map((supplier) => [supplier.externalId, supplier.id]));
      let links = 0;
      for (const row of emulator.store.records('product_suppliers')) {
        const supplier = text(row, 'id_supplier');
        const variant = await hub.bindings.get(
          store.id,
          'variants',
          `${text(row, 'id_product')}:${text(row, 'id_product_attribute')}`,
        );
        if (supplier === '0' || variant === undefined) continue;
        links += 1;
        expect(await hub.catalog.productSuppliers(variant.localId)).toEqual([
          {
            variantId: variant.localId,
            supplierId: supplierIds.get(supplier),
            reference: text(row, 'product_supplier_reference'),
            price: text(row, 'product_supplier_price_te'),
            currency: 'EUR',
          },
        ]);
      }
      expect(reports.get('import-product-suppliers')?.counts.created).toBe(links);
    });

    it('names unmapped categories and families the hub lacks, with the command that maps them, and guesses nothing', async () => {
      const { report } = await runFeed(hub, 'update-products', store, { options: { full: true } });
      const notices = new Map(
        report.notices.map((notice) => [`${notice.kind}:${notice.key}`, notice.message]),
      );
      const art = emuProducts().filter((row) => text(row, 'id_category_default') === '9').length;
      expect(notices.get('unmapped-category:9')).toBe(
        `Category 9 'Art' is not mapped to a family: its ${art} product(s) so far get no family. ` +
          'Map it: prestabridge stores set demo categoryFamilies.9=FAMILY',
      );
      expect(notices.get('unknown-family:8')).toMatch(
        /^categoryFamilies\.8 \('Home Accessories'\) names family 'HOME', which the hub does not have/,
      );
      expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 300 });
    });

    it('reruns with nothing changed in a handful of requests, writing nothing', async () => {
      for (const feed of IMPORT_ORDER) {
        emulator.resetCounts();
        const { report } = await runFeed(hub, feed, store);
        const total = Object.values(emulator.requestCounts())
          .flatMap((verbs) => Object.values(verbs))
          .reduce((sum, count) => sum + count, 0);
        expect(report.counts, feed).toMatchObject({ created: 0, updated: 0, failed: 0 });
        expect(total, `${feed} requests`).toBeLessThanOrEqual(5);
        expect(gets(emulator, 'combinations'), feed).toBe(0);
      }
    });

    it('update-products touches exactly the five products changed in the store', async () => {
      const changed = [3, 40, 41, 150, 299];
      const before = new Map(
        await Promise.all(emuProducts().map(async (row) => [row.id, await localProduct(row.id)] as const)),
      );
      for (const [index, id] of changed.entries()) {
        emulator.store.updateProduct(id, { price: `${10 + index}.250000`, name: { 2: `Nouveau nom ${id}` } });
      }
      emulator.resetCounts();
      const { report } = await runFeed(hub, 'update-products', store);
      expect(report.counts).toMatchObject({ created: 0, updated: 5, failed: 0 });
      expect(gets(emulator, 'combinations')).toBeLessThanOrEqual(1);
      for (const row of emuProducts()) {
        const after = await localProduct(row.id);
        if (changed.includes(row.id)) {
          expect(after.price).toBe(text(row, 'price'));
          expect(after.names).toEqual({ en: text(row, 'name', 1), fr: `Nouveau nom ${row.id}` });
          expect(after.updatedAt).not.toBe(before.get(row.id)?.updatedAt);
        } else {
          expect(after.updatedAt, `product ${row.id}`).toBe(before.get(row.id)?.updatedAt);
        }
      }
    });

    it('marks products deleted or retired in the store, keeping them in the hub', async () => {
      emulator.store.deleteProduct(7);
      emulator.store.update('products', 8, { active: '0', visibility: 'none' });
      // The id list is read once a day: the run before did it; --deletions asks for it now.
      const daily = await runFeed(hub, 'update-products', store);
      expect(daily.report.counts).toMatchObject({ updated: 1 });
      expect((await hub.bindings.get(store.id, 'products', 7))?.deletedAt).toBeNull();
      const { report } = await runFeed(hub, 'update-products', store, { options: { deletions: true } });
      expect(report.counts).toMatchObject({ updated: 1, failed: 0 });
      expect(report.notices.find((notice) => notice.kind === 'deleted-in-store')?.message).toBe(
        '1 product(s) no longer in the store were marked deleted and archived in the hub: 7.',
      );
      expect((await localProduct(7)).archivedAt).not.toBeNull();
      expect((await hub.bindings.get(store.id, 'products', 7))?.deletedAt).not.toBeNull();
      expect(await localProduct(8)).toMatchObject({
        active: false,
        archivedAt: expect.any(String) as string,
      });
      expect((await hub.bindings.get(store.id, 'products', 8))?.deletedAt).toBeNull();
    });

    it('imports a product added to the store, and then leaves it alone', async () => {
      const added = emulator.store.addProduct({
        name: 'Mug du jour',
        price: '9.900000',
        reference: 'MUG-NEW',
        quantity: 3,
      });
      const { report } = await runFeed(hub, 'import-products', store);
      expect(report.counts).toMatchObject({ created: 1, failed: 0 });
      expect(await localProduct(added.id)).toMatchObject({
        name: 'Mug du jour',
        price: '9.900000',
        kind: 'simple',
      });
      const again = await runFeed(hub, 'update-products', store);
      expect(again.report.counts).toMatchObject({ created: 0, updated: 0 });
    });

    it('gives every variant without a barcode a valid EAN-13, unique in the hub, and keeps it on the next import', async () => {
      await hub.stores.update(store.id, {
        settings: { extras: { autoCreateBarcodes: true, barcodePrefix: '871234' } },
      });
      const without = await hub.catalog.variantsWithoutBarcode({ storeId: store.id, limit: 5000 });
      expect(without.length).toBeGreaterThan(0);
      const { report } = await runFeed(hub, 'create-barcodes', store);
      expect(report.counts.updated).toBe(without.length);
      const given = await hub.catalog.variants(without.map((variant) => variant.id));
      const barcodes = [...given.values()].map((variant) => variant.barcode ?? '');
      expect(barcodes.every((barcode) => barcode.startsWith('871234') && isValidEan13(barcode))).toBe(true);
      expect(new Set(barcodes).size).toBe(barcodes.length);
      expect(await hub.catalog.variantsWithoutBarcode({ storeId: store.id })).toEqual([]);

      // The store still has no barcode for those variants: rewriting the product keeps the hub's.
      const variant = without[0]!;
      const binding = (await hub.bindings.forLocal('variants', [variant.id])).find(
        (entry) => entry.storeId === store.id,
      )!;
      const productId = Number(binding.externalId.split(':')[0]);
      emulator.store.updateProduct(productId, { price: '77.000000' });
      const update = await runFeed(hub, 'update-products', store);
      expect(update.report.counts.updated).toBe(1);
      expect((await hub.catalog.variants([variant.id])).get(variant.id)?.barcode).toBe(
        given.get(variant.id)?.barcode,
      );
      expect((await localProduct(productId)).price).toBe('77.000000');
    });
  });
});
