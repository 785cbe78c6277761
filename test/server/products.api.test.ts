import { afterAll, beforeAll, expect, it } from 'vitest';

import type { Hub } from '../../src/hub/index.js';
import type { ApiProduct, ApiProductRow } from '../../src/server/index.js';
import { describeEachEngine } from '../support/databases.js';
import { type ServerUnderTest, startTestServer } from './server-harness.js';

describeEachEngine('API: the hub’s own products', (engine) => {
  let api: ServerUnderTest;
  let hub: Hub;
  beforeAll(async () => {
    api = await startTestServer(engine);
    hub = api.hub;
    await hub.masterData.upsert('families', [{ code: 'MUGS', name: 'Mugs' }]);
    await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main', kind: 'warehouse' }]);
  });
  afterAll(async () => {
    await api.server.close();
  });

  it('creates a product with variants (SKUs derived when not given), edits it, and adjusts a variant by id', async () => {
    const created = await api.call('POST', '/products', {
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
        { attributes: [{ name: { en: 'Color' }, value: { en: 'Blue' } }], priceImpact: '0.50' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const mug = created.json<ApiProduct>();
    expect(mug).toMatchObject({ kind: 'combinations', price: '9.900000', family: 'MUGS' });
    expect(mug.variants.map(({ sku, skuDerived }) => ({ sku, skuDerived }))).toEqual([
      { sku: 'MUG-RED', skuDerived: false },
      { sku: 'MUG-Blue', skuDerived: true },
    ]);
    const rows = (await api.call('GET', '/products?search=MUG')).json<{ items: ApiProductRow[] }>().items;
    expect(rows.map((row) => [row.sku, row.skuDerived])).toEqual([
      ['MUG-RED', false],
      ['MUG-Blue', true],
    ]);

    const changed = await api.call('PATCH', `/products/${mug.id}`, {
      price: '10.50',
      variants: [{ id: mug.variants[0]!.id }, { id: mug.variants[1]!.id, barcode: '2000000001005' }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<ApiProduct>()).toMatchObject({
      price: '10.500000',
      variants: [{ barcode: '2000000000992' }, { barcode: '2000000001005', sku: 'MUG-Blue' }],
    });

    const adjusted = await api.call('POST', '/stock/adjustments', {
      variantId: mug.variants[1]!.id,
      location: 'MAIN',
      change: 3,
      reason: 'delivery',
    });
    expect(adjusted.statusCode).toBe(201);
    const stock = await api.call('GET', `/stock?variantId=${mug.variants[1]!.id}`);
    expect(stock.json<{ items: { variantId: number; sku: string }[] }>().items).toMatchObject([
      { variantId: mug.variants[1]!.id, sku: 'MUG-Blue' },
    ]);
  });

  it('refuses what the hub refuses, saying why', async () => {
    const unknown = await api.call('POST', '/products', { name: 'Cup', price: '2', family: 'NOPE' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(
      /no family with code 'NOPE'/,
    );
    const notDecimal = await api.call('POST', '/products', { name: 'Cup', price: 'cheap' });
    expect(notDecimal.statusCode).toBe(400);
    expect((await api.call('PATCH', '/products/999999', { price: '1' })).statusCode).toBe(404);
    expect((await api.call('PATCH', '/products/1', {})).statusCode).toBe(400);
  });
});
