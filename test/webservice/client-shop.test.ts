import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../src/emulator/index.js';
import { PrestaShopClient } from '../../src/webservice/prestashop-client.js';

describe('a client working in one shop of a multistore', () => {
  let emulator: RunningEmulator;
  let client: PrestaShopClient;
  const urls: string[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', storeOptions: { multistore: true } });
    client = new PrestaShopClient({
      url: emulator.url,
      key: emulator.keys[0]!,
      shopId: 2,
      onRequest: (event) => urls.push(event.url),
    });
  });
  afterEach(() => emulator.store.reset());
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  it('names the shop on every request, reads its stock rows and writes them there', async () => {
    urls.length = 0;
    // The list holds every shop's rows (PrestaShop does not restrict it): the filter names the group's.
    const rows = await client.list('stock_availables', {
      display: 'full',
      filter: { id_product: 1, id_shop: 0, id_shop_group: 2 },
    });
    expect(rows.map((row) => [row.id_shop, row.id_shop_group])).toEqual([['0', '2']]);
    const [row] = rows;
    await client.update('stock_availables', row!.id, { quantity: '41' });
    expect(textOf(emulator.store.get('stock_availables', row!.id)?.values.quantity)).toBe('41');
    expect(urls).toHaveLength(4); // the list, the read before the PUT, its schema, the PUT
    expect(urls.every((url) => new URL(url).searchParams.get('id_shop') === '2')).toBe(true);
  });

  it('lists only its own orders, also when its group shares orders with another shop', async () => {
    emulator.store.update('shop_groups', 2, { share_order: '1' });
    const orders = await client.list('orders', { display: ['id', 'id_shop'] });
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((order) => order.id_shop === '2')).toBe(true);
    const shop3 = [...emulator.store.records('orders')].filter(
      (order) => textOf(order.values.id_shop) === '3',
    );
    expect(shop3.length).toBeGreaterThan(0);
    const [first] = await client.list('orders', { display: ['id'], filter: { id: shop3[0]!.id } });
    expect(first).toBeUndefined();
  });

  it('lets one call name another shop', async () => {
    const orders = await client.list('orders', { display: ['id', 'id_shop'], idShop: 3 });
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((order) => order.id_shop === '3')).toBe(true);
  });
});
