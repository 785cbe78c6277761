import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub } from '../../../src/hub/index.js';
import { importCustomersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, runFeed } from './support/order-harness.js';

describeEachEngine('import-customers', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
  });
  afterAll(async () => emulator.close());

  const storeCustomers = () => [...emulator.store.records('customers')];

  it('imports every customer with gender, names, newsletter and all their addresses', async () => {
    const store = await addEmulatorStore(hub, emulator, 'customers');
    const { report } = await runFeed(hub, importCustomersFeed, store, { feedOptions: { pageSize: 4 } });
    expect(report.counts).toMatchObject({ created: storeCustomers().length, failed: 0 });
    const customers = await hub.customers.list({ limit: 100 });
    expect(customers).toHaveLength(storeCustomers().length);
    for (const source of storeCustomers()) {
      const customer = customers.find((candidate) => candidate.email === textOf(source.values.email));
      const genderId = textOf(source.values.id_gender);
      expect(customer).toMatchObject({
        firstName: textOf(source.values.firstname),
        lastName: textOf(source.values.lastname),
        newsletter: textOf(source.values.newsletter) === '1',
        gender: genderId === '1' ? 'male' : genderId === '2' ? 'female' : 'unknown',
      });
      const addresses = [...emulator.store.records('addresses')].filter(
        (address) => textOf(address.values.id_customer) === String(source.id),
      );
      expect(customer?.addresses.map((address) => address.city).sort()).toEqual(
        addresses.map((address) => textOf(address.values.city)).sort(),
      );
    }
  });

  it('reports an unmapped gender with the setting to add, and imports the customer as unknown', async () => {
    const store = await hub.stores.get('customers');
    const [first] = storeCustomers();
    emulator.store.update('customers', first!.id, { id_gender: '3', firstname: 'Camille' });
    const { report } = await runFeed(hub, importCustomersFeed, store);
    expect(report.counts).toMatchObject({ created: 0, updated: 1 });
    expect(report.notices.map((notice) => notice.message)).toEqual([
      "Customers with gender id 3 are imported with gender 'unknown': map it with `prestabridge stores set customers genders.3=male|female|other|unknown`.",
    ]);
    const [customer] = await hub.customers.list({ search: textOf(first!.values.email) });
    expect(customer).toMatchObject({ firstName: 'Camille', gender: 'unknown' });
  });

  it('leaves addresses out, or only their phones, as the settings say', async () => {
    const bare = await addEmulatorStore(hub, emulator, 'no-addresses', { customers: { addresses: false } });
    await runFeed(hub, importCustomersFeed, bare);
    const noPhones = await addEmulatorStore(hub, emulator, 'no-phones', { customers: { phones: false } });
    await runFeed(hub, importCustomersFeed, noPhones);
    // Each store has its own copies of its customers and addresses.
    const customers = await hub.customers.list({ limit: 100 });
    const withPhones = customers
      .flatMap((customer) => customer.addresses)
      .filter((address) => address.phone !== null);
    expect(withPhones.length).toBeGreaterThan(0);
    const bindings = await hub.bindings.page(noPhones.id, 'addresses', { afterLocalId: 0, limit: 1000 });
    const phonesOfSecond = customers
      .flatMap((customer) => customer.addresses)
      .filter((address) => bindings.some((binding) => binding.localId === address.id));
    expect(phonesOfSecond.length).toBeGreaterThan(0);
    expect(phonesOfSecond.every((address) => address.phone === null && address.phoneMobile === null)).toBe(
      true,
    );
    expect(await hub.bindings.page(bare.id, 'addresses', { afterLocalId: 0, limit: 10 })).toEqual([]);
  });
});
