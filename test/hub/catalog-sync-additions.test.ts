import { beforeAll, expect, it } from 'vitest';

import type { Hub, ProductRecord, Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';

/** What the catalog import feeds added to the catalog repository: store trees, deletions, barcode numbers. */

function simple(id: number, barcode: string | null = null): ProductRecord {
  return {
    externalId: id,
    kind: 'simple',
    name: `Mug ${id}`,
    price: '11.900000',
    variants: [{ externalId: `${id}:0`, sku: `MUG-${id}`, barcode }],
  };
}

describeEachEngine('catalog repository: sync additions', (engine) => {
  let hub: Hub;
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    hub = await engine.openHub();
    store = await hub.stores.create({ name: 'additions', url: 'https://additions.test' });
    other = await hub.stores.create({ name: 'additions-2', url: 'https://additions2.test' });
  });

  it("lists a store's category tree with the store's ids, parents included", async () => {
    await hub.catalog.upsertCategories(store.id, [
      { externalId: 2, parentExternalId: null, name: 'Home', names: { en: 'Home', fr: 'Accueil' } },
      { externalId: 3, parentExternalId: 2, name: 'Clothes', position: 1 },
    ]);
    await hub.catalog.upsertCategories(other.id, [{ externalId: 9, name: 'Elsewhere' }]);
    await hub.bindings.markDeleted(store.id, 'categories', [3]);
    const tree = await hub.catalog.storeCategories(store.id);
    expect(
      tree.map(({ externalId, parentExternalId, name, deletedInStore }) => ({
        externalId,
        parentExternalId,
        name,
        deletedInStore,
      })),
    ).toEqual([
      { externalId: '2', parentExternalId: null, name: 'Home', deletedInStore: false },
      { externalId: '3', parentExternalId: '2', name: 'Clothes', deletedInStore: true },
    ]);
    expect(tree[0]?.names).toEqual({ en: 'Home', fr: 'Accueil' });
  });

  it('marks products deleted in one store with their variants, archiving them only when asked', async () => {
    const created = await hub.catalog.upsertProducts(store.id, [simple(10), simple(11), simple(12)]);
    const [ten, eleven] = created.items.map((item) => item.localId);
    const marked = await hub.catalog.markProductsDeleted(store.id, [10, 99], { archive: true });
    expect(marked).toEqual([ten]);
    expect((await hub.catalog.getProduct(ten!)).archivedAt).not.toBeNull();
    expect((await hub.bindings.get(store.id, 'products', 10))?.deletedAt).not.toBeNull();
    expect((await hub.bindings.get(store.id, 'variants', '10:0'))?.deletedAt).not.toBeNull();
    expect((await hub.bindings.get(store.id, 'variants', '11:0'))?.deletedAt).toBeNull();

    await hub.catalog.markProductsDeleted(store.id, [11], { archive: false });
    expect((await hub.catalog.getProduct(eleven!)).archivedAt).toBeNull();
    expect((await hub.bindings.get(store.id, 'products', 11))?.deletedAt).not.toBeNull();
    expect(await hub.catalog.markProductsDeleted(store.id, [], { archive: true })).toEqual([]);
  });

  it('lists variants without a barcode of one store only, leaving out variants deleted there', async () => {
    await hub.catalog.upsertProducts(other.id, [simple(20), simple(21, '2000000000022')]);
    const ofOther = await hub.catalog.variantsWithoutBarcode({ storeId: other.id });
    expect(ofOther.map((variant) => variant.sku)).toEqual(['MUG-20']);
    const ofStore = await hub.catalog.variantsWithoutBarcode({ storeId: store.id });
    expect(ofStore.map((variant) => variant.sku)).toEqual(['MUG-12']);
    expect((await hub.catalog.variantsWithoutBarcode()).length).toBeGreaterThanOrEqual(4);
  });

  it('lists the suppliers bound to a store with their store ids', async () => {
    await hub.catalog.upsertSuppliers(store.id, [{ externalId: 1, name: 'Fashion supplier' }]);
    await hub.catalog.upsertSuppliers(other.id, [{ externalId: 1, name: 'Other supplier' }]);
    expect(await hub.catalog.storeSuppliers(store.id)).toEqual([
      { id: expect.any(Number) as number, name: 'Fashion supplier', externalId: '1' },
    ]);
  });

  it('reserves barcode numbers in blocks that never overlap, per prefix', async () => {
    const first = await hub.catalog.reserveBarcodeNumbers('871', 3);
    const second = await hub.catalog.reserveBarcodeNumbers('871', 2);
    const otherPrefix = await hub.catalog.reserveBarcodeNumbers('20', 1);
    expect(first).toBe(1);
    expect(second).toBe(4);
    expect(otherPrefix).toBe(1);
    // A reservation inside a transaction that rolls back is given out again.
    await expect(
      hub.transaction(async (tx) => {
        await tx.catalog.reserveBarcodeNumbers('871', 5);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await hub.catalog.reserveBarcodeNumbers('871', 1)).toBe(6);
  });
});
