import { beforeAll, expect, it } from 'vitest';

import { type Hub, InvalidRecordError, type ProductRecord, type Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

const size = (value: string) => [{ name: { en: 'Size' }, value: { en: value, fr: value } }];

/** A store product as an import hands it in: combinations carrying the product's reference, as PrestaShop's demo. */
function shirt(id: number, overrides: Partial<ProductRecord> = {}): ProductRecord {
  return {
    externalId: id,
    kind: 'combinations',
    name: `Shirt ${id}`,
    reference: `SHIRT-${id}`,
    price: '20',
    variants: [
      { externalId: `${id}:1`, sku: `SHIRT-${id}`, barcode: `200000000${id}011`, attributes: size('S') },
      { externalId: `${id}:2`, sku: `SHIRT-${id}`, barcode: `200000000${id}028`, attributes: size('M L') },
    ],
    ...overrides,
  };
}

describeEachEngine('one catalog for several stores', (engine) => {
  const clock = manualClock();
  let hub: Hub;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    a = await hub.stores.create({ name: 'shop-a', url: 'https://a.test' });
    b = await hub.stores.create({ name: 'shop-b', url: 'https://b.test' });
    await hub.masterData.upsert('families', [{ code: 'MUGS', name: 'Mugs' }]);
  });

  it('gives combinations that share a reference distinct derived SKUs, kept when imported again', async () => {
    const first = await hub.catalog.upsertProducts(a.id, [shirt(1)]);
    const product = await hub.catalog.getProduct(first.items[0]!.localId);
    expect(product.variants.map(({ sku, skuDerived }) => ({ sku, skuDerived }))).toEqual([
      { sku: 'SHIRT-1-S', skuDerived: true },
      { sku: 'SHIRT-1-M-L', skuDerived: true },
    ]);
    // Changed in the store (a new price): the derived SKUs do not move.
    await hub.catalog.upsertProducts(a.id, [shirt(1, { price: '21' })]);
    expect((await hub.catalog.getProduct(product.id)).variants.map((variant) => variant.sku)).toEqual([
      'SHIRT-1-S',
      'SHIRT-1-M-L',
    ]);
    // Given their own references in the store, the variants take them.
    await hub.catalog.upsertProducts(a.id, [
      shirt(1, {
        price: '22',
        variants: shirt(1).variants.map((variant, index) => ({ ...variant, sku: `SHIRT-1-${index}` })),
      }),
    ]);
    expect(
      (await hub.catalog.getProduct(product.id)).variants.map(({ sku, skuDerived }) => ({ sku, skuDerived })),
    ).toEqual([
      { sku: 'SHIRT-1-0', skuDerived: false },
      { sku: 'SHIRT-1-1', skuDerived: false },
    ]);
  });

  it('derives a SKU for a variant without one, and for a reference another product already has', async () => {
    const result = await hub.catalog.upsertProducts(a.id, [
      { externalId: 7, kind: 'simple', name: 'No reference', price: '1', variants: [{ externalId: '7:0' }] },
      {
        externalId: 8,
        kind: 'simple',
        name: 'Taken reference',
        reference: 'SHIRT-1-0',
        price: '1',
        variants: [{ externalId: '8:0', sku: 'SHIRT-1-0' }],
      },
    ]);
    const [none, taken] = await Promise.all(result.items.map((item) => hub.catalog.getProduct(item.localId)));
    const noneVariant = none!.variants[0]!;
    expect(noneVariant).toMatchObject({ sku: `V${noneVariant.id}`, skuDerived: true });
    const takenVariant = taken!.variants[0]!;
    expect(takenVariant).toMatchObject({ sku: `SHIRT-1-0-${takenVariant.id}`, skuDerived: true });
  });

  it('binds a second store’s product to the hub product with its reference, variants by barcode or attributes', async () => {
    const inA = await hub.catalog.upsertProducts(a.id, [shirt(2)]);
    const hubId = inA.items[0]!.localId;
    // The second store gives no barcodes: its variants are found by their attribute values.
    const noBarcodes = shirt(2, {
      variants: shirt(2).variants.map((variant) => ({ ...variant, barcode: null })),
    });
    const inB = await hub.catalog.upsertProducts(b.id, [noBarcodes], { matchBy: 'reference' });
    expect(inB.items[0]?.localId).toBe(hubId);
    expect(inB.counts.created).toBe(0);
    expect([...(inB.matched ?? [])]).toEqual([['2', hubId]]);
    const product = await hub.catalog.getProduct(hubId);
    expect(product.variants).toHaveLength(2);
    for (const variant of product.variants) {
      const bound = await hub.bindings.forLocal('variants', [variant.id]);
      expect(bound.map((binding) => binding.storeId)).toEqual([a.id, b.id]);
    }
    // The second store no longer sells one variant: only its binding goes, the first store still sells it.
    await hub.catalog.upsertProducts(b.id, [{ ...noBarcodes, variants: noBarcodes.variants.slice(0, 1) }], {
      matchBy: 'reference',
    });
    const after = await hub.catalog.getProduct(hubId);
    expect(after.variants.map((variant) => variant.active)).toEqual([true, true]);
  });

  it('reports two store products claiming one hub product, and does not merge them', async () => {
    const inA = await hub.catalog.upsertProducts(a.id, [shirt(3)]);
    const result = await hub.catalog.upsertProducts(b.id, [shirt(3), shirt(33, { reference: 'SHIRT-3' })], {
      matchBy: 'reference',
    });
    expect(result.items.map((item) => item.localId)[0]).toBe(inA.items[0]!.localId);
    expect(result.items[1]?.outcome).toBe('created');
    expect(result.conflicts).toEqual([
      {
        externalId: '33',
        message: expect.stringMatching(
          /^store product 33 matches hub product \d+ by reference 'SHIRT-3', which store product 3 of the same store already has/,
        ) as string,
      },
    ]);
    // With matchBy none, nothing is matched.
    const separate = await hub.catalog.upsertProducts(b.id, [shirt(4)], { matchBy: 'none' });
    const again = await hub.catalog.upsertProducts(a.id, [shirt(4)], { matchBy: 'none' });
    expect(again.items[0]?.localId).not.toBe(separate.items[0]?.localId);
  });

  it('creates and edits hub products with variants, barcodes, family and a bill of materials', async () => {
    const mug = await hub.catalog.createProduct({
      name: 'Mug',
      reference: 'MUG',
      price: '9.90',
      family: 'MUGS',
      variants: [
        {
          sku: 'MUG-RED',
          barcode: '2000000000992',
          attributes: [{ name: { en: 'Color' }, value: { en: 'Red' } }],
        },
        { attributes: [{ name: { en: 'Color' }, value: { en: 'Blue' } }], priceImpact: '0.5' },
      ],
    });
    expect(mug).toMatchObject({ kind: 'combinations', family: 'MUGS', price: '9.900000', reference: 'MUG' });
    expect(mug.variants.map(({ sku, skuDerived, barcode }) => ({ sku, skuDerived, barcode }))).toEqual([
      { sku: 'MUG-RED', skuDerived: false, barcode: '2000000000992' },
      { sku: 'MUG-Blue', skuDerived: true, barcode: null },
    ]);
    // A new hub product is to be added to every store; an edit changes its content hash.
    expect((await hub.catalog.exportCandidates(a.id)).map((candidate) => candidate.productId)).toContain(
      mug.id,
    );
    const kit = await hub.catalog.createProduct({
      name: 'Two mugs',
      reference: 'MUG-2',
      price: '18',
      components: [{ variantId: mug.variants[0]!.id, quantity: 2 }],
    });
    expect(kit.kind).toBe('kit');
    expect(await hub.catalog.kitComponents(kit.variants[0]!.id)).toEqual([
      { variantId: mug.variants[0]!.id, quantity: 2 },
    ]);

    const edited = await hub.catalog.updateProduct(mug.id, {
      price: '10.50',
      variants: [{ id: mug.variants[1]!.id, barcode: '2000000001005' }],
    });
    expect(edited.price).toBe('10.500000');
    expect(edited.contentHash).not.toBe(mug.contentHash);
    expect(edited.variants.map(({ id, sku, barcode, active }) => ({ id, sku, barcode, active }))).toEqual([
      { id: mug.variants[0]!.id, sku: 'MUG-RED', barcode: '2000000000992', active: false },
      { id: mug.variants[1]!.id, sku: 'MUG-Blue', barcode: '2000000001005', active: true },
    ]);
    await expect(
      hub.catalog.updateProduct(kit.id, { variants: [{ barcode: '2000000001005' }] }),
    ).rejects.toThrow(InvalidRecordError);
    await expect(hub.catalog.updateProduct(mug.id, { family: 'NOPE' })).rejects.toThrow(
      /no family with code 'NOPE'/,
    );
  });

  it('removing a store archives only the products that existed for it alone', async () => {
    const c = await hub.stores.create({ name: 'shop-c', url: 'https://c.test' });
    const d = await hub.stores.create({ name: 'shop-d', url: 'https://d.test' });
    const only = await hub.catalog.upsertProducts(c.id, [shirt(50)]);
    const shared = await hub.catalog.upsertProducts(c.id, [shirt(51)]);
    await hub.catalog.upsertProducts(d.id, [shirt(51)], { matchBy: 'reference' });
    const own = await hub.catalog.createProduct({ name: 'Hub mug', reference: 'HUB-MUG', price: '5' });
    await hub.catalog.markExported(c.id, [{ productId: own.id, externalId: 900 }]);

    expect(await hub.stores.delete(c.id)).toEqual({ archivedProducts: 1 });
    expect((await hub.catalog.getProduct(only.items[0]!.localId)).archivedAt).not.toBeNull();
    expect((await hub.catalog.getProduct(shared.items[0]!.localId)).archivedAt).toBeNull();
    expect((await hub.catalog.getProduct(own.id)).archivedAt).toBeNull();
    // The other store keeps its bindings; the removed store's are gone.
    const bindings = await hub.bindings.forLocal('products', [shared.items[0]!.localId, own.id]);
    expect(bindings.map((binding) => binding.storeId)).toEqual([d.id]);
  });
});
