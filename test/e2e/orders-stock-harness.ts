/**
 * What the orders and stock screens' browser tests add to the console harness: a store with
 * imported catalog, stock and orders, and reads of what the emulated store holds.
 */
import { textOf } from '../../src/emulator/index.js';
import type { Order, Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import { importProductsFeed } from '../../src/sync/catalog/import-products.feed.js';
import { importStockFeed } from '../../src/sync/index.js';
import { importOrdersFeed } from '../../src/sync/orders/index.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import type { ConsoleUnderTest } from './console-harness.js';

/**
 * A store `shop` on the emulator ready for the orders and stock screens: its catalog, its stock
 * (the initial stock import, into MAIN — also where shipments take goods from and what it sells
 * from) and its orders imported, export on; a full shipment moves its order to Shipped (4), a partial one to
 * Processing in progress (3). The outbox stays undrained until a test drains it
 * (`server.outbox.drainOnce()`), so that it can see what waits.
 */
export async function prepareOrdersAndStock(under: ConsoleUnderTest): Promise<Store> {
  const store = await addEmulatorStore(under.hub, under.emulator, 'shop', {
    shipmentStates: { full: 4, partial: 3 },
    defaults: { stockLocation: 'MAIN' },
    stockImportLocation: 'MAIN',
    stockExportLocations: ['MAIN'],
    // The outbox goes only to stores that export.
    export: { enabled: true },
  });
  const runner = new FeedRunner({ hub: under.hub, clientOverrides: { retry: { maxRetries: 0 } } });
  for (const feed of [importProductsFeed, importStockFeed, importOrdersFeed]) {
    const outcome = await runner.run({
      feed,
      store: await under.hub.stores.get(store.id),
      trigger: 'manual',
    });
    if (outcome.run.status !== 'succeeded')
      throw new Error(`${feed.name} did not succeed: ${outcome.run.error ?? outcome.run.status}`);
  }
  return under.hub.stores.get(store.id);
}

/**
 * A shopper orders `quantity` units of the store's product 1, and the store's new orders are
 * imported: the hub's order, approved.
 */
export async function placeAndImportOrder(
  under: ConsoleUnderTest,
  store: Store,
  quantity: number,
): Promise<Order> {
  const { order } = under.emulator.store.placeOrder({ customerId: 2, lines: [{ productId: 1, quantity }] });
  const runner = new FeedRunner({ hub: under.hub, clientOverrides: { retry: { maxRetries: 0 } } });
  await runner.run({
    feed: importOrdersFeed,
    store: await under.hub.stores.get(store.id),
    trigger: 'manual',
  });
  const imported = await under.hub.orders.findByExternalId(store.id, order.id);
  if (imported === undefined) throw new Error(`The store's order ${order.id} was not imported.`);
  await under.hub.orders.approve([imported.id]);
  return under.hub.orders.get(imported.id);
}

/** The store's current state of one of its orders. */
export function storeOrderState(under: ConsoleUnderTest, externalId: string): number {
  return Number(textOf(under.emulator.store.get('orders', Number(externalId))?.values.current_state));
}

/** The tracking numbers of one of the store's orders. */
export function storeTrackingNumbers(under: ConsoleUnderTest, externalId: string): string[] {
  return [...under.emulator.store.records('order_carriers')]
    .filter((row) => textOf(row.values.id_order) === externalId)
    .map((row) => textOf(row.values.tracking_number));
}

/** The store's quantity of one of its variants (`<product>:<combination>`). */
export function storeQuantity(under: ConsoleUnderTest, externalId: string): number {
  const [productId, combinationId] = externalId.split(':').map(Number);
  for (const row of under.emulator.store.records('stock_availables')) {
    if (
      Number(textOf(row.values.id_product)) === productId &&
      Number(textOf(row.values.id_product_attribute)) === combinationId
    )
      return Number(textOf(row.values.quantity));
  }
  throw new Error(`The store has no stock row for ${externalId}.`);
}
