import { afterAll, beforeAll, expect, it } from 'vitest';

import { DEFAULT_FULL_KEY, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { StoreSession } from '../../../src/sync/index.js';
import {
  importOrdersFeed,
  ORDER_OUTBOX_HANDLERS,
  recordShipment,
  sendOrderConfirmations,
  shippingConfirmationFeed,
} from '../../../src/sync/orders/index.js';
import { drainOutbox, outboxHandlerSet } from '../../../src/sync/outbox/index.js';
import { describeEachEngine, manualClock } from '../../support/databases.js';
import { type Emulator, runFeed } from './support/order-harness.js';
import { startStoreProxy, type StoreProxy } from './support/store-proxy.js';

/** Every verb everywhere, except writing tracking numbers and order states: a key made for imports. */
const NO_CONFIRM_KEY = 'PRESTABRIDGEKEYWITHOUTCONFIRMS03';
const NO_CONFIRM = `${NO_CONFIRM_KEY}:*=GET|PUT|POST|DELETE|HEAD,order_carriers=GET|HEAD,order_histories=GET|HEAD`;

/**
 * A host in front of the store whose permissions change under the hub: the `/api/` listing answers
 * as for `keys().listing`, every other request goes on with `keys().requests` (default: the key the
 * hub sends). A listing read with a key holding every permission, requests with a lesser one: the
 * key lost permissions after the hub looked. The other way round: permissions granted since.
 */
function changingKeyProxy(
  target: string,
  keys: () => { readonly listing: string; readonly requests?: string },
): Promise<StoreProxy> {
  const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  return startStoreProxy(
    target,
    () => 'pass',
    undefined,
    (path, headers) => {
      const { listing, requests } = keys();
      if (new URL(path, target).pathname === '/api/') headers.set('authorization', basic(listing));
      else if (requests !== undefined) headers.set('authorization', basic(requests));
    },
  );
}

describeEachEngine('shipping confirmation with a key that may not write it', (engine) => {
  let emulator: Emulator;
  let proxy: { url: string; close(): Promise<void> };
  let hub: Hub;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', keys: [DEFAULT_FULL_KEY, NO_CONFIRM] });
    proxy = await changingKeyProxy(emulator.url, () => ({ listing: emulator.keys[0]! }));
    hub = await engine.openHub({ clock });
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  /** A store reached at `url` with the key lacking the confirmation writes, and an order of it shipped in the hub. */
  async function shippedOrder(
    name: string,
    url: string,
  ): Promise<{ store: Store; storeOrderId: number; orderId: number }> {
    const { order } = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: 1, quantity: 1 }],
      stateId: 2,
    });
    const store = await hub.stores.create({
      name,
      url,
      webserviceKey: NO_CONFIRM_KEY,
      timeZone: 'Europe/Paris',
      settings: { autoApproveStates: [2], importOrdersFromId: order.id, shipmentStates: { full: 4 } },
      defaultLocations: true,
    });
    // Importing only reads: the key allows it.
    const imported = await runFeed(hub, importOrdersFeed, store, { clock });
    expect(imported.run.status).toBe('succeeded');
    const local = await hub.orders.findByExternalId(store.id, order.id);
    await recordShipment(hub, { orderId: local!.id, trackingNumber: 'LP-NO-RIGHTS' });
    return { store, storeOrderId: order.id, orderId: local!.id };
  }
  const storeState = (orderId: number) => textOf(emulator.store.get('orders', orderId)?.values.current_state);

  it('leaves the confirmation waiting before anything is sent, saying which permissions the key lacks', async () => {
    const { store, storeOrderId, orderId } = await shippedOrder('no-rights', emulator.url);
    emulator.resetCounts();
    const { run, report } = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(run.status).toBe('succeeded');
    expect(report.notices.map((notice) => notice.message)).toContain(
      "Outbox entries to confirm shipments (kind 'shipment') wait: the key lacks PUT on order_carriers, " +
        "POST on order_histories — give the webservice key those permissions in the store's back office " +
        '(Advanced Parameters > Webservice).',
    );
    // Nothing was tried: no write, and the entry waits as it was.
    expect(emulator.requestCounts().order_carriers).toBeUndefined();
    expect(emulator.requestCounts().order_histories).toBeUndefined();
    expect(await hub.outbox.list({ storeId: store.id, kind: 'shipment' })).toMatchObject([
      { status: 'pending', attempts: 0 },
    ]);
    expect(storeState(storeOrderId)).toBe('2');

    // What `orders ship` says when it tries to tell the store at once.
    const session = await StoreSession.open(hub, store, { retry: { maxRetries: 0 } });
    try {
      const told = await sendOrderConfirmations(hub, store, session.client, orderId);
      expect(told.delivered).toBe(false);
      expect(told.why).toBe(
        "the key lacks PUT on order_carriers, POST on order_histories — give the webservice key those permissions in the store's back office (Advanced Parameters > Webservice)",
      );
    } finally {
      await session.close();
    }
  });

  it('fails a confirmation the store refuses later with the permission the key lacks, never "did not answer"', async () => {
    const { store, storeOrderId } = await shippedOrder('revoked', proxy.url);
    const { report } = await runFeed(hub, shippingConfirmationFeed, store, { clock });
    expect(report.counts).toMatchObject({ updated: 0, failed: 1 });
    const [entry] = await hub.outbox.list({ storeId: store.id, kind: 'shipment' });
    expect(entry?.status).toBe('failed');
    expect(entry?.lastError).toMatch(
      /^the key lacks PUT on order_carriers — give the webservice key that permission in the store's back office \(Advanced Parameters > Webservice\) \(PUT order_carriers\/\d+ answered 405\)$/,
    );
    expect(report.failures.map((failure) => failure.reason)).toEqual([entry?.lastError]);
    expect(JSON.stringify(report)).not.toContain('did not answer');
    expect(storeState(storeOrderId)).toBe('2');
  });

  it('sees a permission granted since, on a session that lives on (serve), within minutes and at the cost of one request', async () => {
    let granted = false;
    const granting = await changingKeyProxy(emulator.url, () =>
      granted
        ? { listing: emulator.keys[0]!, requests: emulator.keys[0]! }
        : { listing: NO_CONFIRM_KEY, requests: NO_CONFIRM_KEY },
    );
    try {
      const { store, storeOrderId } = await shippedOrder('granted-later', granting.url);
      const session = await StoreSession.open(hub, store, { retry: { maxRetries: 0 } });
      const drain = () =>
        drainOutbox({
          hub,
          store,
          client: session.client,
          handlers: outboxHandlerSet([...ORDER_OUTBOX_HANDLERS]),
          clock,
        });
      try {
        expect((await drain()).waiting.map((waiting) => waiting.kind)).toEqual(['shipment', 'order_state']);
        granted = true;
        emulator.resetCounts();
        // Within a few minutes the listing is trusted: no request, the entry still waits.
        clock.advance(60_000);
        expect((await drain()).waiting.map((waiting) => waiting.kind)).toEqual(['shipment', 'order_state']);
        expect(emulator.requestCounts()['']).toBeUndefined();
        // Later, the listing is read again once, and the confirmation goes out.
        clock.advance(5 * 60_000);
        const report = await drain();
        expect(report).toMatchObject({ waiting: [], sent: 1, failed: 0 });
        expect(emulator.requestCounts()['']).toEqual({ GET: 1 });
        expect(storeState(storeOrderId)).toBe('4');
      } finally {
        await session.close();
      }
    } finally {
      await granting.close();
    }
  });
});
