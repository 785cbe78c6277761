import { beforeAll, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { bareOrder } from '../support/orders.js';

const line = (name: string, kind: 'product' | 'shipping' = 'product') => ({
  kind,
  name,
  quantity: 1,
  unitPriceTaxExcl: '10',
  unitPriceTaxIncl: '12',
});

describeEachEngine('orders: standings, line counts, totals verdict', (engine) => {
  let hub: Hub;
  let store: Store;
  beforeAll(async () => {
    hub = await engine.openHub();
    store = await hub.stores.create({ name: 'standings', url: 'https://shop.example' });
    await hub.orders.upsertOrders(store.id, [
      bareOrder(41, { lines: [line('Mug'), line('Cap'), line('Shipping', 'shipping')], storeStateId: 2 }),
      bareOrder(42, { storeStateId: 10, initialStatus: 'approved' }),
    ]);
  });

  it('says where store orders stand in the hub, leaving out those never imported', async () => {
    const standings = await hub.orders.standings(store.id, ['41', 42, '43']);
    expect([...standings.keys()].sort()).toEqual(['41', '42']);
    expect(standings.get('41')).toMatchObject({ hubStatus: 'pending_approval', storeStateId: 2 });
    expect(standings.get('42')).toMatchObject({ hubStatus: 'approved', storeStateId: 10 });
    const order = await hub.orders.findByExternalId(store.id, 41);
    expect(standings.get('41')?.orderId).toBe(order?.id);
  });

  it('counts product lines in the list and in the order', async () => {
    const listed = await hub.orders.list({ storeId: store.id });
    expect(listed.map((order) => [order.externalId, order.lineCount])).toEqual([
      ['42', 0],
      ['41', 2],
    ]);
    expect((await hub.orders.findByExternalId(store.id, 41))?.lineCount).toBe(2);
  });

  it("keeps the feed's totals verdict instead of its own recomputation", async () => {
    // Lines of 12 against a products total of 0: the hub's own check would flag it.
    await hub.orders.upsertOrders(store.id, [
      bareOrder(44, { lines: [line('Mug')], totalsMismatch: false }),
      bareOrder(45, { totalsMismatch: true }),
      bareOrder(46, { lines: [line('Mug')] }),
    ]);
    const flags = async (id: number) => (await hub.orders.findByExternalId(store.id, id))?.totalsMismatch;
    expect(await flags(44)).toBe(false);
    expect(await flags(45)).toBe(true);
    expect(await flags(46)).toBe(true);
  });
});
