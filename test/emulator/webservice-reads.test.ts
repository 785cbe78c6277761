import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_READ_ONLY_KEY, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { basic, call, callJson, errorCodes, xmlValue } from './emulator-test-client.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    seed: 'small',
    keys: ['PRESTABRIDGEEMULATORFULLKEY00001', `${DEFAULT_READ_ONLY_KEY}:products=GET`],
  });
});

afterAll(async () => {
  await emu.close();
});

const ids = (body: unknown): number[] =>
  Array.isArray(body) ? [] : ((body as { products?: Array<{ id: number }> }).products ?? []).map((p) => p.id);

describe('reading lists', () => {
  it('lists ids, pages with limit and offset, and answers an empty page', async () => {
    expect(ids(await callJson(emu, 'products?limit=3'))).toEqual([1, 2, 3]);
    expect(ids(await callJson(emu, 'products?limit=3,2'))).toEqual([4, 5]);
    expect(await callJson(emu, 'products?limit=100,5')).toEqual([]);
    const xml = await call(emu, 'products?limit=100,5');
    expect(xml.text).toContain('<products>\n</products>');
  });

  it('filters by exact value, list, range, comparison, negation and pattern', async () => {
    expect(ids(await callJson(emu, 'products?filter[id]=[2|5|7]'))).toEqual([2, 5, 7]);
    expect(ids(await callJson(emu, 'products?filter[id]=[3,5]'))).toEqual([3, 4, 5]);
    expect(ids(await callJson(emu, 'products?filter[id]=>[10]'))).toEqual([11, 12]);
    expect(ids(await callJson(emu, 'products?filter[id]=<[3]'))).toEqual([1, 2]);
    expect(ids(await callJson(emu, 'products?filter[id]=![1|2]&limit=2'))).toEqual([3, 4]);
    expect(ids(await callJson(emu, 'products?filter[reference]=PB-000004'))).toEqual([4]);
    expect(ids(await callJson(emu, 'products?filter[reference]=[PB-00001]%'))).toEqual([10, 11, 12]);
    const named = (await callJson(emu, 'products/6')) as { product: { name: Array<{ value: string }> } };
    const word = named.product.name[0]?.value.split(' ')[0] ?? '';
    expect(ids(await callJson(emu, `products?filter[name]=[${encodeURIComponent(word)}]%`))).toContain(6);
  });

  it('needs date=1 to filter or sort on dates, and then filters them', async () => {
    const refused = await call(emu, 'orders?filter[date_upd]=>[2025-01-01 00:00:00]');
    expect(refused.status).toBe(500);
    expect(errorCodes(refused.text)).toEqual([32, 3, 3, 3, 3]);
    expect(errorCodes((await call(emu, 'orders?sort=[date_upd_ASC]')).text)[0]).toBe(38);
    const since = '2026-06-01 00:00:00';
    const answer = (await callJson(
      emu,
      `orders?filter[date_upd]=>[${since}]&date=1&display=[id,date_upd]&sort=[date_upd_ASC]`,
    )) as {
      orders: Array<{ date_upd: string }>;
    };
    const dates = answer.orders.map((order) => order.date_upd);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((date) => date > since)).toBe(true);
    expect([...dates].sort()).toEqual(dates);
  });

  it('sorts on one or several fields', async () => {
    expect(ids(await callJson(emu, 'products?sort=[id_DESC]&limit=3'))).toEqual([12, 11, 10]);
    expect(ids(await callJson(emu, 'products?sort=id_DESC&limit=1'))).toEqual([12]);
    const byPrice = (await callJson(emu, 'products?display=[id,price]&sort=[price_ASC,id_DESC]')) as {
      products: Array<{ price: string }>;
    };
    const prices = byPrice.products.map((p) => Number(p.price));
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
  });

  it('shows fields in the definition order whatever order display asks for', async () => {
    const xml = (await call(emu, 'products?display=[price,id,reference]&limit=1')).text;
    expect(xml).toMatch(/<product>\n\t<id>.*\n\t<reference>.*\n\t<price>/);
  });

  it('refuses unknown display, filter, sort and limit forms with the store codes', async () => {
    expect(errorCodes((await call(emu, 'products?display=[id,nofield]')).text)[0]).toBe(35);
    expect(errorCodes((await call(emu, 'products?display=id')).text)[0]).toBe(36);
    expect(errorCodes((await call(emu, 'products?filter[nofield]=[1]')).text)[0]).toBe(32);
    expect(errorCodes((await call(emu, 'products?filter[quantity]=[1]')).text)[0]).toBe(34);
    expect(errorCodes((await call(emu, 'products?sort=[id_DOWN]')).text)[0]).toBe(37);
    expect(errorCodes((await call(emu, 'products?limit=1,2,3')).text)[0]).toBe(39);
    expect(errorCodes((await call(emu, 'products?schema=full')).text)[0]).toBe(28);
    const crash = await call(emu, 'products?limit=-1');
    expect([crash.status, crash.text, crash.headers.get('psws-version')]).toEqual([500, '', null]);
  });
});

describe('reading one record', () => {
  it('answers a missing id with 404 and no body, HEAD with headers only', async () => {
    const missing = await call(emu, 'products/99999');
    expect([missing.status, missing.text, missing.headers.get('content-type')]).toEqual([404, '', null]);
    const head = await call(emu, 'products/1', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('content-sha1')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('drops falsy fields from single JSON records but keeps them in lists, and switches shape with display', async () => {
    const single = (await callJson(emu, 'products/1')) as { product: Record<string, unknown> };
    expect(single.product).not.toHaveProperty('quantity');
    expect(single.product).not.toHaveProperty('new');
    const listed = (await callJson(emu, 'products?filter[id]=[1]&display=full')) as {
      products: Array<Record<string, unknown>>;
    };
    expect(listed.products[0]).toHaveProperty('quantity', 0);
    expect(listed.products[0]).toHaveProperty('new', null);
    const displayed = (await callJson(emu, 'products/1?display=full')) as { products: unknown[] };
    expect(displayed.products).toHaveLength(1);
  });

  it('writes an id_* or boolean field holding NULL as "" in JSON, other NULLs as null', async () => {
    const listed = (await callJson(emu, 'configurations?filter[name]=PS_LANG_DEFAULT&display=full')) as {
      configurations: Array<Record<string, unknown>>;
    };
    expect(listed.configurations[0]).toMatchObject({ id_shop_group: '', id_shop: '', value: '1' });
    const products = (await callJson(emu, 'products?filter[id]=[1]&display=[id,new]')) as {
      products: Array<Record<string, unknown>>;
    };
    expect(products.products[0]).toHaveProperty('new', null);
    const combinations = (await callJson(emu, 'combinations?display=[id,default_on]&limit=2')) as {
      combinations: Array<Record<string, unknown>>;
    };
    expect(combinations.combinations.map((combination) => combination.default_on)).toEqual(['1', '']);
  });

  it('writes the booleans of the visitors group and the context shop group as numbers, others as strings', async () => {
    const groups = (await callJson(emu, 'groups?display=[id,show_prices]')) as {
      groups: Array<{ id: number; show_prices: unknown }>;
    };
    expect(groups.groups.map((group) => group.show_prices)).toEqual([1, '1', '1']);
    const shopGroup = (await callJson(emu, 'shop_groups/1')) as { shop_group: Record<string, unknown> };
    expect(shopGroup.shop_group).toMatchObject({ id: 1, active: 1 });
  });

  it('writes language values as arrays, or as strings when one language is asked', async () => {
    const both = (await callJson(emu, 'products/1')) as {
      product: { name: Array<{ id: number; value: string }> };
    };
    expect(both.product.name.map((entry) => entry.id)).toEqual([1, 2]);
    const french = (await callJson(emu, 'products/1?language=2')) as { product: { name: string } };
    expect(french.product.name).toBe(both.product.name[1]?.value);
    const xml = (await call(emu, 'products/1?language=[1]')).text;
    expect(xml).toContain('<name><language id="1" xlink:href=');
    expect(xml).not.toContain('<language id="2"');
    const listed = (await call(emu, 'products/1?language=[1|2]&output_format=JSON')).text;
    expect(listed).toContain('"name":[{"id":"1","value":');
    expect(errorCodes((await call(emu, 'products/1?language=abc')).text)).toEqual([79]);
    expect(errorCodes((await call(emu, 'products/1?language=9')).text)).toEqual([81]);
  });

  it('answers 304 when Local-Content-Sha1 matches the content', async () => {
    const first = await call(emu, 'products/2');
    const sha1 = first.headers.get('content-sha1') ?? '';
    const again = await call(emu, 'products/2', { headers: { 'Local-Content-Sha1': sha1 } });
    expect([again.status, again.text]).toEqual([304, '']);
  });

  it('adds virtual price fields on request', async () => {
    const answer = (await callJson(
      emu,
      'products/1?display=[id,price,final_price]&price[final_price][use_tax]=1',
    )) as {
      products: Array<{ price: string; final_price: string }>;
    };
    const product = answer.products[0];
    expect(product?.final_price).toMatch(/^\d+\.\d{6}$/);
    expect(Number(product?.final_price)).toBeGreaterThan(Number(product?.price));
  });
});

describe('associations', () => {
  it('links entries only of associations named after a resource', async () => {
    const recorded = await startEmulator({ port: 0, seed: 'recorded' });
    try {
      const pack = (await call(recorded, 'products/15')).text;
      expect(pack).toContain(
        '<product_bundle nodeType="product" api="products">\n\t<product>\n\t<id><![CDATA[5]]></id>',
      );
      expect(pack).toMatch(
        /<categories nodeType="category" api="categories">\n\t<category xlink:href="[^"]+\/api\/categories\/\d+">/,
      );
      const cart = (await call(recorded, 'carts/1')).text;
      expect(cart).toContain('<cart_rows nodeType="cart_row" virtualEntity="true">\n\t<cart_row>\n');
    } finally {
      await recorded.close();
    }
  });
});

describe('keys and permissions', () => {
  it('answers no key with a plain-text 401 and a Basic challenge', async () => {
    const answer = await call(emu, 'products', { key: null });
    expect([answer.status, answer.text, answer.headers.get('content-type')]).toEqual([
      401,
      '401 Unauthorized',
      'text/html; charset=utf-8',
    ]);
    expect(answer.headers.get('www-authenticate')).toContain('Basic realm=');
  });

  it('answers a wrong key with codes 20 and 21 and PSWS-Version 0, a short one with 18', async () => {
    const wrong = await call(emu, 'products', { key: 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY' });
    expect([wrong.status, errorCodes(wrong.text), wrong.headers.get('psws-version')]).toEqual([
      401,
      [20, 21],
      '0',
    ]);
    expect(errorCodes((await call(emu, 'products', { key: 'SHORT' })).text)).toEqual([18]);
  });

  it('accepts ws_key, and Basic wins over it', async () => {
    const viaQuery = await call(emu, `products?ws_key=${emu.keys[0] ?? ''}&limit=1`, { key: null });
    expect(viaQuery.status).toBe(200);
    const both = await call(emu, 'products?ws_key=WRONGKEYWRONGKEYWRONGKEYWRONGKEY&limit=1');
    expect(both.status).toBe(200);
  });

  it('refuses a resource the key may not use (401, 26) and a verb it may not use (405, 25)', async () => {
    const readOnly = { key: DEFAULT_READ_ONLY_KEY };
    expect((await call(emu, 'products?limit=1', readOnly)).status).toBe(200);
    const customers = await call(emu, 'customers', readOnly);
    expect([customers.status, errorCodes(customers.text)]).toEqual([401, [26]]);
    const put = await call(emu, 'products/1', { ...readOnly, method: 'PUT', body: '<prestashop/>' });
    expect([put.status, errorCodes(put.text)]).toEqual([405, [25]]);
    const root = (await call(emu, '', readOnly)).text;
    expect(root).toContain('<products xlink:href=');
    expect(root).not.toContain('<customers ');
  });

  it('refuses a verb the resource forbids (405, 101) and an unknown resource (400, 27)', async () => {
    const post = await call(emu, 'stock_availables', { method: 'POST', body: '<prestashop/>' });
    expect([post.status, errorCodes(post.text)]).toEqual([405, [101]]);
    const unknown = await call(emu, 'productz');
    expect(unknown.status).toBe(400);
    expect(xmlValue(unknown.text, 'message')).toContain('Did you mean: "products"');
  });

  it('lists every resource of a stock store at /api/, unmodeled ones answering as empty', async () => {
    const root = (await call(emu, '')).text;
    expect(root).toContain('<api shopName="PrestaBridge Demo Shop">');
    expect(root).toContain('<cart_rules xlink:href=');
    expect(await callJson(emu, 'cart_rules')).toEqual([]);
    expect((await call(emu, 'cart_rules/1')).status).toBe(404);
    const write = await call(emu, 'cart_rules', {
      method: 'POST',
      body: '<prestashop><cart_rule/></prestashop>',
    });
    expect([write.status, errorCodes(write.text)]).toEqual([501, [124]]);
  });

  it('answers 503 (code 22) while the webservice is switched off', async () => {
    emu.store.setConfig('PS_WEBSERVICE', '0');
    const off = await call(emu, 'products');
    emu.store.setConfig('PS_WEBSERVICE', '1');
    expect([off.status, errorCodes(off.text)]).toEqual([503, [22]]);
    expect((await call(emu, 'products?limit=1')).status).toBe(200);
  });

  it('honours the output-format headers before the query parameter', async () => {
    const answer = await call(emu, 'products?limit=1&output_format=XML', {
      headers: { 'Output-Format': 'JSON' },
    });
    expect(answer.headers.get('content-type')).toBe('application/json');
    const wrongCase = await call(emu, 'products?limit=1&output_format=json');
    expect(wrongCase.headers.get('content-type')).toBe('text/xml;charset=utf-8');
  });
});

describe('the other versions', () => {
  it('writes empty values without CDATA, sends PSWS-Version always and refuses PATCH on 1.7.8', async () => {
    const old = await startEmulator({ port: 0, seed: 'small', version: '1.7.8' });
    try {
      const record = await call(old, 'products/1');
      expect(record.text).toContain('<location></location>');
      const wrong = await call(old, 'products', { key: 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY' });
      expect(wrong.headers.get('psws-version')).toBe('1.7.8.11');
      const patch = await call(old, 'products/1', { method: 'PATCH', body: '<prestashop/>' });
      expect([patch.status, errorCodes(patch.text)]).toEqual([405, [23]]);
      const single = (await callJson(old, 'products/1')) as { product: Record<string, unknown> };
      expect(single.product).toHaveProperty('quantity');
    } finally {
      await old.close();
    }
  });

  it('sends the version it emulates', async () => {
    const answer = await fetch(`${emu.address}/api/products?limit=1`, { headers: basic(emu.keys[0] ?? '') });
    expect(answer.headers.get('psws-version')).toBe('8.1.2');
  });
});
