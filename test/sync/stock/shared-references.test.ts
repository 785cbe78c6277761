import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../../../src/jobs/index.js';
import { findFeed, findVariantBySku } from '../../../src/sync/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';

/**
 * A catalog like PrestaShop's own demo one, whose combinations carry their product's reference: a
 * SKU names several variants, and what addresses a variant by SKU refuses it, naming them.
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

  it('imports every combination with its product reference as SKU, and refuses that SKU naming each variant', async () => {
    for (const id of product.combinations)
      expect(textOf(emulator.store.get('combinations', id)?.values.reference)).toBe(product.reference);
    const variants = await hub.stock.variantsBySku(product.reference);
    expect(variants.map((variant) => variant.stores)).toEqual(
      product.combinations.map((id) => [{ store: 'demo-like', externalId: `${product.id}:${id}` }]),
    );
    const lookup = await findVariantBySku(hub, product.reference);
    expect(lookup.found).toBe('several');
    if (lookup.found !== 'several') return;
    expect(lookup.message).toMatch(
      new RegExp(
        `^${product.combinations.length} variants have the SKU '${product.reference}': variant \\d+ '`,
      ),
    );
    for (const id of product.combinations)
      expect(lookup.message).toContain(`(demo-like ${product.id}:${id})`);
    expect(lookup.message).toMatch(/A SKU must name one variant: give each its own reference in the store/);
  });

  it('imports shipping without a product when shippingCostProduct names such a SKU, and says why', async () => {
    await hub.stores.update(store.id, { settings: { shippingCostProduct: product.reference } });
    const { order } = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: product.id, combinationId: product.combinations[0]!, quantity: 1 }],
      stateId: 2,
      carrierId: 2,
    });
    await hub.stores.update(store.id, { settings: { importOrdersFromId: order.id } });
    const { report } = await run('import-orders');
    expect(report.notices).toContainEqual(
      expect.objectContaining({
        kind: 'unknown-shipping-product',
        message: expect.stringMatching(
          new RegExp(`^shippingCostProduct: \\d+ variants have the SKU '${product.reference}': variant \\d+`),
        ) as string,
      }),
    );
    const imported = await hub.orders.findByExternalId(store.id, order.id);
    const shipping = (await hub.orders.get(imported!.id)).lines.find((line) => line.kind === 'shipping');
    expect(shipping).toBeDefined();
    expect(shipping?.variantId).toBeNull();
  });
});
