import { beforeAll, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';

describeEachEngine('customers and master data', (engine) => {
  let hub: Hub;
  let store: Store;
  beforeAll(async () => {
    hub = await engine.openHub();
    store = await hub.stores.create({ name: 'customers', url: 'https://customers.test' });
  });

  it('imports customers with several addresses, and skips addresses of unknown customers', async () => {
    const customers = await hub.customers.upsertCustomers(store.id, [
      {
        externalId: 2,
        email: 'pub@prestashop.com',
        firstName: 'John',
        lastName: 'DOE',
        gender: 'male',
        birthday: '1970-01-15',
        newsletter: true,
      },
      {
        externalId: 3,
        email: 'jane@example.com',
        firstName: 'Jane',
        lastName: 'Roe',
        birthday: '0000-00-00',
      },
    ]);
    expect(customers.counts.created).toBe(2);
    const addresses = await hub.customers.upsertAddresses(store.id, [
      {
        externalId: 4,
        customerExternalId: 2,
        alias: 'Home',
        firstName: 'John',
        lastName: 'DOE',
        address1: '16, Main street',
        city: 'Miami',
        countryIso: 'us',
        phone: '0102030405',
      },
      {
        externalId: 5,
        customerExternalId: 2,
        alias: 'Office',
        firstName: 'John',
        lastName: 'DOE',
        address1: '1 Office road',
        city: 'Miami',
      },
      { externalId: 6, customerExternalId: 99, firstName: 'X', lastName: 'Y', address1: 'Z', city: 'W' },
    ]);
    expect(addresses.counts.created).toBe(2);
    expect(addresses.skipped).toEqual([{ externalId: '6', reason: 'customer 99 is not in the hub yet' }]);
    const john = await hub.customers.get(customers.items[0]!.localId);
    expect(john).toMatchObject({
      email: 'pub@prestashop.com',
      gender: 'male',
      birthday: '1970-01-15',
      newsletter: true,
    });
    expect(john.addresses.map((address) => [address.alias, address.countryIso, address.phone])).toEqual([
      ['Home', 'US', '0102030405'],
      ['Office', null, null],
    ]);
    const jane = await hub.customers.get(customers.items[1]!.localId);
    expect(jane).toMatchObject({ gender: 'unknown', birthday: null });
  });

  it('leaves unchanged customers alone and finds customers by name or e-mail', async () => {
    const again = await hub.customers.upsertCustomers(store.id, [
      {
        externalId: 2,
        email: 'pub@prestashop.com',
        firstName: 'John',
        lastName: 'DOE',
        gender: 'male',
        birthday: '1970-01-15',
        newsletter: true,
      },
      { externalId: 3, email: 'jane@example.org', firstName: 'Jane', lastName: 'Roe' },
    ]);
    expect(again.items.map((item) => item.outcome)).toEqual(['unchanged', 'updated']);
    expect(
      (await hub.customers.list({ search: 'EXAMPLE.ORG' })).map((customer) => customer.firstName),
    ).toEqual(['Jane']);
    expect(await hub.customers.list({ search: '%' })).toEqual([]);
  });

  it('keeps master data by code, updating on a second upsert', async () => {
    await hub.masterData.upsert('taxRates', [{ code: 'VAT21', name: 'VAT 21', rate: '21', country: 'NL' }]);
    await hub.masterData.upsert('taxRates', [{ code: 'VAT21', name: 'BTW hoog', rate: '21.0' }]);
    expect(await hub.masterData.list('taxRates')).toEqual([
      expect.objectContaining({ code: 'VAT21', name: 'BTW hoog', rate: '21.000000', country: null }),
    ]);
    await hub.masterData.upsert('families', [
      { code: 'CLOTHES', name: 'Clothes' },
      { code: 'SHIRTS', name: 'Shirts', parentCode: 'CLOTHES' },
    ]);
    const shirts = await hub.masterData.get('families', 'SHIRTS');
    expect(shirts.parentId).toBe((await hub.masterData.get('families', 'CLOTHES')).id);
    await expect(
      hub.masterData.upsert('families', [{ code: 'X', name: 'X', parentCode: 'NONE' }]),
    ).rejects.toThrow(
      "Family 'X': no parent family with code 'NONE'. Create the parent first: prestabridge families add NONE --name NAME",
    );
    await expect(
      hub.masterData.upsert('locations', [{ code: 'L', name: 'L', kind: 'garage' as 'sales' }]),
    ).rejects.toThrow("Location 'L': kind must be warehouse or sales, got 'garage'.");
    expect(await hub.masterData.idsByCode('families', ['SHIRTS', 'NONE'])).toEqual(
      new Map([['SHIRTS', shirts.id]]),
    );
    expect(await hub.masterData.delete('families', 'SHIRTS')).toBe(true);
    await expect(hub.masterData.get('families', 'SHIRTS')).rejects.toThrow("No family with code 'SHIRTS'.");
  });
});
