import { beforeAll, expect, it } from 'vitest';

import { type Hub, InvalidRecordError, type Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { bareOrder } from '../support/orders.js';

describeEachEngine('a feed page in one transaction', (engine) => {
  let hub: Hub;
  let store: Store;
  beforeAll(async () => {
    hub = await engine.openHub();
    store = await hub.stores.create({ name: 'pages', url: 'https://pages.test' });
  });

  it('rolls back the whole page — records, bindings, run counts, outbox and watermark — when one record fails', async () => {
    const run = await hub.runs.start({ storeId: store.id, feed: 'import-orders', trigger: 'manual' });
    const page = hub.transaction(async (tx) => {
      await tx.customers.upsertCustomers(store.id, [
        { externalId: 7, email: 'a@b.c', firstName: 'A', lastName: 'B' },
      ]);
      const result = await tx.orders.upsertOrders(store.id, [
        bareOrder(1),
        bareOrder(2, { paymentMethod: 'NOPE' }),
      ]);
      await tx.runs.addCounts(run.id, result.counts);
      await tx.outbox.enqueue({ storeId: store.id, kind: 'order_state', target: 'order:1', payload: {} });
      await tx.watermarks.set(store.id, 'import-orders', { lastId: 2 });
    });
    await expect(page).rejects.toThrow(InvalidRecordError);
    await expect(page).rejects.toThrow("no payment method with code 'NOPE'");
    expect(await hub.customers.list()).toEqual([]);
    expect(await hub.orders.list({ storeId: store.id })).toEqual([]);
    expect(await hub.bindings.resolve(store.id, 'orders', [1, 2])).toEqual(new Map());
    expect((await hub.runs.get(run.id)).counts.created).toBe(0);
    expect(await hub.outbox.list({ storeId: store.id })).toEqual([]);
    expect(await hub.watermarks.get(store.id, 'import-orders')).toBeUndefined();
  });

  it('rolls back on an error the database raises (a foreign key)', async () => {
    const attempt = hub.transaction(async (tx) => {
      const products = await tx.catalog.upsertProducts(store.id, [
        { externalId: 1, kind: 'simple', name: 'Mug', price: '8', variants: [{ externalId: '1:0' }] },
      ]);
      await tx.catalog.setProductCategories([
        { productId: products.items[0]!.localId, categoryIds: [987654] },
      ]);
    });
    await expect(attempt).rejects.toThrow();
    expect(await hub.catalog.listVariants()).toEqual([]);
  });

  it('refuses, rather than hangs, a query on the hub instead of tx inside a transaction', async () => {
    const misuse = hub.transaction(async (tx) => {
      await tx.watermarks.set(store.id, 'misuse', { lastId: 1 });
      await hub.watermarks.get(store.id, 'misuse');
    });
    await expect(misuse).rejects.toThrow(
      'Inside hub.transaction(fn), use the repositories of its argument (tx.orders, tx.outbox, …), not those of hub',
    );
    expect(await hub.watermarks.get(store.id, 'misuse')).toBeUndefined();
  });
});
