import { beforeAll, describe, expect, it } from 'vitest';

import { type Hub, InvalidRecordError, type ProductRecord, type Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

function tshirt(id: number, overrides: Partial<ProductRecord> = {}): ProductRecord {
  return {
    externalId: id,
    externalUpdatedAt: '2026-01-10T10:00:00.000Z',
    kind: 'combinations',
    name: `T-shirt ${id}`,
    names: { en: `T-shirt ${id}`, fr: `Tee-shirt ${id}` },
    reference: `demo_${id}`,
    price: '23.900000',
    wholesalePrice: '5.49',
    family: 'SHIRTS',
    taxRate: 'VAT20',
    variants: [
      {
        externalId: `${id}:1`,
        sku: `demo_${id}_s`,
        barcode: `400000000${id}01`,
        attributes: [{ name: { en: 'Size' }, value: { en: 'S' } }],
      },
      {
        externalId: `${id}:2`,
        sku: `demo_${id}_m`,
        barcode: `400000000${id}02`,
        priceImpact: '1.5',
        attributes: [{ name: { en: 'Size' }, value: { en: 'M' } }],
      },
    ],
    ...overrides,
  };
}

describeEachEngine('catalog', (engine) => {
  const clock = manualClock();
  let hub: Hub;
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    store = await hub.stores.create({ name: 'catalog', url: 'https://catalog.test' });
    other = await hub.stores.create({ name: 'catalog-2', url: 'https://catalog2.test' });
    await hub.masterData.upsert('families', [{ code: 'SHIRTS', name: 'Shirts' }]);
    await hub.masterData.upsert('taxRates', [{ code: 'VAT20', name: 'VAT 20 %', rate: '20' }]);
  });

  it('creates products with their variants and binds both', async () => {
    const result = await hub.catalog.upsertProducts(store.id, [tshirt(1), tshirt(2)]);
    expect(result.counts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const product = await hub.catalog.getProduct(result.items[0]!.localId);
    expect(product).toMatchObject({
      kind: 'combinations',
      name: 'T-shirt 1',
      names: { en: 'T-shirt 1', fr: 'Tee-shirt 1' },
      price: '23.900000',
      wholesalePrice: '5.490000',
      family: 'SHIRTS',
      taxRate: 'VAT20',
      active: true,
    });
    expect(product.variants.map((variant) => [variant.sku, variant.priceImpact])).toEqual([
      ['demo_1_s', '0.000000'],
      ['demo_1_m', '1.500000'],
    ]);
    expect(result.variantIds.get('1:2')).toBe(product.variants[1]!.id);
    const binding = await hub.bindings.get(store.id, 'products', 1);
    expect(binding).toMatchObject({
      localId: product.id,
      externalUpdatedAt: '2026-01-10T10:00:00.000Z',
      contentHash: product.contentHash,
    });
  });

  it('leaves unchanged products alone and updates changed ones in place', async () => {
    clock.advance(1000);
    const again = await hub.catalog.upsertProducts(store.id, [tshirt(1), tshirt(2, { price: '19.90' })]);
    expect(again.items.map((item) => item.outcome)).toEqual(['unchanged', 'updated']);
    const changed = await hub.catalog.getProduct(again.items[1]!.localId);
    expect(changed.price).toBe('19.900000');
    expect(changed.updatedAt).toBe(clock().toISOString());
    const unchanged = await hub.catalog.getProduct(again.items[0]!.localId);
    expect(unchanged.updatedAt).not.toBe(clock().toISOString());
  });

  it('sees the same content in another key order or language order as unchanged', async () => {
    const reordered = tshirt(1, { names: { fr: 'Tee-shirt 1', en: 'T-shirt 1' } });
    expect((await hub.catalog.upsertProducts(store.id, [reordered])).counts.unchanged).toBe(1);
  });

  it('deactivates variants the store no longer lists and marks their bindings deleted', async () => {
    const [first] = (await hub.catalog.upsertProducts(store.id, [tshirt(3)])).items;
    const onlySmall = tshirt(3, { variants: [tshirt(3).variants[0]!] });
    await hub.catalog.upsertProducts(store.id, [onlySmall]);
    const product = await hub.catalog.getProduct(first!.localId);
    expect(product.variants.map((variant) => [variant.sku, variant.active])).toEqual([
      ['demo_3_s', true],
      ['demo_3_m', false],
    ]);
    expect((await hub.bindings.get(store.id, 'variants', '3:2'))?.deletedAt).not.toBeNull();
  });

  it('writes nothing of a page when one record is invalid', async () => {
    const before = await hub.catalog.listVariants({ limit: 1000 });
    const page = [tshirt(10), tshirt(11, { family: 'NO-SUCH-FAMILY' }), tshirt(12)];
    await expect(hub.catalog.upsertProducts(store.id, page)).rejects.toThrow(
      "product 11: no family with code 'NO-SUCH-FAMILY'. Create it in the hub's master data first.",
    );
    await expect(hub.catalog.upsertProducts(store.id, [tshirt(13, { price: 'abc' })])).rejects.toThrow(
      InvalidRecordError,
    );
    await expect(hub.catalog.upsertProducts(store.id, [tshirt(14, { kind: 'simple' })])).rejects.toThrow(
      'product 14: a simple product has exactly one variant, got 2',
    );
    expect(await hub.catalog.listVariants({ limit: 1000 })).toEqual(before);
    expect(await hub.bindings.resolve(store.id, 'products', [10, 12])).toEqual(new Map());
  });

  it('lists one row per variant with name, price, family and the stores it is bound to', async () => {
    const rows = await hub.catalog.listVariants({ search: 'demo_1_' });
    expect(rows.map((row) => [row.sku, row.name, row.price, row.family, row.storeIds])).toEqual([
      ['demo_1_s', 'T-shirt 1 - S', '23.900000', 'SHIRTS', [store.id]],
      ['demo_1_m', 'T-shirt 1 - M', '25.400000', 'SHIRTS', [store.id]],
    ]);
    expect(await hub.catalog.listVariants({ storeId: other.id })).toEqual([]);
    expect((await hub.catalog.listVariants({ search: 'TEE' })).length).toBe(0); // names in other languages are not searched
    expect((await hub.catalog.listVariants({ search: 't-SHIRT 2' })).map((row) => row.sku)).toEqual([
      'demo_2_s',
      'demo_2_m',
    ]);
    expect(await hub.catalog.listVariants({ search: '100%' })).toEqual([]);
    const firstPage = await hub.catalog.listVariants({ limit: 2 });
    const next = await hub.catalog.listVariants({ limit: 2, afterVariantId: firstPage.at(-1)!.variantId });
    expect(next[0]!.variantId).toBeGreaterThan(firstPage[1]!.variantId);
  });

  it('imports the same product from a second store as a separate hub product with the same hash', async () => {
    const result = await hub.catalog.upsertProducts(other.id, [tshirt(1)]);
    expect(result.counts.created).toBe(1);
    const fromFirst = await hub.bindings.get(store.id, 'products', 1);
    const product = await hub.catalog.getProduct(result.items[0]!.localId);
    expect(product.id).not.toBe(fromFirst!.localId);
    expect(product.contentHash).toBe(fromFirst!.contentHash);
  });

  it('finds products to export: never bound to the store, or changed in the hub since', async () => {
    const target = await hub.stores.create({ name: 'export-target', url: 'https://export.test' });
    const all = await hub.catalog.exportCandidates(target.id, { limit: 1000 });
    expect(all.every((candidate) => candidate.status === 'add-to-store')).toBe(true);
    const first = all[0]!;
    await hub.catalog.markExported(target.id, [{ productId: first.productId, externalId: 900 }]);
    const after = await hub.catalog.exportCandidates(target.id, { limit: 1000 });
    expect(after.map((candidate) => candidate.productId)).not.toContain(first.productId);
    // The store it came from changes it: the hub copy changes, so the export target is behind.
    const binding = (await hub.bindings.forLocal('products', [first.productId])).find(
      (b) => b.storeId !== target.id,
    )!;
    await hub.catalog.upsertProducts(binding.storeId, [tshirt(Number(binding.externalId), { price: '99' })]);
    const behind = await hub.catalog.exportCandidates(target.id, { limit: 1000 });
    expect(behind.find((candidate) => candidate.productId === first.productId)).toMatchObject({
      status: 'update-store',
      externalId: '900',
    });
  });

  describe('categories, images, suppliers, kits and barcodes', () => {
    it('keeps the category tree, parents found in the same page', async () => {
      const result = await hub.catalog.upsertCategories(store.id, [
        { externalId: 3, parentExternalId: 2, name: 'Clothes' },
        { externalId: 2, parentExternalId: 1, name: 'Home' },
        { externalId: 4, parentExternalId: 3, name: 'Men', names: { en: 'Men', fr: 'Hommes' } },
      ]);
      expect(result.counts.created).toBe(3);
      const ids = new Map(result.items.map((item) => [item.externalId, item.localId]));
      const product = (await hub.bindings.get(store.id, 'products', 1))!;
      await hub.catalog.setProductCategories([
        { productId: product.localId, categoryIds: [ids.get('4')!, ids.get('3')!] },
      ]);
      expect((await hub.catalog.getProduct(product.localId)).categoryIds).toEqual(
        [ids.get('3'), ids.get('4')].sort((a, b) => a! - b!),
      );
    });

    it('stores image bytes once and keeps image ids when content is unchanged', async () => {
      const bytes = Buffer.from('not really a jpeg, but bytes all the same');
      const hash = await hub.catalog.storeImage(bytes, 'image/jpeg');
      expect(await hub.catalog.storeImage(Buffer.from(bytes), 'image/jpeg')).toBe(hash);
      const product = (await hub.bindings.get(store.id, 'products', 2))!;
      const variantId = (await hub.catalog.getProduct(product.localId)).variants[0]!.id;
      const first = await hub.catalog.setProductImages(product.localId, [
        { hash, cover: true, variantIds: [variantId] },
      ]);
      const other = await hub.catalog.storeImage(Buffer.from('second image'), 'image/png');
      const second = await hub.catalog.setProductImages(product.localId, [
        { hash: other },
        { hash, cover: true },
      ]);
      expect(second.get(hash)).toBe(first.get(hash));
      expect((await hub.catalog.imageBytes(hash))?.bytes.equals(bytes)).toBe(true);
    });

    it('links suppliers to variants with reference and price', async () => {
      const suppliers = await hub.catalog.upsertSuppliers(store.id, [
        { externalId: 1, name: 'Fashion Supplier' },
      ]);
      const variantId = (await hub.catalog.variantIdsByExternal(store.id, ['1:1'])).get('1:1')!;
      const supplierId = suppliers.items[0]!.localId;
      await hub.catalog.upsertProductSuppliers([
        { variantId, supplierId, reference: 'FS-1', price: '4.2', currency: 'EUR' },
      ]);
      await hub.catalog.upsertProductSuppliers([
        { variantId, supplierId, reference: 'FS-1b', price: '4.3', currency: 'EUR' },
      ]);
      expect(await hub.catalog.productSuppliers(variantId)).toEqual([
        { variantId, supplierId, reference: 'FS-1b', price: '4.300000', currency: 'EUR' },
      ]);
    });

    it('keeps kit components and refuses a kit that contains itself', async () => {
      const ids = await hub.catalog.variantIdsByExternal(store.id, ['1:1', '1:2', '2:1']);
      await hub.catalog.setKitComponents([
        { kitVariantId: ids.get('2:1')!, components: [{ variantId: ids.get('1:1')!, quantity: 2 }] },
      ]);
      await hub.catalog.setKitComponents([
        { kitVariantId: ids.get('2:1')!, components: [{ variantId: ids.get('1:2')!, quantity: 3 }] },
      ]);
      expect(await hub.catalog.kitComponents(ids.get('2:1')!)).toEqual([
        { variantId: ids.get('1:2'), quantity: 3 },
      ]);
      await expect(
        hub.catalog.setKitComponents([
          { kitVariantId: ids.get('2:1')!, components: [{ variantId: ids.get('2:1')!, quantity: 1 }] },
        ]),
      ).rejects.toThrow('a kit cannot contain itself');
    });

    it('knows which barcodes exist and refuses to give one to a second variant', async () => {
      expect(await hub.catalog.existingBarcodes(['400000000101', '999'])).toEqual(new Set(['400000000101']));
      const variantId = (await hub.catalog.variantIdsByExternal(store.id, ['1:2'])).get('1:2')!;
      await expect(hub.catalog.setBarcodes([{ variantId, barcode: '400000000101' }])).rejects.toThrow(
        /already belongs to variant/,
      );
    });
  });
});
