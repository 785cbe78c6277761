import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../../../src/jobs/index.js';
import { findFeed, findVariantBySku } from '../../../src/sync/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';

/**
 * A catalog like PrestaShop's own demo one, whose combinations carry their product's reference: the
 * hub gives each variant a SKU of its own (derived, marked so), and names variants by id too.
 */
describeEachEngine('a store whose combinations share their product reference', (engine) => {
  let emulator: RunningEmulator;
  let hub: Hub;
  let store: Store;
  /** A product with combinations, its reference and its combination ids. */
  let product: { id: number; reference: string; combinations: number[] };

  const run = async (feed: string): Promise<RunOutcome> => {
    const outcome = await new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } }).run({
      feed: findFeed(feed),
      store: await hub.stores.get(store.id),
      trigger: 'manual',
    });
    expect(outcome.report.status, outcome.report.error ?? '').toBe('succeeded');
    return outcome;
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      storeOptions: { shape: { sharedReferences: 1 } },
    });
    hub = await engine.openHub();
    store = await addEmulatorStore(hub, emulator, 'demo-like');
    const found = [...emulator.store.records('products')].find(
      (record) => (record.associations.combinations?.length ?? 0) >= 2,
    )!;
    product = {
      id: found.id,
      reference: textOf(found.values.reference),
      combinations: (found.associations.combinations ?? []).map((entry) => Number(entry.id)),
    };
    await run('import-suppliers');
    await run('import-products');
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('imports combinations that share their product reference with distinct SKUs, derived from their attribute values', async () => {
    for (const id of product.combinations)
      expect(textOf(emulator.store.get('combinations', id)?.values.reference)).toBe(product.reference);
    // The shared reference names no variant: each has a SKU of its own, marked as derived.
    expect(await hub.stock.variantsBySku(product.reference)).toEqual([]);
    const variantIds = await hub.catalog.variantIdsByExternal(
      store.id,
      product.combinations.map((id) => `${product.id}:${id}`),
    );
    const variants = await hub.catalog.variants([...variantIds.values()]);
    const skus = [...variants.values()].map((variant) => variant.sku);
    expect(new Set(skus).size).toBe(product.combinations.length);
    for (const variant of variants.values()) {
      expect(variant.skuDerived).toBe(true);
      expect(variant.sku).toMatch(new RegExp(`^${product.reference}-\\S+$`));
      // Each SKU names its one variant.
      const lookup = await findVariantBySku(hub, variant.sku!);
      expect(lookup.found === 'one' ? lookup.variant.variantId : undefined).toBe(variant.id);
    }
    // Imported again, the SKUs stay.
    emulator.store.update('products', product.id, {});
    await run('update-products');
    const again = await hub.catalog.variants([...variantIds.values()]);
    expect([...again.values()].map((variant) => variant.sku)).toEqual(skus);
  });

  it('order lines show their variant’s SKU; shippingCostProduct may name a variant by id', async () => {
    const first = (
      await hub.catalog.variantIdsByExternal(store.id, [`${product.id}:${product.combinations[0]!}`])
    )
      .values()
      .next().value!;
    const shipping = (
      await hub.catalog.variantIdsByExternal(store.id, [`${product.id}:${product.combinations[1]!}`])
    )
      .values()
      .next().value!;
    await hub.stores.update(store.id, { settings: { shippingCostProduct: `id:${shipping}` } });
    const { order } = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: product.id, combinationId: product.combinations[0]!, quantity: 1 }],
      stateId: 2,
      carrierId: 2,
    });
    await hub.stores.update(store.id, { settings: { importOrdersFromId: order.id } });
    await run('import-orders');
    const imported = await hub.orders.findByExternalId(store.id, order.id);
    const lines = (await hub.orders.get(imported!.id)).lines;
    const variants = await hub.catalog.variants([first, shipping]);
    expect(lines.find((line) => line.kind === 'product')).toMatchObject({
      variantId: first,
      sku: variants.get(first)?.sku,
    });
    expect(lines.find((line) => line.kind === 'shipping')).toMatchObject({
      variantId: shipping,
      sku: variants.get(shipping)?.sku,
    });
  });
});
