import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import type { ApiOrder, ApiOrderSummary, ApiRun, ApiStockItem } from '../../src/server/index.js';
import { importProductsFeed } from '../../src/sync/catalog/import-products.feed.js';
import { importOrdersFeed } from '../../src/sync/orders/index.js';
import { describeEachEngine } from '../support/databases.js';
import { type Emulator, type ServerUnderTest, startTestServer } from './server-harness.js';

describe('API: orders and stock', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('orders and stock routes', (engine) => {
    let api: ServerUnderTest;
    let hub: Hub;
    let store: Store;

    async function runNow(feed: string): Promise<void> {
      const started = await api.call('POST', `/stores/emu/feeds/${feed}/runs`);
      expect(started.statusCode).toBe(202);
      const run = started.json<{ run: ApiRun }>().run;
      expect(await api.finished(run.id)).toMatchObject({ status: 'succeeded' });
    }
    const orders = async (query = ''): Promise<{ items: ApiOrderSummary[]; next: string | null }> =>
      (await api.call('GET', `/orders${query}`)).json();
    const storeState = (externalId: string | null): number =>
      Number(textOf(emulator.store.get('orders', Number(externalId))?.values.current_state));

    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [importProductsFeed, importOrdersFeed] });
      hub = api.hub;
      await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
      store = await hub.stores.create({
        name: 'emu',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: {
          shipmentStates: { full: 4, partial: 3 },
          defaults: { stockLocation: 'MAIN' },
          stockExportLocations: ['MAIN'],
        },
      });
      await runNow('import-products');
      await runNow('import-orders');
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('lists orders newest first, filtered by store and status, a page at a time', async () => {
      const all = await orders('?limit=500');
      expect(all.items.length).toBeGreaterThan(5);
      expect(all.items.length).toBe((await hub.orders.list({ limit: 500 })).length);
      expect(all.items.every((order) => order.storeId === store.id)).toBe(true);
      expect(all.items[0]?.placedAt).toMatchObject({ local: expect.stringMatching(/^\d{4}-/) as string });

      const pending = await orders('?status=pending_approval&store=emu&limit=500');
      expect(pending.items.length).toBeGreaterThan(0);
      expect(pending.items.every((order) => order.hubStatus === 'pending_approval')).toBe(true);

      const first = await orders('?limit=2');
      expect(first.items).toEqual(all.items.slice(0, 2));
      const second = (await api.call('GET', first.next!)).json<{ items: ApiOrderSummary[] }>();
      expect(second.items).toEqual(all.items.slice(2, 4));
      expect((await api.call('GET', '/orders?status=lost')).json()).toMatchObject({
        error: { field: 'querystring.status' },
      });
    });

    it('reads one order with its lines, totals and state history', async () => {
      const [summary] = (await orders('?status=pending_approval')).items;
      const answer = await api.call('GET', `/orders/${summary!.id}`);
      expect(answer.statusCode).toBe(200);
      const order = answer.json<ApiOrder>();
      const stored = await hub.orders.get(summary!.id);
      expect(order.lines.map((line) => [line.sku, line.quantity])).toEqual(
        stored.lines.map((line) => [line.sku, line.quantity]),
      );
      expect(order.totals.paid).toBe(stored.totals.paid);
      expect(order.deliveryAddress.city).toBe(stored.deliveryAddress.city);
      expect(order.stateHistory.length).toBeGreaterThan(0);
      expect((await api.call('GET', '/orders/999999')).statusCode).toBe(404);
      expect((await api.call('GET', '/orders/first')).json()).toMatchObject({
        error: { field: 'params.id' },
      });
    });

    it('approves an order once, ships part of it then the rest, and queues the confirmations', async () => {
      const [summary] = (await orders('?status=pending_approval')).items;
      const id = summary!.id;
      const notYet = await api.call('POST', `/orders/${id}/shipments`);
      expect(notYet.statusCode).toBe(422);

      const approved = await api.call('POST', `/orders/${id}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json<ApiOrder>().hubStatus).toBe('approved');
      const twice = await api.call('POST', `/orders/${id}/approve`);
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ error: { code: 'order-not-pending' } });

      const line = approved.json<ApiOrder>().lines.find((entry) => entry.kind === 'product')!;
      const refused = await api.call('POST', `/orders/${id}/shipments`, {
        lines: [{ orderLineId: line.id, quantity: 0 }],
      });
      expect(refused.json()).toMatchObject({ error: { code: 'validation', field: 'body.lines.0.quantity' } });

      const partial = await api.call('POST', `/orders/${id}/shipments`, {
        lines: [{ orderLineId: line.id, quantity: 1 }],
        trackingNumber: 'LP0001FR',
        carrier: 'La Poste',
        fromLocation: null,
      });
      const productLines = approved.json<ApiOrder>().lines.filter((entry) => entry.kind === 'product');
      const everything = productLines.reduce((sum, entry) => sum + entry.quantity, 0);
      expect(partial.statusCode).toBe(201);
      expect(partial.json()).toMatchObject({
        shipment: { trackingNumber: 'LP0001FR', complete: everything === 1 },
        order: { hubStatus: everything === 1 ? 'shipped' : 'partially_shipped' },
        confirmationQueued: true,
      });
      if (everything > 1) {
        const rest = await api.call('POST', `/orders/${id}/shipments`, { fromLocation: null });
        expect(rest.json()).toMatchObject({ shipment: { complete: true }, order: { hubStatus: 'shipped' } });
      }
      const queued = await hub.outbox.list({ storeId: store.id, kind: 'shipment' });
      expect(queued.length).toBe(everything > 1 ? 2 : 1);
      expect((await api.call('POST', '/orders/999999/approve')).statusCode).toBe(404);
    });

    it("moves an order to a store state by name or id, through the store's order history", async () => {
      const summary = (await orders('?limit=500')).items.at(-1);
      const byName = await api.call('PUT', `/orders/${summary!.id}/state`, {
        state: 'Delivered',
        sendEmail: false,
      });
      expect(byName.statusCode).toBe(200);
      expect(byName.json()).toMatchObject({ state: { id: 5, name: 'Delivered' }, delivered: true });
      expect(storeState(summary!.externalId)).toBe(5);

      const byId = await api.call('PUT', `/orders/${summary!.id}/state`, { state: 4 });
      expect(byId.json()).toMatchObject({ state: { id: 4 }, delivered: true });
      expect(storeState(summary!.externalId)).toBe(4);

      const unknown = await api.call('PUT', `/orders/${summary!.id}/state`, { state: 'Teleported' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(
        /no order state 'Teleported'/,
      );
      expect(storeState(summary!.externalId)).toBe(4);
      expect((await api.call('PUT', `/orders/${summary!.id}/state`, {})).json()).toMatchObject({
        error: { field: 'body.state' },
      });
    });

    it('adjusts stock at a location and shows it per variant and location', async () => {
      const [row] = (await api.call('GET', '/products?limit=1')).json<{
        items: Array<{ variantId: number; sku: string }>;
      }>().items;
      const added = await api.call('POST', '/stock/adjustments', {
        variantId: row!.variantId,
        location: 'MAIN',
        change: 7,
        reason: 'delivery from the supplier',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ variantId: row!.variantId, location: 'MAIN', onHand: 7 });
      const removed = await api.call('POST', '/stock/adjustments', {
        variantId: row!.variantId,
        location: 'MAIN',
        change: -2,
        reason: 'broken',
      });
      expect(removed.json()).toMatchObject({ onHand: 5 });

      const atMain = (await api.call('GET', '/stock?location=MAIN')).json<{ items: ApiStockItem[] }>().items;
      expect(atMain.find((item) => item.variantId === row!.variantId)).toMatchObject({
        sku: row!.sku,
        onHand: [{ location: 'MAIN', onHand: 5 }],
      });
      const bySku = (await api.call('GET', `/stock?sku=${encodeURIComponent(row!.sku)}`)).json<{
        items: ApiStockItem[];
      }>();
      expect(bySku.items.map((item) => item.variantId)).toContain(row!.variantId);
      expect((await api.call('GET', '/stock?limit=0')).json()).toMatchObject({
        error: { field: 'querystring.limit' },
      });
      expect((await api.call('GET', '/stock?variant=1')).json()).toMatchObject({
        error: { field: 'querystring.variant' },
      });
      const [movement] = await hub.stock.movements(row!.variantId, { limit: 1 });
      expect(movement).toMatchObject({ kind: 'adjustment', quantity: -2, note: 'broken' });
    });

    it('refuses an adjustment of nothing, of an unknown variant, or at an unknown location, changing nothing', async () => {
      const before = await hub.stock.list({ limit: 500 });
      const zero = await api.call('POST', '/stock/adjustments', {
        variantId: 1,
        location: 'MAIN',
        change: 0,
        reason: 'x',
      });
      expect(zero.json()).toMatchObject({ error: { code: 'validation', field: 'body.change' } });
      const noReason = await api.call('POST', '/stock/adjustments', {
        variantId: 1,
        location: 'MAIN',
        change: 1,
      });
      expect(noReason.json()).toMatchObject({ error: { field: 'body.reason' } });
      const unknown = await api.call('POST', '/stock/adjustments', {
        variantId: 999999,
        location: 'MAIN',
        change: 1,
        reason: 'x',
      });
      expect(unknown.statusCode).toBe(404);
      const nowhere = await api.call('POST', '/stock/adjustments', {
        variantId: 1,
        location: 'ATTIC',
        change: 1,
        reason: 'x',
      });
      expect(nowhere.statusCode).toBe(422);
      expect(await hub.stock.list({ limit: 500 })).toEqual(before);
    });

    it('refuses to adjust a kit, saying to adjust its components', async () => {
      const other = await hub.stores.create({ name: 'kits', url: 'https://kits.test' });
      const written = await hub.catalog.upsertProducts(other.id, [
        {
          externalId: 1,
          kind: 'kit',
          name: 'Gift box',
          price: '20',
          variants: [{ externalId: '1:0', sku: 'BOX' }],
        },
        {
          externalId: 2,
          kind: 'simple',
          name: 'Candle',
          price: '5',
          variants: [{ externalId: '2:0', sku: 'CANDLE' }],
        },
      ]);
      const kitId = written.variantIds.get('1:0')!;
      await hub.catalog.setKitComponents([
        { kitVariantId: kitId, components: [{ variantId: written.variantIds.get('2:0')!, quantity: 2 }] },
      ]);
      const refused = await api.call('POST', '/stock/adjustments', {
        variantId: kitId,
        location: 'MAIN',
        change: 1,
        reason: 'x',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json<{ error: { message: string } }>().error.message).toBe(
        `Variant ${kitId} is a kit: its stock is computed from its components; adjust the components instead.`,
      );
      expect(await hub.stock.movements(kitId, { limit: 1 })).toEqual([]);
    });
  });
});
