import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../src/emulator/index.js';
import { basic, call, callJson, errorCodes } from './emulator-test-client.js';

type Rows = Record<string, Array<Record<string, unknown>>>;

describe('the emulator as a multistore', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 'small', storeOptions: { multistore: true } });
  });
  beforeEach(() => emu.store.reset());
  afterAll(async () => {
    await emu.close();
  });

  const stock = async (productId: number, shop: number | null) =>
    (
      (await callJson(
        emu,
        `stock_availables?display=[id,id_product_attribute,id_shop,id_shop_group,quantity]&filter[id_product]=${productId}${shop === null ? '' : `&id_shop=${shop}`}`,
      )) as Rows
    ).stock_availables ?? [];

  it('has three shops in two groups, the second sharing its stock and customers but not its orders', async () => {
    const shops = (await callJson(emu, 'shops?display=[id,id_shop_group,name]')) as Rows;
    expect(shops.shops?.map((shop) => [shop.id, shop.id_shop_group])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
    ]);
    const groups = (await callJson(
      emu,
      'shop_groups?display=[id,share_customer,share_order,share_stock]',
    )) as Rows;
    // The context shop's group writes its booleans as numbers: compare the texts.
    expect(
      groups.shop_groups?.map((group) =>
        [group.id, group.share_customer, group.share_order, group.share_stock].map(String),
      ),
    ).toEqual([
      ['1', '0', '0', '0'],
      ['2', '1', '0', '1'],
    ]);
  });

  it('answers an unknown shop with a redirect to the front page, shop 0 with 132, an empty one with 999', async () => {
    const unknown = await fetch(`${emu.address}/api/products?limit=2&id_shop=7`, {
      headers: basic(emu.keys[0]!),
      redirect: 'manual',
    });
    expect(unknown.status).toBe(302);
    expect(unknown.headers.get('location')).toBe(`${emu.url}/?url=products&limit=2`);
    expect(await unknown.text()).toBe('');
    const zero = await call(emu, 'products?id_shop=0');
    expect([zero.status, errorCodes(zero.text)]).toEqual([403, [132]]);
    const empty = await call(emu, 'products?id_shop=');
    expect([empty.status, errorCodes(empty.text)]).toEqual([404, [999]]);
    const group = await call(emu, 'products?id_shop_group=9');
    expect([group.status, errorCodes(group.text)]).toEqual([500, [999]]);
  });

  it('keeps one stock row per variant for the sharing group: shops 2 and 3 read and write the same rows', async () => {
    // A list is not restricted to the shop asked for (as a real 8.2.1 multistore answers): every
    // shop lists shop 1's rows and the group's alike.
    const listed = await stock(2, 2);
    expect(listed).toEqual(await stock(2, 3));
    expect(listed).toEqual(await stock(2, 1));
    const own = listed.filter((row) => row.id_shop === 1 && row.id_shop_group === 0);
    const shared = listed.filter((row) => row.id_shop === 0 && row.id_shop_group === 2);
    expect(own.length + shared.length).toBe(listed.length);
    expect(own).toHaveLength(shared.length);
    // One row outside the shop's stock is refused, as PrestaShop checks a single read.
    const outside = await call(emu, `stock_availables/${String(own[0]!.id)}?id_shop=2`);
    expect(outside.status).toBe(404);
    expect(outside.text).toContain('131');

    const combinationRow = shared.find((row) => row.id_product_attribute !== 0)!;
    const body = (quantity: number) =>
      `<prestashop><stock_available><id>${String(combinationRow.id)}</id><id_product>2</id_product>` +
      `<id_product_attribute>${String(combinationRow.id_product_attribute)}</id_product_attribute>` +
      '<id_shop>0</id_shop><id_shop_group>2</id_shop_group>' +
      `<quantity>${quantity}</quantity><depends_on_stock>0</depends_on_stock><out_of_stock>2</out_of_stock>` +
      '</stock_available></prestashop>';
    const put = await call(emu, `stock_availables/${String(combinationRow.id)}?id_shop=2`, {
      method: 'PUT',
      body: body(3),
    });
    expect(put.status).toBe(200);
    const fromShop3 = (await stock(2, 3)).filter((row) => row.id_shop_group === 2);
    expect(fromShop3.find((row) => row.id === combinationRow.id)?.quantity).toBe(3);
    const combinationsSum = fromShop3
      .filter((row) => row.id_product_attribute !== 0)
      .reduce((sum, row) => sum + Number(row.quantity), 0);
    expect(fromShop3.find((row) => row.id_product_attribute === 0)?.quantity).toBe(combinationsSum);
    expect((await stock(2, 1)).filter((row) => row.id_shop === 1)).toEqual(own);
  });

  it('lists the orders of the shop asked for (the group does not share orders), and the default shop’s without id_shop', async () => {
    const ofShop = async (query: string) =>
      ((await callJson(emu, `orders?display=[id,id_shop]${query}`)) as Rows).orders ?? [];
    const shop2 = await ofShop('&id_shop=2');
    expect(shop2.length).toBeGreaterThan(0);
    expect(shop2.every((order) => order.id_shop === 2)).toBe(true);
    expect((await ofShop('')).every((order) => order.id_shop === 1)).toBe(true);
    const all = await ofShop('&id_shop=all');
    expect(new Set(all.map((order) => order.id_shop))).toEqual(new Set([1, 2, 3]));
    expect(all).toHaveLength(emu.store.count('orders'));
  });

  it('shares customers within group 2', async () => {
    const customers = (
      (await callJson(emu, 'customers?display=[id,id_shop,id_shop_group]&id_shop=3')) as Rows
    ).customers;
    expect(new Set(customers?.map((customer) => customer.id_shop))).toEqual(new Set([2, 3]));
  });

  it('keeps a product created in one shop out of the others until it is written in them', async () => {
    const created = await call(emu, 'products?id_shop=1', {
      method: 'POST',
      body:
        '<prestashop><product><price>9.90</price><id_category_default>2</id_category_default>' +
        '<name><language id="1">Shop one only</language></name></product></prestashop>',
    });
    expect(created.status).toBe(201);
    const id = Number(/<id><!\[CDATA\[(\d+)\]\]><\/id>/.exec(created.text)?.[1]);
    const listed = async (shop: number) =>
      ((await callJson(emu, `products?display=[id]&filter[id]=${id}&id_shop=${shop}`)) as Rows | [] as Rows)
        .products ?? [];
    expect(await listed(1)).toHaveLength(1);
    expect(await listed(2)).toHaveLength(0);
    const refused = await call(emu, `products/${id}?id_shop=2`);
    expect([refused.status, errorCodes(refused.text)]).toEqual([404, [131]]);
    emu.store.updateProduct(id, { price: '8.90' });
    const record = await call(emu, `products/${id}?id_shop=1`);
    const put = await call(emu, `products/${id}?id_shop=2`, {
      method: 'PUT',
      body: record.text
        .replace(/<manufacturer_name[^>]*>.*?<\/manufacturer_name>/s, '')
        .replace(/<quantity[^>]*>.*?<\/quantity>/s, '')
        .replace(/<position_in_category[^>]*>.*?<\/position_in_category>/s, ''),
    });
    expect(put.status).toBe(200);
    expect(await listed(2)).toHaveLength(1);
  });

  it('takes an order placed in shop 3 from the group’s stock, not from shop 1’s', () => {
    const shared = () =>
      textOf(emu.store.get('stock_availables', emu.store.count('stock_availables') / 2 + 1)?.values.quantity);
    const own = () => textOf(emu.store.get('stock_availables', 1)?.values.quantity);
    const [sharedBefore, ownBefore] = [Number(shared()), Number(own())];
    const { order } = emu.store.placeOrder({
      customerId: 3,
      lines: [{ productId: 1, quantity: 2 }],
      shopId: 3,
    });
    expect([textOf(order.values.id_shop), textOf(order.values.id_shop_group)]).toEqual(['3', '2']);
    expect(Number(shared())).toBe(sharedBefore - 2);
    expect(Number(own())).toBe(ownBefore);
  });
});
