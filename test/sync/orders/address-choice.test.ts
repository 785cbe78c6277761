import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import { type Customer, type Hub, InvalidRecordError, type Store } from '../../../src/hub/index.js';
import { importCustomersFeed, importOrdersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, runFeed } from './support/order-harness.js';

describeEachEngine('billing and delivery address of a customer with several', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let customerId: number;
  /** The customer's store addresses: the first one of the seed, then two added. */
  let first: number;
  let office: number;
  let home: number;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
    const customer = [...emulator.store.records('customers')].find((candidate) =>
      [...emulator.store.records('addresses')].some(
        (address) =>
          textOf(address.values.id_customer) === String(candidate.id) &&
          textOf(address.values.deleted) !== '1',
      ),
    )!;
    customerId = customer.id;
    const own = [...emulator.store.records('addresses')].filter(
      (address) =>
        textOf(address.values.id_customer) === String(customerId) && textOf(address.values.deleted) !== '1',
    );
    first = Math.min(...own.map((address) => address.id));
    const template = emulator.store.get('addresses', first)!.values;
    const add = (alias: string, city: string): number =>
      emulator.store.insert('addresses', { ...template, alias, city, address1: `1 rue ${city}` }).id;
    office = add('Office', 'Lyon');
    home = add('Home', 'Nantes');
    // Their newest order: billed to the office, delivered at home.
    const placed = emulator.store.placeOrder({
      customerId,
      lines: [{ productId: 1, quantity: 1 }],
      addressId: home,
    });
    emulator.store.patchQuietly('orders', placed.order.id, { id_address_invoice: String(office) });
  });
  afterAll(async () => emulator.close());

  async function hubCustomer(store: Store): Promise<Customer> {
    const binding = await hub.bindings.get(store.id, 'customers', customerId);
    return hub.customers.get(binding!.localId);
  }
  async function hubAddress(store: Store, externalId: number): Promise<number> {
    return (await hub.bindings.get(store.id, 'addresses', externalId))!.localId;
  }
  function roles(customer: Customer): Record<number, string | null> {
    return Object.fromEntries(customer.addresses.map((address) => [address.id, address.role]));
  }

  it('last-order (the default): the last order’s invoice address bills and its delivery address delivers', async () => {
    const store = await addEmulatorStore(hub, emulator, 'by-order');
    const { run, report } = await runFeed(hub, importCustomersFeed, store);
    expect(run.status, report.error).toBe('succeeded');
    const customer = await hubCustomer(store);
    expect(customer.addressChoice).toBe('last-order');
    const [billing, delivery, other] = await Promise.all([
      hubAddress(store, office),
      hubAddress(store, home),
      hubAddress(store, first),
    ]);
    expect(roles(customer)).toMatchObject({ [billing]: 'billing', [delivery]: 'delivery', [other]: null });
  });

  it('store-default: the first address not deleted bills and delivers', async () => {
    const store = await addEmulatorStore(hub, emulator, 'by-default', {
      customers: { addressChoice: 'store-default' },
    });
    await runFeed(hub, importCustomersFeed, store);
    const customer = await hubCustomer(store);
    expect(customer.addressChoice).toBe('store-default');
    const main = await hubAddress(store, first);
    expect(
      customer.addresses
        .filter((address) => address.role !== null)
        .map((address) => [address.id, address.role]),
    ).toEqual([[main, 'both']]);
  });

  it('a user’s choice wins over the rule at every later import, until handed back', async () => {
    const store = await hub.stores.get('by-order');
    const customer = await hubCustomer(store);
    const main = await hubAddress(store, first);
    const chosen = await hub.customers.chooseAddresses(customer.id, {
      billingAddressId: main,
      deliveryAddressId: main,
    });
    expect(chosen.addressChoice).toBe('user');
    emulator.store.update('customers', customerId, { lastname: 'Moved' });
    const { report } = await runFeed(hub, importCustomersFeed, store);
    expect(report.counts.updated).toBeGreaterThanOrEqual(1);
    const after = await hubCustomer(store);
    expect(after.lastName).toBe('Moved');
    expect(after.addressChoice).toBe('user');
    expect(
      after.addresses.filter((address) => address.role !== null).map((address) => [address.id, address.role]),
    ).toEqual([[main, 'both']]);

    await expect(
      hub.customers.chooseAddresses(customer.id, { billingAddressId: 999_999, deliveryAddressId: main }),
    ).rejects.toThrow(InvalidRecordError);

    await hub.customers.releaseAddressChoice(customer.id);
    emulator.store.update('customers', customerId, { lastname: 'Again' });
    await runFeed(hub, importCustomersFeed, store);
    const released = await hubCustomer(store);
    expect(released.addressChoice).toBe('last-order');
    expect(roles(released)[await hubAddress(store, office)]).toBe('billing');
  });

  it('import-orders keeps last-order roles current: a newer order moves them', async () => {
    const store = await hub.stores.get('by-order');
    emulator.store.placeOrder({ customerId, lines: [{ productId: 1, quantity: 1 }], addressId: first });
    const { run, report } = await runFeed(hub, importOrdersFeed, store);
    expect(run.status, report.error).toBe('succeeded');
    const customer = await hubCustomer(store);
    expect(customer.addressChoice).toBe('last-order');
    const main = await hubAddress(store, first);
    expect(
      customer.addresses
        .filter((address) => address.role !== null)
        .map((address) => [address.id, address.role]),
    ).toEqual([[main, 'both']]);
  });
});
