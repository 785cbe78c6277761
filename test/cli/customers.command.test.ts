import { beforeAll, expect, it } from 'vitest';

import type { Hub } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

describeEachEngine('prestabridge customers', (engine) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await engine.openHub();
    const store = await hub.stores.create({ name: 'shop', url: 'https://shop.example' });
    await hub.customers.upsertCustomers(store.id, [
      {
        externalId: 1,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        gender: 'female',
        newsletter: true,
      },
      {
        externalId: 2,
        email: 'alan@example.com',
        firstName: 'Alan',
        lastName: 'Turing',
        gender: 'male',
        company: 'NPL',
      },
    ]);
    await hub.customers.upsertAddresses(store.id, [
      {
        externalId: 10,
        customerExternalId: 1,
        firstName: 'Ada',
        lastName: 'Lovelace',
        address1: '12 St James Sq',
        city: 'London',
      },
      {
        externalId: 11,
        customerExternalId: 1,
        firstName: 'Ada',
        lastName: 'Lovelace',
        address1: 'Ockham Park',
        city: 'Ockham',
      },
    ]);
  });

  it('lists customers with gender, company, newsletter and how many addresses they have', async () => {
    const { code, out } = await runCli(engine, ['customers', 'list']);
    expect(code).toBe(0);
    expect(
      out
        .trim()
        .split('\n')
        .map((line) => line.trim().replace(/\s+/g, ' ')),
    ).toEqual([
      'id name e-mail gender company newsletter addresses',
      expect.stringMatching(/^\d+ Ada Lovelace ada@example.com female yes 2$/),
      expect.stringMatching(/^\d+ Alan Turing alan@example.com male NPL no 0$/),
    ]);
  });

  it('searches by name or e-mail, and prints JSON with the addresses', async () => {
    const { out } = await runCli(engine, ['customers', 'list', '--search', 'LOVE', '--json']);
    const customers = JSON.parse(out) as Array<{ email: string; addresses: Array<{ city: string }> }>;
    expect(customers.map((customer) => customer.email)).toEqual(['ada@example.com']);
    expect(customers[0]?.addresses.map((address) => address.city)).toEqual(['London', 'Ockham']);
    const none = await runCli(engine, ['customers', 'list', '--search', 'nobody']);
    expect(none.out).toBe('No customers match.\n');
  });
});
