import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../src/emulator/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { type Emulator, type ServerUnderTest, startTestServer } from './server-harness.js';

interface CustomerRow {
  id: number;
  email: string;
  phones: string[];
  addressCount: number;
  stores: { storeId: number; externalId: string }[];
}

describe('API: customers and the stores a product is sold in', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('api', (engine) => {
    let api: ServerUnderTest;
    let storeId: number;
    beforeAll(async () => {
      api = await startTestServer(engine);
      storeId = (await addEmulatorStore(api.hub, emulator, 'emu')).id;
      for (const feed of ['import-products', 'import-customers', 'import-orders']) {
        const started = await api.call('POST', `/stores/emu/feeds/${feed}/runs`);
        expect(started.statusCode, started.body).toBe(202);
        await api.finished(started.json<{ run: { id: number } }>().run.id);
      }
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('lists customers with their phones and store ids, pages and searches', async () => {
      const storeCustomers = [...emulator.store.records('customers')];
      const all = await api.call('GET', '/customers?limit=500');
      expect(all.statusCode, all.body).toBe(200);
      const items = all.json<{ items: CustomerRow[] }>().items;
      expect(items.map((row) => row.email).sort()).toEqual(
        storeCustomers.map((customer) => textOf(customer.values.email)).sort(),
      );
      for (const row of items) {
        expect(row.stores).toHaveLength(1);
        expect(row.stores[0]!.storeId).toBe(storeId);
      }

      const first = await api.call('GET', '/customers?limit=1');
      const page = first.json<{ items: CustomerRow[]; next: string | null }>();
      expect(page.items).toHaveLength(1);
      expect(page.next).toBe(`/customers?limit=1&after=${page.items[0]!.id}`);
      const second = await api.call('GET', page.next!);
      expect(second.json<{ items: CustomerRow[] }>().items[0]!.id).toBe(items[1]!.id);

      const target = items[1]!;
      const found = await api.call(
        'GET',
        `/customers?search=${encodeURIComponent(target.email.toUpperCase())}`,
      );
      expect(found.json<{ items: CustomerRow[] }>().items.map((row) => row.id)).toEqual([target.id]);
    });

    it('answers one customer with addresses, phones and orders, and 404 for none', async () => {
      const orders = await api.hub.orders.list({ limit: 500 });
      const withOrder = orders.find((order) => order.customerId !== null)!;
      const answer = await api.call('GET', `/customers/${withOrder.customerId}`);
      expect(answer.statusCode, answer.body).toBe(200);
      const customer = answer.json<
        CustomerRow & {
          addresses: { id: number; phone: string | null; phoneMobile: string | null; deleted: boolean }[];
          orders: { id: number; totalPaidTaxIncl: string }[];
        }
      >();
      const hub = await api.hub.customers.get(withOrder.customerId!);
      expect(customer.addresses.map((address) => address.id)).toEqual(hub.addresses.map((a) => a.id));
      expect(customer.orders.map((order) => order.id)).toEqual(
        orders.filter((order) => order.customerId === withOrder.customerId).map((order) => order.id),
      );
      expect(customer.orders[0]!.totalPaidTaxIncl).toMatch(/^\d+(\.\d+)?$/);
      const phones = hub.addresses
        .filter((address) => !address.deleted)
        .flatMap((address) => [address.phone, address.phoneMobile])
        .filter((phone) => phone !== null);
      expect(customer.phones).toEqual([...new Set(phones)]);
      expect((await api.call('GET', '/customers/999999')).statusCode).toBe(404);
    });

    it('names the stores selling a product and its variants’ ids there', async () => {
      const row = (await api.hub.catalog.listVariants({ storeId, limit: 1 }))[0]!;
      const answer = await api.call('GET', `/products/${row.productId}/stores`);
      expect(answer.statusCode, answer.body).toBe(200);
      const product = await api.hub.catalog.getProduct(row.productId);
      const bindings = await api.hub.bindings.forLocal('products', [row.productId]);
      const { stores } = answer.json<{ stores: { variants: { variantId: number }[] }[] }>();
      expect(stores.map(({ variants: _variants, ...store }) => store)).toEqual([
        {
          storeId,
          store: 'emu',
          externalId: bindings[0]!.externalId,
          deleted: false,
        },
      ]);
      const variants = stores[0]!.variants;
      expect(variants.map((variant) => variant.variantId).sort()).toEqual(
        product.variants.map((variant) => variant.id).sort(),
      );
      expect((await api.call('GET', '/products/999999/stores')).statusCode).toBe(404);
    });
  });
});
