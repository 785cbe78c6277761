import { afterAll, beforeAll, expect, it } from 'vitest';

import type { Hub } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { type ServerUnderTest, startTestServer } from './server-harness.js';

interface Usage {
  readonly code: string;
  readonly settings: readonly { store: string; key: string }[];
  readonly records: readonly { records: string; count: number }[];
}

describeEachEngine('API: where master data is used', (engine) => {
  let api: ServerUnderTest;
  let hub: Hub;
  let viewerToken: string;
  let mug: Awaited<ReturnType<Hub['catalog']['createProduct']>>;
  beforeAll(async () => {
    api = await startTestServer(engine, { feeds: [] });
    hub = api.hub;
    await hub.masterData.upsert('taxRates', [
      { code: 'VAT21', name: 'VAT 21 %', rate: '21' },
      { code: 'VAT9', name: 'VAT 9 %', rate: '9' },
      { code: 'VAT0', name: 'Exempt', rate: '0' },
    ]);
    await hub.masterData.upsert('paymentMethods', [{ code: 'CARD', name: 'Card' }]);
    await hub.masterData.upsert('accounts', [{ code: '512100', name: 'Card bank', kind: 'bank' }]);
    await hub.stores.create({
      name: 'shop-nl',
      url: 'https://nl.shop.test',
      settings: { defaults: { tax: 'VAT21' }, journal: { paymentAccounts: { CARD: '512100' } } },
    });
    await hub.stores.create({
      name: 'shop-be',
      url: 'https://be.shop.test',
      settings: { defaults: { tax: 'VAT9' } },
    });
    mug = await hub.catalog.createProduct({
      name: 'Mug',
      reference: 'MUG',
      price: '9.90',
      taxRate: 'VAT21',
      variants: [{ sku: 'MUG-RED' }, { sku: 'MUG-BLUE' }, { sku: 'MUG-GREEN' }],
    });
    await hub.catalog.createProduct({ name: 'Plate', reference: 'PLATE', price: '12.00', taxRate: 'VAT21' });
    await hub.catalog.createProduct({ name: 'Book', reference: 'BOOK', price: '20.00', taxRate: 'VAT9' });
    // Invoice lines keep the percentage they were taxed at: two at 21 %, one at 9 %.
    await hub.accounting.createInvoice({
      currency: 'EUR',
      lines: [
        { description: 'Mug', quantity: 2, unitPriceTaxExcl: '9.90', taxRate: '21' },
        { description: 'Plate', quantity: 1, unitPriceTaxExcl: '12.00', taxRate: '21.000' },
        { description: 'Book', quantity: 1, unitPriceTaxExcl: '20.00', taxRate: '9' },
      ],
    });
    const vic = await hub.users.create({ name: 'vic', role: 'viewer', password: 'vic-viewer-password' });
    viewerToken = (await hub.users.createToken(vic.id, 'usage')).secret;
  });
  afterAll(async () => {
    await api.server.close();
  });

  it('names the store settings and counts the products, variants and invoice lines using a tax rate, for a viewer', async () => {
    const answer = await api.call('GET', '/master-data/tax-rates/VAT21/usage', undefined, viewerToken);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json<Usage>()).toEqual({
      code: 'VAT21',
      settings: [{ store: 'shop-nl', key: 'defaults.tax' }],
      records: [
        { records: 'products', count: 2 },
        { records: 'variants', count: 4 },
        { records: 'invoiceLines', count: 2 },
      ],
    });
  });

  it('lists the usage of every record of a kind, unused and archived ones included', async () => {
    await hub.masterData.archive('taxRates', 'VAT0');
    const answer = await api.call('GET', '/master-data/tax-rates/usage');
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json<{ items: Usage[] }>().items).toEqual([
      {
        code: 'VAT0',
        settings: [],
        records: [
          { records: 'products', count: 0 },
          { records: 'variants', count: 0 },
          { records: 'invoiceLines', count: 0 },
        ],
      },
      {
        code: 'VAT21',
        settings: [{ store: 'shop-nl', key: 'defaults.tax' }],
        records: [
          { records: 'products', count: 2 },
          { records: 'variants', count: 4 },
          { records: 'invoiceLines', count: 2 },
        ],
      },
      {
        code: 'VAT9',
        settings: [{ store: 'shop-be', key: 'defaults.tax' }],
        records: [
          { records: 'products', count: 1 },
          { records: 'variants', count: 1 },
          { records: 'invoiceLines', count: 1 },
        ],
      },
    ]);
  });

  it("counts the journal's account maps as uses of both the payment method and the account", async () => {
    const card = (await api.call('GET', '/master-data/payment-methods/CARD/usage')).json<Usage>();
    expect(card).toEqual({
      code: 'CARD',
      settings: [{ store: 'shop-nl', key: 'journal.paymentAccounts.CARD' }],
      records: [
        { records: 'orders', count: 0 },
        { records: 'invoices', count: 0 },
      ],
    });
    const account = (await api.call('GET', '/master-data/accounts/512100/usage')).json<Usage>();
    expect(account.settings).toEqual([{ store: 'shop-nl', key: 'journal.paymentAccounts.CARD' }]);
    expect(account.records).toEqual([{ records: 'journalLines', count: 0 }]);
  });

  it('counts the stock levels and movements in a location', async () => {
    await hub.masterData.upsert('locations', [{ code: 'DEPOT', name: 'Depot', kind: 'warehouse' }]);
    const [red, blue] = mug.variants;
    if (red === undefined || blue === undefined) throw new Error('the mug has its variants');
    await hub.stock.setOnHand(
      [
        { variantId: red.id, location: 'DEPOT', onHand: 5 },
        { variantId: blue.id, location: 'DEPOT', onHand: 3 },
      ],
      'adjustment',
    );
    await hub.stock.setOnHand([{ variantId: red.id, location: 'DEPOT', onHand: 4 }], 'adjustment');
    const depot = (await api.call('GET', '/master-data/locations/DEPOT/usage')).json<Usage>();
    expect(depot).toEqual({
      code: 'DEPOT',
      settings: [],
      records: [
        { records: 'stockLevels', count: 2 },
        { records: 'stockMovements', count: 3 },
        { records: 'orders', count: 0 },
      ],
    });
  });

  it('answers 404 naming the command for a code the kind lacks, and 400 for an unknown kind', async () => {
    const missing = await api.call('GET', '/master-data/tax-rates/VAT99/usage');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { message: string } }>().error.message).toContain(
      'prestabridge tax-rates add VAT99',
    );
    expect((await api.call('GET', '/master-data/colours/usage')).statusCode).toBe(400);
  });
});
