import { afterAll, beforeAll, expect, it } from 'vitest';

import type { Hub } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { type ServerUnderTest, startTestServer } from './server-harness.js';

interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly field?: string;
    readonly fields?: readonly { key: string; message: string }[];
  };
}

describeEachEngine('API: master data', (engine) => {
  let api: ServerUnderTest;
  let hub: Hub;
  beforeAll(async () => {
    api = await startTestServer(engine, { feeds: [] });
    hub = api.hub;
    await hub.stores.create({ name: 'shop', url: 'https://shop.test' });
  });
  afterAll(async () => {
    await api.server.close();
  });

  it('creates, lists, renames and archives tax rates, refusing what is wrong with 4xx and saving nothing', async () => {
    const created = await api.call('POST', '/master-data/tax-rates', {
      code: 'VAT21',
      name: 'VAT 21 %',
      rate: '21',
      country: 'NL',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({
      code: 'VAT21',
      name: 'VAT 21 %',
      rate: '21.000000',
      country: 'NL',
      archivedAt: null,
    });
    expect(
      (await api.call('POST', '/master-data/tax-rates', { code: 'VAT21', name: 'x', rate: '9' })).statusCode,
    ).toBe(409);
    const noRate = await api.call('POST', '/master-data/tax-rates', { code: 'VAT9', name: 'VAT 9 %' });
    expect(noRate.statusCode).toBe(422);
    expect(noRate.json<ErrorBody>().error).toMatchObject({ code: 'invalid-record', field: 'rate' });
    const wrongField = await api.call('POST', '/master-data/units', {
      code: 'PCS',
      name: 'Pieces',
      rate: '1',
    });
    expect(wrongField.json<ErrorBody>().error).toMatchObject({
      field: 'rate',
      message: 'A unit of measure has no rate.',
    });
    const badKind = await api.call('GET', '/master-data/colours');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json<ErrorBody>().error.field).toBe('params.kind');

    const renamed = await api.call('PATCH', '/master-data/tax-rates/VAT21', { name: 'BTW hoog' });
    expect(renamed.json()).toMatchObject({ code: 'VAT21', name: 'BTW hoog', rate: '21.000000' });
    expect((await api.call('PATCH', '/master-data/tax-rates/NONE', { name: 'x' })).statusCode).toBe(404);

    const archived = await api.call('POST', '/master-data/tax-rates/VAT21/archive');
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json<{ archivedAt: string | null }>().archivedAt).not.toBeNull();
    expect((await api.call('GET', '/master-data/tax-rates')).json()).toEqual({ items: [] });
    expect((await api.call('GET', '/master-data/tax-rates?archived=include')).json()).toMatchObject({
      items: [{ code: 'VAT21' }],
    });
    expect((await api.call('GET', '/master-data')).json()).toMatchObject({ taxRates: [] });
    const restored = await api.call('POST', '/master-data/tax-rates/VAT21/archive', { restore: true });
    expect(restored.json()).toMatchObject({ archivedAt: null });
    expect((await hub.masterData.list('taxRates')).map((rate) => rate.code)).toEqual(['VAT21']);
    expect(await hub.masterData.find('taxRates', 'VAT9')).toBeUndefined();
  });

  it('keeps accounts, locations and families with their own fields', async () => {
    expect(
      (
        await api.call('POST', '/master-data/accounts', { code: '512000', name: 'Bank', kind: 'bank' })
      ).json(),
    ).toEqual({ code: '512000', name: 'Bank', kind: 'bank', archivedAt: null });
    expect(
      (await api.call('POST', '/master-data/accounts', { code: '706000', name: 'Sales' })).statusCode,
    ).toBe(422);
    expect(
      (await api.call('POST', '/master-data/locations', { code: 'MAIN', name: 'Main warehouse' })).json(),
    ).toMatchObject({ kind: 'warehouse' });
    await api.call('POST', '/master-data/families', { code: 'CLOTHES', name: 'Clothes' });
    expect(
      (
        await api.call('POST', '/master-data/families', {
          code: 'SHIRTS',
          name: 'Shirts',
          parentCode: 'CLOTHES',
        })
      ).json(),
    ).toMatchObject({ parentCode: 'CLOTHES' });
    const loop = await api.call('PATCH', '/master-data/families/CLOTHES', { parentCode: 'SHIRTS' });
    expect(loop.statusCode).toBe(422);
  });

  it('refuses store settings naming codes the hub lacks, each with the command that creates it, and saves none', async () => {
    const before = await hub.stores.get('shop');
    const answer = await api.call('PATCH', '/stores/shop', {
      settings: {
        import: { enabled: true },
        carriers: { '12': 'POSTNL' },
        journal: { bankAccount: '512000', taxAccount: '445700' },
        defaults: { stockLocation: 'MAIN', salesLocation: 'WEB' },
      },
    });
    expect(answer.statusCode).toBe(422);
    const error = answer.json<ErrorBody>().error;
    expect(error.code).toBe('invalid-settings');
    expect(error.fields).toEqual([
      {
        key: 'defaults.salesLocation',
        message:
          "defaults.salesLocation names location 'WEB', which the hub lacks: create it with `prestabridge locations add WEB --name NAME --kind warehouse|sales`",
      },
      {
        key: 'carriers.12',
        message:
          "carriers.12 names shipping method 'POSTNL', which the hub lacks: create it with `prestabridge shipping-methods add POSTNL --name NAME`",
      },
      {
        key: 'journal.taxAccount',
        message:
          "journal.taxAccount names account '445700', which the hub lacks: create it with `prestabridge accounts add 445700 --name NAME --kind bank|ledger`",
      },
    ]);
    expect(await hub.stores.get('shop')).toEqual(before);
  });
});
