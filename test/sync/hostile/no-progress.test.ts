import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import type { Hub } from '../../../src/hub/index.js';
import { IMPORT_PRODUCTS, importProductsFeed } from '../../../src/sync/catalog/import-products.feed.js';
import {
  IMPORT_CUSTOMERS,
  IMPORT_ORDERS,
  importCustomersFeed,
  importOrdersFeed,
  updateOrdersFeed,
} from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type HostileStore, startHostileStore } from '../../support/hostile-store.js';
import { type Emulator, runFeed } from '../orders/support/order-harness.js';

describeEachEngine('a store whose pages do not move on', (engine) => {
  let emulator: Emulator;
  let hostile: HostileStore;
  let hub: Hub;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hostile = await startHostileStore(emulator);
    hub = await engine.openHub();
  });
  afterAll(async () => {
    await hostile.close();
    await emulator.close();
  });

  it('import-orders: an id filter ignored fails the run with what the store did, keeps the first page, and frees the feed', async () => {
    const store = await addEmulatorStore(hub, hostile, 'ignores-id-filter');
    hostile.ignoreParameter('orders', 'filter[id]');
    try {
      const { run, report } = await runFeed(hub, importOrdersFeed, store, { feedOptions: { pageSize: 10 } });
      expect(run.status).toBe('failed');
      expect(report.error).toMatch(
        new RegExp(
          `^GET orders: the store does not move on: asked for the records after id 10 \\(${hostile.url}/api/orders\\?display=full&filter\\[id\\]=>\\[10\\]&sort=\\[id_ASC\\]&limit=10\\), it answered ids 1–10 \\(10 records\\), none after 10, 2 full pages in a row\\. It ignores the id filter`,
        ),
      );
      // The first page is in (its repetition changed nothing); the watermark is after it.
      expect(report.counts).toMatchObject({ created: 10, unchanged: 10, failed: 0 });
      expect((await hub.watermarks.get(store.id, IMPORT_ORDERS))?.value.lastId).toBe(10);
      const pages = hostile.requests.filter((request) => request.startsWith('GET /api/orders?display=full'));
      expect(pages).toHaveLength(3);
    } finally {
      hostile.behave();
    }
    // The feed is free again, and the store, once it pages properly, gets the rest imported.
    const { run, report } = await runFeed(hub, importOrdersFeed, store, { feedOptions: { pageSize: 10 } });
    expect(run.status).toBe('succeeded');
    expect(report.counts.created).toBe(emulator.store.count('orders') - 10);
  });

  it('update-orders: a date_upd filter ignored fails the run instead of reading the same orders forever', async () => {
    const store = await addEmulatorStore(hub, hostile, 'ignores-date-filter');
    expect((await runFeed(hub, importOrdersFeed, store)).run.status).toBe('succeeded');
    hostile.ignoreParameter('orders', 'filter[date_upd]');
    try {
      const { run, report } = await runFeed(hub, updateOrdersFeed, store, { feedOptions: { pageSize: 10 } });
      expect(run.status).toBe('failed');
      expect(report.error).toMatch(
        /^GET orders: the store does not move on: asked for the orders changed after (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \(.*\), it answered 10 changed at or before .* \(ids 1–10\), 2 full pages in a row\. It ignores the date_upd filter/,
      );
      expect(report.error).toContain(`${hostile.url}/api/orders?display=full&filter[date_upd]=>[`);
    } finally {
      hostile.behave();
    }
  });

  it('customers and products: a store answering old pages again never moves a watermark back', async () => {
    const store = await addEmulatorStore(hub, hostile, 'replays-old-pages');
    expect((await runFeed(hub, importCustomersFeed, store)).run.status).toBe('succeeded');
    expect((await runFeed(hub, importProductsFeed, store)).run.status).toBe('succeeded');
    const lastCustomer = Math.max(...[...emulator.store.records('customers')].map((record) => record.id));
    const lastProduct = Math.max(...[...emulator.store.records('products')].map((record) => record.id));
    expect(lastCustomer).toBeGreaterThan(3);
    emulator.store.insert('customers', {
      email: 'new@example.com',
      firstname: 'New',
      lastname: 'Customer',
      passwd: 'x',
    });
    hostile.ignoreParameter('customers', 'filter[id]');
    hostile.ignoreParameter('products', 'filter[id]');
    try {
      // Pages of 3: the store answers customers 1–3 (and products 1–3) whatever is asked.
      const customers = await runFeed(hub, importCustomersFeed, store, { feedOptions: { pageSize: 3 } });
      expect(customers.report.error).toMatch(/^GET customers: the store does not move on/);
      const products = await runFeed(hub, importProductsFeed, store, { feedOptions: { pageSize: 3 } });
      // Products are read as id ranges: an answer outside the range asked for is caught at once.
      expect(products.report.error).toMatch(
        /^GET products: the store ignores the id filter: asked for ids \d+–\d+/,
      );
    } finally {
      hostile.behave();
    }
    expect((await hub.watermarks.get(store.id, IMPORT_CUSTOMERS))?.value.lastId).toBe(lastCustomer);
    expect((await hub.watermarks.get(store.id, IMPORT_PRODUCTS))?.value.lastId).toBe(lastProduct);
    // Once the store pages properly, the next run goes on from there: only the new customer.
    const next = await runFeed(hub, importCustomersFeed, store);
    expect(next.report.counts.created).toBe(1);
  });
});
