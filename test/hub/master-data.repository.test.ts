import { beforeAll, expect, it } from 'vitest';

import {
  AlreadyExistsError,
  type Hub,
  InvalidRecordError,
  NotFoundError,
  SettingsValidationError,
} from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

describeEachEngine('master data', (engine) => {
  const clock = manualClock('2026-12-03T10:00:00.000Z');
  let hub: Hub;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
  });

  it('adds, renames, changes and lists every kind, accounts included', async () => {
    const vat = await hub.masterData.add('taxRates', {
      code: 'VAT21',
      name: 'VAT high',
      rate: '21',
      country: 'nl',
    });
    expect(vat).toMatchObject({ code: 'VAT21', rate: '21.000000', country: 'NL', archivedAt: null });
    expect(
      await hub.masterData.update('taxRates', 'VAT21', { name: 'BTW hoog', rate: '21.5' }),
    ).toMatchObject({
      name: 'BTW hoog',
      rate: '21.500000',
      country: 'NL',
    });
    await hub.masterData.add('accounts', { code: '512000', name: 'Bank', kind: 'bank' });
    await hub.masterData.add('accounts', { code: '706000', name: 'Sales', kind: 'ledger' });
    expect(await hub.masterData.update('accounts', '706000', { name: 'Sales of goods' })).toMatchObject({
      code: '706000',
      name: 'Sales of goods',
      kind: 'ledger',
    });
    expect((await hub.masterData.list('accounts')).map((account) => [account.code, account.kind])).toEqual([
      ['512000', 'bank'],
      ['706000', 'ledger'],
    ]);
    await hub.masterData.add('locations', { code: 'STORE-1', name: 'Shop floor', kind: 'sales' });
    expect(await hub.masterData.update('locations', 'STORE-1', { kind: 'warehouse' })).toMatchObject({
      kind: 'warehouse',
    });
    for (const kind of ['unitsOfMeasure', 'shippingMethods', 'paymentMethods'] as const) {
      await hub.masterData.add(kind, { code: 'X1', name: 'first' });
      expect(await hub.masterData.update(kind, 'X1', { name: 'renamed' })).toMatchObject({ name: 'renamed' });
    }
  });

  it('keeps families a tree: a parent must exist and may not be the family or below it', async () => {
    await hub.masterData.add('families', { code: 'CLOTHES', name: 'Clothes' });
    await hub.masterData.add('families', { code: 'SHIRTS', name: 'Shirts', parentCode: 'CLOTHES' });
    await hub.masterData.add('families', { code: 'POLOS', name: 'Polos', parentCode: 'SHIRTS' });
    expect(await hub.masterData.get('families', 'POLOS')).toMatchObject({ parentCode: 'SHIRTS' });
    await expect(hub.masterData.update('families', 'CLOTHES', { parentCode: 'POLOS' })).rejects.toThrow(
      "Family 'CLOTHES' cannot have 'POLOS' as parent: 'POLOS' is 'CLOTHES' itself or one of its sub-families.",
    );
    await expect(hub.masterData.update('families', 'SHIRTS', { parentCode: 'SHIRTS' })).rejects.toThrow(
      InvalidRecordError,
    );
    await expect(
      hub.masterData.add('families', { code: 'HATS', name: 'Hats', parentCode: 'HEAD' }),
    ).rejects.toThrow(
      "Family 'HATS': no parent family with code 'HEAD'. Create the parent first: prestabridge families add HEAD --name NAME",
    );
    expect(await hub.masterData.update('families', 'POLOS', { parentCode: null })).toMatchObject({
      parentId: null,
      parentCode: null,
    });
    expect(await hub.masterData.find('families', 'HATS')).toBeUndefined();
  });

  it('refuses a code twice, an unknown code, a bad rate or kind, with what to do, and saves nothing', async () => {
    await expect(hub.masterData.add('taxRates', { code: 'VAT21', name: 'again', rate: '9' })).rejects.toThrow(
      AlreadyExistsError,
    );
    await expect(hub.masterData.add('taxRates', { code: 'BAD', name: 'Bad', rate: 'lots' })).rejects.toThrow(
      "Tax rate 'BAD': the rate must be a percentage such as 21 or 5.5, got 'lots'.",
    );
    await expect(
      hub.masterData.add('taxRates', { code: 'NEG', name: 'Negative', rate: '-1' }),
    ).rejects.toThrow(/from 0 to 100/);
    await expect(
      hub.masterData.add('accounts', { code: '1', name: 'Odd', kind: 'savings' as 'bank' }),
    ).rejects.toThrow("Account '1': kind must be bank or ledger, got 'savings'.");
    await expect(
      hub.masterData.add('locations', { code: 'A,B', name: 'Comma', kind: 'sales' }),
    ).rejects.toThrow(/without commas/);
    await expect(hub.masterData.update('shippingMethods', 'NOPE', { name: 'x' })).rejects.toThrow(
      new NotFoundError(
        "No shipping method with code 'NOPE'. Create it with `prestabridge shipping-methods add NOPE --name NAME`.",
      ),
    );
    expect((await hub.masterData.list('taxRates')).map((rate) => rate.code)).toEqual(['VAT21']);
    expect(await hub.masterData.find('accounts', '1')).toBeUndefined();
  });

  it('archives without deleting: lists hide it unless asked, and it can come back', async () => {
    await hub.masterData.add('paymentMethods', { code: 'CASH', name: 'Cash' });
    clock.advance(60_000);
    const archived = await hub.masterData.archive('paymentMethods', 'CASH');
    expect(archived.archivedAt).toBe('2026-12-03T10:01:00.000Z');
    expect((await hub.masterData.list('paymentMethods', { archived: 'exclude' })).map((m) => m.code)).toEqual(
      ['X1'],
    );
    expect((await hub.masterData.list('paymentMethods', { archived: 'only' })).map((m) => m.code)).toEqual([
      'CASH',
    ]);
    // Feeds map with everything: an order paid in cash still finds its method.
    expect((await hub.masterData.list('paymentMethods')).map((m) => m.code)).toEqual(['CASH', 'X1']);
    await expect(hub.masterData.add('paymentMethods', { code: 'CASH', name: 'Cash' })).rejects.toThrow(
      "The hub already has a payment method 'CASH', archived. Bring it back with `prestabridge payment-methods archive CASH --undo`.",
    );
    expect((await hub.masterData.archive('paymentMethods', 'CASH', { restore: true })).archivedAt).toBeNull();
  });

  it('refuses store settings naming codes the hub lacks, every one with its command, and saves nothing', async () => {
    await hub.masterData.add('locations', { code: 'MAIN', name: 'Main', kind: 'warehouse' });
    const store = await hub.stores.create({ name: 'codes', url: 'https://codes.test' });
    const attempt = hub.stores.update(store.id, {
      settings: {
        carriers: { '12': 'POSTNL' },
        payments: { ps_wirepayment: 'X1' },
        defaults: { stockLocation: 'MAIN', tax: 'VAT6' },
        categoryFamilies: { '4': 'SHOES' },
        stockExportLocations: ['MAIN', 'ATTIC'],
        journal: { bankAccount: '512000', salesAccount: '707000' },
      },
    });
    await expect(attempt).rejects.toThrow(SettingsValidationError);
    const error = (await attempt.catch((caught: unknown) => caught)) as SettingsValidationError;
    expect(error.fields).toEqual([
      {
        key: 'defaults.tax',
        message:
          "defaults.tax names tax rate 'VAT6', which the hub lacks: create it with `prestabridge tax-rates add VAT6 --name NAME --rate PERCENT`",
      },
      {
        key: 'carriers.12',
        message:
          "carriers.12 names shipping method 'POSTNL', which the hub lacks: create it with `prestabridge shipping-methods add POSTNL --name NAME`",
      },
      {
        key: 'categoryFamilies.4',
        message:
          "categoryFamilies.4 names family 'SHOES', which the hub lacks: create it with `prestabridge families add SHOES --name NAME`",
      },
      {
        key: 'stockExportLocations',
        message:
          "stockExportLocations names location 'ATTIC', which the hub lacks: create it with `prestabridge locations add ATTIC --name NAME --kind warehouse|sales`",
      },
      {
        key: 'journal.salesAccount',
        message:
          "journal.salesAccount names account '707000', which the hub lacks: create it with `prestabridge accounts add 707000 --name NAME --kind bank|ledger`",
      },
    ]);
    expect((await hub.stores.get(store.id)).settings).toEqual(store.settings);
    await expect(
      hub.stores.create({
        name: 'codes-2',
        url: 'https://codes.test',
        settings: { defaults: { unitOfMeasure: 'BOX' } },
      }),
    ).rejects.toThrow(
      /defaults\.unitOfMeasure names unit of measure 'BOX', which the hub lacks: create it with `prestabridge units add BOX --name NAME`/,
    );
    expect(await hub.stores.find('codes-2')).toBeUndefined();
  });

  it('refuses a new setting naming an archived code, but lets other settings change while one names it', async () => {
    await hub.masterData.add('shippingMethods', { code: 'POST', name: 'Post' });
    const store = await hub.stores.update('codes', { settings: { carriers: { '1': 'POST' } } });
    await hub.masterData.archive('shippingMethods', 'POST');
    await expect(hub.stores.update(store.id, { settings: { carriers: { '2': 'POST' } } })).rejects.toThrow(
      "carriers.2 names shipping method 'POST', which is archived: bring it back with `prestabridge shipping-methods archive POST --undo`, or name another",
    );
    const changed = await hub.stores.update(store.id, { settings: { import: { enabled: true } } });
    expect(changed.settings.carriers).toEqual({ '1': 'POST' });
    expect(changed.settings.import.enabled).toBe(true);
  });

  it("gives a store added with default locations the hub's first warehouse and sales location, creating them when missing", async () => {
    const first = await hub.stores.create({
      name: 'defaults-1',
      url: 'https://d.test',
      defaultLocations: true,
    });
    // The hub has warehouses (STORE-1, MAIN) but no sales location: WEB is created.
    expect(first.settings.defaults).toMatchObject({ stockLocation: 'STORE-1', salesLocation: 'WEB' });
    expect(first.settings.stockExportLocations).toEqual(['STORE-1']);
    expect(await hub.masterData.get('locations', 'WEB')).toMatchObject({ name: 'Web shop', kind: 'sales' });
    const chosen = await hub.stores.create({
      name: 'defaults-2',
      url: 'https://d.test',
      defaultLocations: true,
      settings: { defaults: { stockLocation: 'MAIN' }, stockExportLocations: [] },
    });
    expect(chosen.settings.defaults).toMatchObject({ stockLocation: 'MAIN', salesLocation: 'WEB' });
    expect(chosen.settings.stockExportLocations).toEqual([]);
  });
});

describeEachEngine('master data on an empty hub', (engine) => {
  it('creates MAIN and WEB for the first store, and reuses them for the next', async () => {
    const hub = await engine.openHub();
    const store = await hub.stores.create({
      name: 'first',
      url: 'https://first.test',
      defaultLocations: true,
    });
    expect(store.settings.defaults).toMatchObject({ stockLocation: 'MAIN', salesLocation: 'WEB' });
    expect(store.settings.stockExportLocations).toEqual(['MAIN']);
    await hub.stores.create({ name: 'second', url: 'https://second.test', defaultLocations: true });
    expect(
      (await hub.masterData.list('locations')).map((location) => [location.code, location.kind]),
    ).toEqual([
      ['MAIN', 'warehouse'],
      ['WEB', 'sales'],
    ]);
  });
});
