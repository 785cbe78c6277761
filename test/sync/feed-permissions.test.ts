import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../src/emulator/index.js';
import { type Hub, openHub, type ProductRecord, type Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import {
  allFeeds,
  checkFeedPermissions,
  CONNECTION_NEEDS,
  describeLack,
  type Feed,
  feedPermissionParts,
  findFeed,
  keyLacksMessage,
  permissionsNeededBy,
  recordShipment,
} from '../../src/sync/index.js';
import { builtInOutboxHandlers } from '../../src/sync/outbox/index.js';
import { TEST_SECRET } from '../support/databases.js';

const SIZE = { en: 'Size', fr: 'Taille' };
const FABRIC = { en: 'Fabric', fr: 'Tissu' };
const LINEN = { en: 'Linen', fr: 'Lin' };

/** A hub product the store does not have, with an attribute group the store does not have either. */
const hubTee: ProductRecord = {
  externalId: 'tee',
  kind: 'combinations',
  name: 'Hub tee',
  names: { en: 'Hub tee', fr: 'Tee hub' },
  reference: 'HUB-TEE',
  price: '20.000000',
  variants: [
    {
      externalId: 'tee:s',
      sku: 'HUB-TEE-S',
      attributes: [
        { name: SIZE, value: { en: 'S', fr: 'S' } },
        { name: FABRIC, value: LINEN },
      ],
    },
  ],
};

const key = (permission: { resource: string; verb: string }): string =>
  `${permission.verb} ${permission.resource}`;

describe('what feeds and outbox handlers declare they need', () => {
  it('every built-in feed leads only to outbox kinds a built-in handler delivers, with that handler’s needs', () => {
    const handlers = new Map(builtInOutboxHandlers.map((handler) => [handler.kind, handler]));
    for (const feed of allFeeds) {
      for (const writes of feed.outbox ?? []) {
        const handler = handlers.get(writes.kind);
        expect(handler, `${feed.name} leads to '${writes.kind}'`).toBeDefined();
        expect(writes.needs).toEqual(handler?.needs);
        expect(writes.purpose).toBe(handler?.purpose);
      }
    }
  });

  it('imported orders lead to stock pushes, shipment confirmations and state changes, each with its writes', () => {
    const parts = feedPermissionParts(findFeed('import-orders'));
    expect(parts.map((part) => part.label)).toEqual([
      'import-orders',
      'push stock',
      'confirm shipments',
      'set order states',
    ]);
    const needs = permissionsNeededBy(findFeed('import-orders')).map(key);
    expect(needs).toEqual(
      expect.arrayContaining(['PUT order_carriers', 'POST order_histories', 'PUT stock_availables']),
    );
    // The import itself only reads.
    expect(parts[0]?.needs.every((need) => need.verb === 'GET')).toBe(true);
  });

  it('product export names every write a delivery makes: products, combinations, new attribute groups and values', () => {
    const needs = permissionsNeededBy(findFeed('export-products')).map(key);
    expect(needs).toEqual(
      expect.arrayContaining([
        'POST products',
        'PUT products',
        'POST combinations',
        'PUT combinations',
        'POST product_options',
        'POST product_option_values',
        'PUT stock_availables',
      ]),
    );
  });

  it("says per feed what the key lacks, its run's part and each write's part apart", () => {
    const lacking = new Set(['PUT order_carriers', 'POST order_histories']);
    const [orders, stock] = checkFeedPermissions(
      [findFeed('import-orders'), findFeed('export-stock')],
      (permission) => lacking.has(key(permission)),
    );
    expect(orders?.summary).toBe(
      'import-orders: ok; push stock: ok; confirm shipments: lacks PUT on order_carriers, POST on order_histories; ' +
        'set order states: lacks POST on order_histories',
    );
    expect(orders?.missing.map(key)).toEqual(['PUT order_carriers', 'POST order_histories']);
    // export-stock pushes what it queues itself: the push is its own part, not a second line.
    expect(stock?.parts.map((part) => part.label)).toEqual(['export-stock']);
    expect(stock?.summary).toBe('export-stock: ok');
  });

  it('says what is lacking as a user grants it: verbs of a resource together, resources lacking the same verbs together', () => {
    const get = (resource: string) => ({ resource, verb: 'GET' as const });
    expect(
      describeLack([
        { resource: 'order_carriers', verb: 'PUT' },
        { resource: 'order_histories', verb: 'POST' },
      ]),
    ).toBe('PUT on order_carriers, POST on order_histories');
    expect(
      describeLack([
        get('customers'),
        get('stock_availables'),
        { resource: 'stock_availables', verb: 'PUT' },
        get('addresses'),
      ]),
    ).toBe('GET on customers, addresses; GET and PUT on stock_availables');
    expect(keyLacksMessage([{ resource: 'order_carriers', verb: 'PUT' }])).toBe(
      "the key lacks PUT on order_carriers — give the webservice key that permission in the store's back office (Advanced Parameters > Webservice)",
    );
  });
});

/**
 * Every feed run against the emulator with a store where it has work to do (every option on, a
 * hub product to create in the store, an order to ship, a state to change, stock to push): each
 * request it makes is one its declaration names — its own needs, those of the outbox kinds it leads
 * to, or the connection's. A feed that starts making a new kind of request without declaring it
 * fails here, before a key lacking it fails in a store.
 */
describe('declared needs cover every request a feed makes', () => {
  let emulator: RunningEmulator;
  let hub: Hub;
  let folder: string;
  let store: Store;
  let runner: FeedRunner;
  const covered = new Set<string>();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    folder = mkdtempSync(join(tmpdir(), 'prestabridge-permissions-'));
    hub = await openHub({ secret: TEST_SECRET, env: {}, databaseUrl: join(folder, 'hub.sqlite') });
    runner = new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } });
    await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
    // Two paid orders to import approved: one to ship, one to move to another state.
    for (const productId of [1, 1]) {
      emulator.store.placeOrder({ customerId: 2, lines: [{ productId, quantity: 1 }], stateId: 2 });
    }
    const source = await hub.stores.create({ name: 'source', url: 'https://source.example' });
    await hub.catalog.upsertProducts(source.id, [hubTee]);
    store = await hub.stores.create({
      name: 'emu',
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      timeZone: emulator.store.settings.timeZone,
      languages: emulator.store.settings.languages,
      languageId: 1,
      settings: {
        export: { enabled: true },
        extras: { syncImages: true, syncCategories: true, autoCreateBarcodes: true },
        productMaster: 'both',
        exportFields: { price: true, quantity: true, bomQuantity: true },
        autoApproveStates: [2, 3, 4, 5],
        shipmentStates: { full: 4, partial: 3 },
        defaults: { stockLocation: 'MAIN' },
        stockImportLocation: 'MAIN',
        stockExportLocations: ['MAIN'],
      },
    });
  });
  afterAll(async () => {
    await hub.close();
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /**
   * Runs a feed and returns the requests it made, as `VERB resource`; the outbox entries its run
   * queued must be of kinds it declares it leads to.
   */
  async function requestsOf(name: string, options: Record<string, boolean | string> = {}): Promise<string[]> {
    const feed: Feed = findFeed(name);
    const lastEntry = (await hub.outbox.list({ storeId: store.id, limit: 1 }))[0]?.id ?? 0;
    emulator.resetCounts();
    const outcome = await runner.run({
      feed,
      store: await hub.stores.get(store.id),
      trigger: 'manual',
      options,
    });
    expect(outcome.report.error ?? null, `${name} failed`).toBeNull();
    covered.add(name);
    const queued = (await hub.outbox.list({ storeId: store.id, limit: 10_000 })).filter(
      (entry) => entry.id > lastEntry,
    );
    const leadsTo = new Set((feed.outbox ?? []).map((writes) => writes.kind));
    expect(
      [...new Set(queued.map((entry) => entry.kind))].filter((kind) => !leadsTo.has(kind)),
      `${name} queued outbox kinds it does not declare`,
    ).toEqual([]);
    return Object.entries(emulator.requestCounts())
      .filter(([resource]) => resource !== '')
      .flatMap(([resource, verbs]) => Object.keys(verbs).map((verb) => `${verb} ${resource}`));
  }

  function expectDeclared(name: string, requests: readonly string[]): void {
    const declared = new Set([...CONNECTION_NEEDS, ...permissionsNeededBy(findFeed(name))].map(key));
    expect(
      requests.filter((request) => !declared.has(request)),
      `${name} made requests it does not declare`,
    ).toEqual([]);
  }

  const catalogFeeds = [
    'import-categories',
    'import-suppliers',
    'import-products',
    'import-product-suppliers',
    'import-images',
    'create-barcodes',
    'import-customers',
    'import-orders',
    'import-stock',
  ];

  it.each(catalogFeeds)('%s', async (name) => {
    const requests = await requestsOf(name);
    if (name !== 'create-barcodes') expect(requests.length).toBeGreaterThan(0);
    expectDeclared(name, requests);
  });

  it('update-products and update-orders, after changes in the store', async () => {
    const [order] = [...emulator.store.records('orders')].slice(-1);
    emulator.store.changeOrderState(order!.id, 4);
    const product = [...emulator.store.records('products')][0]!;
    emulator.store.updateProduct(product.id, { price: '99.000000' });
    expectDeclared('update-products', await requestsOf('update-products', { full: true }));
    expectDeclared('update-orders', await requestsOf('update-orders'));
    expectDeclared('retry-orders', await requestsOf('retry-orders', { all: true }));
  });

  it('export-stock and stock-check, with quantities to push', async () => {
    const variants = await hub.catalog.listVariants({ storeId: store.id, limit: 2 });
    await hub.transaction(async (tx) => {
      await tx.stock.recordMovements([
        {
          variantId: variants[0]!.variantId,
          location: 'MAIN',
          kind: 'adjustment',
          quantity: 7,
          note: 'test',
        },
      ]);
      await tx.stock.queueSellableUpdates([variants[0]!.variantId]);
    });
    const pushed = await requestsOf('export-stock');
    expect(pushed).toContain('PUT stock_availables');
    expectDeclared('export-stock', pushed);
    const row = [...emulator.store.records('stock_availables')].find(
      (candidate) => textOf(candidate.values.id_product_attribute) === '0',
    )!;
    emulator.store.setStock(Number(textOf(row.values.id_product)), 0, 4321);
    expectDeclared('stock-check', await requestsOf('stock-check'));
  });

  it('export-products, creating a hub product with a new attribute group in the store', async () => {
    const requests = await requestsOf('export-products');
    expect(requests).toEqual(expect.arrayContaining(['POST products', 'POST product_options']));
    expectDeclared('export-products', requests);
  });

  it('shipping-confirmation and drain-outbox, with a shipment and a state change waiting', async () => {
    const approved = await hub.orders.list({ storeId: store.id, status: 'approved', limit: 2 });
    expect(approved.length).toBeGreaterThanOrEqual(2);
    await recordShipment(hub, {
      orderId: approved[0]!.id,
      trackingNumber: 'LP123456789FR',
      carrier: 'La Poste',
    });
    await hub.orders.requestStoreState(approved[1]!.id, 5);
    const confirmed = await requestsOf('shipping-confirmation');
    expect(confirmed).toEqual(expect.arrayContaining(['PUT order_carriers', 'POST order_histories']));
    expectDeclared('shipping-confirmation', confirmed);
    await hub.orders.requestStoreState(approved[1]!.id, 4);
    expectDeclared('drain-outbox', await requestsOf('drain-outbox'));
  });

  it('invoice-orders, with invoices and the journal on', async () => {
    await hub.masterData.upsert('accounts', [
      { code: '411000', name: 'Customers', kind: 'ledger' },
      { code: '707000', name: 'Sales of goods', kind: 'ledger' },
      { code: '445710', name: 'VAT collected', kind: 'ledger' },
    ]);
    await hub.stores.update(store.id, {
      settings: {
        invoices: { enabled: true },
        journal: { enabled: true, receivableAccount: '411000', salesAccount: '707000', taxAccount: '445710' },
      },
    });
    const requests = await requestsOf('invoice-orders');
    expect(requests).toEqual(expect.arrayContaining(['GET orders', 'GET taxes']));
    expectDeclared('invoice-orders', requests);
  });

  it('watch-carts, looking back over the seeded carts', async () => {
    await hub.stores.update(store.id, { settings: { automation: { cartAbandonedAfterMinutes: 60 } } });
    const requests = await requestsOf('watch-carts', { since: '2020-01-01' });
    expect(requests).toEqual(expect.arrayContaining(['GET carts', 'GET orders']));
    expectDeclared('watch-carts', requests);
  });

  it('covered every feed', () => {
    expect(allFeeds.map((feed) => feed.name).filter((name) => !covered.has(name))).toEqual([]);
  });
});
