import { beforeAll, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

describeEachEngine('request log by method and resource', (engine) => {
  const clock = manualClock('2026-05-01T00:00:00.000Z');
  let hub: Hub;
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    store = await hub.stores.create({ name: 'logged', url: 'https://logged.test/shop' });
    other = await hub.stores.create({ name: 'other', url: 'https://other.test' });
    const entry = (storeId: number, method: string, path: string, status: number | null = 200) => ({
      storeId,
      method,
      url: `https://logged.test/shop/api/${path}`,
      status,
      durationMs: 5,
    });
    await hub.requestLog.record([
      entry(store.id, 'GET', 'products?display=full&limit=0,50'),
      entry(store.id, 'GET', 'products/3'),
      entry(store.id, 'GET', 'products'),
      entry(store.id, 'GET', 'product_options?display=full'),
      entry(store.id, 'GET', 'product_option_values/2'),
      entry(store.id, 'GET', 'images/products/3'),
      entry(store.id, 'PUT', 'stock_availables/4', 500),
      entry(store.id, 'put', 'stock_availables/5?ws_key=ZR92FNY5UFRERNI3O9Z5QDHWKTP3YIIT'),
      entry(store.id, 'GET', 'stock_availables?filter[id_product]=[3]'),
      entry(store.id, 'PUT', 'stockXavailables/6'),
      entry(store.id, 'POST', 'order_histories', null),
      entry(other.id, 'PUT', 'stock_availables/9'),
    ]);
  });

  const urls = async (query: Parameters<Hub['requestLog']['list']>[0]) =>
    (await hub.requestLog.list(query)).map(
      (entry) => `${entry.method} ${entry.url.replace(/^.*\/api\//, '')}`,
    );

  it('keeps the requests of one method, however it is written', async () => {
    expect(await urls({ storeId: store.id, method: 'PUT' })).toEqual([
      'PUT stockXavailables/6',
      'PUT stock_availables/5?ws_key=***',
      'PUT stock_availables/4',
    ]);
    expect(await urls({ storeId: store.id, method: 'post' })).toEqual(['POST order_histories']);
    expect(await urls({ storeId: store.id, method: 'DELETE' })).toEqual([]);
  });

  it('keeps the requests to one resource: its list, a record, a query, and no resource whose name only starts alike', async () => {
    expect(await urls({ storeId: store.id, resource: 'products' })).toEqual([
      'GET products',
      'GET products/3',
      'GET products?display=full&limit=0,50',
    ]);
    expect(await urls({ storeId: store.id, resource: 'product_options' })).toEqual([
      'GET product_options?display=full',
    ]);
    // `_` is a character, not a wildcard.
    expect(await urls({ storeId: store.id, resource: 'stock_availables' })).toEqual([
      'GET stock_availables?filter[id_product]=[3]',
      'PUT stock_availables/5?ws_key=***',
      'PUT stock_availables/4',
    ]);
    expect(await urls({ storeId: store.id, resource: 'images' })).toEqual(['GET images/products/3']);
    expect(await urls({ storeId: store.id, resource: 'orders' })).toEqual([]);
  });

  it('combines method and resource with the store, status and paging', async () => {
    expect(await urls({ method: 'PUT', resource: 'stock_availables' })).toEqual([
      'PUT stock_availables/9',
      'PUT stock_availables/5?ws_key=***',
      'PUT stock_availables/4',
    ]);
    expect(
      await urls({ storeId: store.id, method: 'PUT', resource: 'stock_availables', status: 'failed' }),
    ).toEqual(['PUT stock_availables/4']);
    const [newest] = await hub.requestLog.list({
      storeId: store.id,
      method: 'PUT',
      resource: 'stock_availables',
      limit: 1,
    });
    expect(
      await urls({ storeId: store.id, method: 'PUT', resource: 'stock_availables', beforeId: newest!.id }),
    ).toEqual(['PUT stock_availables/4']);
  });
});
