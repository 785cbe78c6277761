import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import type { ApiOrderSummary, ApiRun } from '../../src/server/index.js';
import { importProductsFeed } from '../../src/sync/catalog/import-products.feed.js';
import { importOrdersFeed } from '../../src/sync/orders/index.js';
import { describeEachEngine } from '../support/databases.js';
import { type Emulator, type ServerUnderTest, startTestServer } from './server-harness.js';

/** The console's order list filters, and the routes its stock screens use. */
describe('API: order list filters and the stock screens’ routes', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('order filters', (engine) => {
    let api: ServerUnderTest;
    let hub: Hub;
    let store: Store;
    const orders = async (query: string): Promise<ApiOrderSummary[]> => {
      const answer = await api.call('GET', `/orders?limit=500&${query}`);
      expect(answer.statusCode).toBe(200);
      return answer.json<{ items: ApiOrderSummary[] }>().items;
    };

    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [importProductsFeed, importOrdersFeed] });
      hub = api.hub;
      await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
      store = await hub.stores.create({
        name: 'emu',
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { defaults: { stockLocation: 'MAIN' }, stockExportLocations: ['MAIN'] },
      });
      for (const feed of ['import-products', 'import-orders']) {
        const run = (await api.call('POST', `/stores/emu/feeds/${feed}/runs`)).json<{ run: ApiRun }>().run;
        expect(await api.finished(run.id)).toMatchObject({ status: 'succeeded' });
      }
    }, 120_000);
    afterAll(async () => {
      await api.server.close();
    });

    it('narrows by store state, reference, customer and placed window, each against what the hub holds', async () => {
      const all = await hub.orders.list({ limit: 500 });
      const [first] = all;
      const state = first!.storeStateId!;
      expect((await orders(`storeState=${state}`)).map((order) => order.id)).toEqual(
        all.filter((order) => order.storeStateId === state).map((order) => order.id),
      );
      expect((await orders(`reference=${first!.reference}`)).map((order) => order.id)).toEqual(
        all.filter((order) => order.reference === first!.reference).map((order) => order.id),
      );
      const withCustomer = all.find((order) => order.customerId !== null)!;
      const ofCustomer = all.filter((order) => order.customerId === withCustomer.customerId).map((o) => o.id);
      expect((await orders(`customer=${withCustomer.customerId}`)).map((order) => order.id)).toEqual(
        ofCustomer,
      );
      const lastName = withCustomer.customerName!.split(' ').at(-1)!;
      expect((await orders(`customer=${lastName.slice(0, 3).toUpperCase()}`)).map((o) => o.id)).toEqual(
        expect.arrayContaining(ofCustomer),
      );
      const day = first!.placedAt.instant.slice(0, 10);
      const onDay = await orders(`placedFrom=${day}&placedTo=${day}`);
      expect(onDay.map((order) => order.id)).toEqual(
        all.filter((order) => order.placedAt.instant.startsWith(day)).map((order) => order.id),
      );
      expect(await orders(`placedFrom=${day}&placedTo=${day}&reference=none`)).toEqual([]);
      expect((await api.call('GET', '/orders?placedFrom=yesterday')).json()).toMatchObject({
        error: { field: 'querystring.placedFrom' },
      });
      expect(store.id).toBeGreaterThan(0);
    });

    it('records counts (a second, equal count changes nothing) and reads the ledger, kits and the outbox', async () => {
      const variant =
        (await hub.stock.list({ limit: 500 })).find((item) => !item.kit) ??
        (await api.call('GET', '/products?limit=1')).json<{ items: { variantId: number }[] }>().items[0];
      const variantId = variant!.variantId;
      const counted = await api.call('POST', '/stock/counts', {
        variantId,
        location: 'MAIN',
        counted: 9,
        reason: 'inventory',
      });
      expect(counted.statusCode).toBe(201);
      expect(counted.json()).toMatchObject({ variantId, location: 'MAIN', onHand: 9, changed: true });
      const again = await api.call('POST', '/stock/counts', {
        variantId,
        location: 'MAIN',
        counted: 9,
        reason: 'again',
      });
      expect(again.json()).toMatchObject({ onHand: 9, changed: false });
      const ledger = (await api.call('GET', `/stock/${variantId}/movements`)).json<{
        items: { reference: string | null; note: string | null }[];
      }>();
      // A count keeps its reason as the movement's note, as an adjustment does; nothing to refer to.
      expect(ledger.items[0]).toMatchObject({ note: 'inventory', reference: null, kind: 'adjustment' });
      expect((await api.call('GET', '/stock/kits')).statusCode).toBe(200);
      const outbox = (await api.call('GET', '/outbox?store=emu&status=open')).json<{ counts: object }>();
      expect(outbox.counts).toMatchObject({ failed: 0 });
      expect((await api.call('GET', '/stock/999999/movements')).statusCode).toBe(404);
    });
  });
});
