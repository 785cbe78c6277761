import { afterEach, beforeEach, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import type { Hub, Store, StoreSettingsInput } from '../../../src/hub/index.js';
import { FeedRunner, runGoLive } from '../../../src/jobs/index.js';
import { allFeeds, type Feed, type FeedOptions, findFeed } from '../../../src/sync/index.js';
import { recordShipment } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { createLocations, shipOpenOrders, storeQuantity } from './support/stock-store.js';

/** The variant of the issue: 23 in the warehouse, 2 of them ordered before go-live. */
const PRODUCT = 2;
const PHYSICAL = 23;

/**
 * Go-live against the emulator, whatever the approval settings: every unit is counted once — the
 * store's quantities (from which PrestaShop took the units of the orders placed) plus the units of
 * its open orders are on hand, and the hub takes them out once, as reservations of its open orders
 * (waiting for approval or approved).
 */
describeEachEngine('go-live stock: every unit counted once', (engine) => {
  let emulator: RunningEmulator;
  let hub: Hub;
  let combination: number;
  let variantId: number;

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
    await createLocations(hub);
    // The seeded orders still open would add their own units: shipped, they hold none.
    shipOpenOrders(emulator.store);
    combination = Number(emulator.store.get('products', PRODUCT)?.associations.combinations?.[0]?.id);
    emulator.store.setStock(PRODUCT, combination, PHYSICAL);
  });
  afterEach(async () => {
    await emulator.close();
  });

  const inStore = (): number => storeQuantity(emulator.store, PRODUCT, combination);
  const place = (quantity: number, stateId: number): number =>
    emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: PRODUCT, combinationId: combination, quantity }],
      stateId,
    }).order.id;

  let stores = 0;
  /**
   * A store for this test's emulator (the hub's database is the describe's: a new name each time).
   * Its own products (catalog.matchBy=none): matched by reference, every test's store would share the
   * earlier tests' variant, and their stores' open orders would still reserve units of it.
   */
  async function addStore(settings: StoreSettingsInput = {}): Promise<Store> {
    stores += 1;
    return hub.stores.create({
      name: `shop-${stores}`,
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      settings: {
        export: { enabled: true },
        catalog: { matchBy: 'none' },
        stockImportLocation: 'MAIN',
        stockExportLocations: ['MAIN'],
        ...settings,
      },
    });
  }
  const runner = (): FeedRunner => new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } });
  async function goLive(store: Store): Promise<void> {
    const result = await runGoLive({ hub, runner: runner(), feeds: allFeeds, store });
    expect(result.stoppedAt).toBeUndefined();
    expect(result.live).toBe(true);
    variantId = (await hub.catalog.variantIdsByExternal(store.id, [`${PRODUCT}:${combination}`])).get(
      `${PRODUCT}:${combination}`,
    )!;
  }
  async function run(feed: Feed | string, store: Store, options: FeedOptions = {}): Promise<void> {
    const outcome = await runner().run({
      feed: typeof feed === 'string' ? findFeed(feed) : feed,
      store: await hub.stores.get(store.id),
      trigger: 'manual',
      options,
    });
    expect(outcome.report.status, outcome.report.error ?? '').toBe('succeeded');
  }
  /** On hand, reserved and sellable in the hub, and the quantity the store shows after export-stock. */
  async function figures(store: Store) {
    await run('export-stock', store);
    const [level] = await hub.stock.onHand([variantId]);
    return {
      onHand: level?.onHand,
      reserved: (await hub.stock.reserved([variantId])).get(variantId) ?? 0,
      sellable: (await hub.stock.sellable(store.id, [variantId])).get(variantId),
      store: inStore(),
    };
  }
  const orderOf = async (store: Store, storeOrderId: number) =>
    (await hub.orders.findByExternalId(store.id, storeOrderId))!;

  it('default settings: a paid order waits for approval and reserves from the go-live on: 21 of 23 in the store, not 19 nor 23', async () => {
    const paid = place(2, 2);
    expect(inStore()).toBe(PHYSICAL - 2);
    const store = await addStore();
    await goLive(store);
    expect(inStore()).toBe(21);
    const order = await orderOf(store, paid);
    expect(order.hubStatus).toBe('pending_approval');
    // 23 in the warehouse, not the 21 the store shows; waiting for approval, the order reserves its 2
    // (the store gave them to it): neither export-stock nor stock-check pushes them back to the store.
    expect(await figures(store)).toEqual({ onHand: PHYSICAL, reserved: 2, sellable: 21, store: 21 });
    await run('stock-check', store);
    expect(inStore()).toBe(21);

    // Approval changes no reservation.
    await hub.orders.approve([order.id]);
    expect(await figures(store)).toEqual({ onHand: PHYSICAL, reserved: 2, sellable: 21, store: 21 });

    // Shipped from the warehouse: 21 left, none reserved, still 21 to sell.
    await recordShipment(hub, { orderId: order.id, fromLocation: 'MAIN' });
    expect(await figures(store)).toEqual({ onHand: 21, reserved: 0, sellable: 21, store: 21 });
  });

  it('auto-approved orders reserve at once: 21 of 23', async () => {
    const paid = place(2, 2);
    const store = await addStore({ autoApproveStates: [2] });
    await goLive(store);
    expect((await orderOf(store, paid)).hubStatus).toBe('approved');
    expect(await figures(store)).toEqual({ onHand: PHYSICAL, reserved: 2, sellable: 21, store: 21 });
  });

  it('orders imported after the initial stock import count once too, whether placed before it or after', async () => {
    // Waiting for a bank wire: remembered for retry-orders, not imported at go-live.
    const wire = place(2, 10);
    const store = await addStore({ orderStates: { '10': 'retry' }, autoApproveStates: [2] });
    await goLive(store);
    expect(await hub.orders.findByExternalId(store.id, wire)).toBeUndefined();
    expect(await figures(store)).toMatchObject({ onHand: PHYSICAL, reserved: 0, store: 21 });

    // Paid after go-live: imported approved by retry-orders.
    emulator.store.payOrder(wire);
    await run('retry-orders', store, { all: true });
    expect((await orderOf(store, wire)).hubStatus).toBe('approved');
    expect(await figures(store)).toEqual({ onHand: PHYSICAL, reserved: 2, sellable: 21, store: 21 });

    // Placed after the import: the store takes 3 more, the hub reserves them once.
    const later = place(3, 2);
    expect(inStore()).toBe(18);
    await run('import-orders', store);
    expect((await orderOf(store, later)).hubStatus).toBe('approved');
    expect(await figures(store)).toEqual({ onHand: PHYSICAL, reserved: 5, sellable: 18, store: 18 });
  });

  it('a cancelled order gives its units back once, cancelled before go-live or after', async () => {
    const cancelledBefore = place(1, 2);
    emulator.store.cancelOrder(cancelledBefore);
    const waiting = place(2, 2);
    const approved = place(3, 2);
    expect(inStore()).toBe(PHYSICAL - 5);
    const store = await addStore();
    await goLive(store);
    expect((await orderOf(store, cancelledBefore)).hubStatus).toBe('cancelled');
    // Both open orders reserve, waiting for approval: 23 − 2 − 3 = 18, what the store shows.
    expect(await figures(store)).toEqual({ onHand: PHYSICAL, reserved: 5, sellable: 18, store: 18 });
    await hub.orders.approve([(await orderOf(store, approved)).id]);
    expect(await figures(store)).toEqual({ onHand: PHYSICAL, reserved: 5, sellable: 18, store: 18 });

    // The store cancels both (PrestaShop puts their units back); update-orders cancels them in the hub.
    emulator.store.cancelOrder(waiting);
    emulator.store.cancelOrder(approved);
    // On top of the 18 the store showed, until the hub pushes its own figure.
    expect(inStore()).toBe(PHYSICAL);
    await run('update-orders', store);
    expect((await orderOf(store, waiting)).hubStatus).toBe('cancelled');
    expect((await orderOf(store, approved)).hubStatus).toBe('cancelled');
    expect(await figures(store)).toEqual({
      onHand: PHYSICAL,
      reserved: 0,
      sellable: PHYSICAL,
      store: PHYSICAL,
    });
  });
});
