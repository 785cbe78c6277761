import { describe, expect, it } from 'vitest';

import {
  createEmulatorStore,
  EmulatorFleetError,
  startEmulatorFleet,
  textOf,
} from '../../src/emulator/index.js';

const basic = (key: string): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
});

/** The first products of a store as the webservice serves them: name and price. */
async function firstProducts(url: string, key: string): Promise<string> {
  const answer = await fetch(`${url}/api/products?output_format=JSON&display=[name,price]&limit=5`, {
    headers: basic(key),
  });
  expect(answer.status).toBe(200);
  return JSON.stringify(await answer.json());
}

describe('an emulator fleet', () => {
  it('serves five stores, each on its own port with its own data, answering its own key only', async () => {
    const fleet = await startEmulatorFleet({ stores: 5, seed: 'small' });
    try {
      const { stores } = fleet;
      expect(stores.map((store) => store.name)).toEqual([
        'store-001',
        'store-002',
        'store-003',
        'store-004',
        'store-005',
      ]);
      expect(new Set(stores.map((store) => store.url)).size).toBe(5);
      expect(new Set(stores.map((store) => store.key)).size).toBe(5);
      const catalogs = new Set<string>();
      for (const [index, store] of stores.entries()) {
        catalogs.add(await firstProducts(store.url, store.key));
        const other = stores[(index + 1) % stores.length]!;
        const refused = await fetch(`${store.url}/api/products?limit=1`, { headers: basic(other.key) });
        expect(refused.status).toBe(401);
        // The read-only key reads but may not write.
        const readOnly = store.emulator.keys[1]!;
        expect((await fetch(`${store.url}/api/products?limit=1`, { headers: basic(readOnly) })).status).toBe(
          200,
        );
        const write = await fetch(`${store.url}/api/products/1`, {
          method: 'DELETE',
          headers: basic(readOnly),
        });
        expect(write.status).toBe(405);
      }
      expect(catalogs.size).toBe(5);
      // A store's data is its own: an order placed in one shows in that store only.
      const before = stores.map((store) => store.emulator.store.count('orders'));
      stores[2]!.emulator.store.placeOrder({
        customerId: 1,
        lines: [{ productId: 1, combinationId: 0, quantity: 1 }],
      });
      expect(stores.map((store) => store.emulator.store.count('orders'))).toEqual(
        before.map((count, index) => (index === 2 ? count + 1 : count)),
      );
    } finally {
      await fleet.close();
    }
    for (const store of fleet.stores)
      await expect(fetch(`${store.url}/api/`, { headers: basic(store.key) })).rejects.toThrow();
  });

  it("draws each store's data from its variant: the same every time, different from the seed's own", () => {
    const names = (variant?: number): string[] => {
      const store = createEmulatorStore({ seed: 'small', ...(variant === undefined ? {} : { variant }) });
      return [...store.records('products')].map((product) => textOf(product.values.name));
    };
    expect(names(3)).toEqual(names(3));
    expect(names(3)).not.toEqual(names(4));
    expect(names(3)).not.toEqual(names());
  });

  it('refuses an empty fleet and the recorded seed, with what to use instead', async () => {
    await expect(startEmulatorFleet({ stores: 0 })).rejects.toThrow(EmulatorFleetError);
    await expect(startEmulatorFleet({ stores: 2, seed: 'recorded' as unknown as 'small' })).rejects.toThrow(
      /generated seed \(small, demo or large\)/,
    );
  });
});
