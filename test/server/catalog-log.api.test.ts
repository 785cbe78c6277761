import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import type {
  ApiProduct,
  ApiProductRow,
  ApiRequestLogDetail,
  ApiRequestLogEntry,
  ApiRun,
} from '../../src/server/index.js';
import { importProductsFeed } from '../../src/sync/catalog/import-products.feed.js';
import { describeEachEngine } from '../support/databases.js';
import { type Emulator, type ServerUnderTest, startTestServer } from './server-harness.js';

describe('API: products and the request log', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('products and request-log routes', (engine) => {
    let api: ServerUnderTest;
    let hub: Hub;
    let store: Store;
    let keyInUrls: Store;
    const key = (): string => emulator.keys[0]!;

    async function runNow(storeName: string): Promise<ApiRun> {
      const started = await api.call('POST', `/stores/${storeName}/feeds/import-products/runs`);
      expect(started.statusCode).toBe(202);
      const run = started.json<{ run: ApiRun }>().run;
      await api.finished(run.id);
      return (await api.call('GET', `/runs/${run.id}`)).json<ApiRun>();
    }

    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [importProductsFeed] });
      hub = api.hub;
      store = await hub.stores.create({
        name: 'emu',
        url: emulator.url,
        webserviceKey: key(),
        settings: { extras: { logApiRequests: true } },
      });
      // A host that strips the Authorization header: the key travels in the URL (ws_key).
      keyInUrls = await hub.stores.create({
        name: 'emu-query',
        url: emulator.url,
        webserviceKey: key(),
        authMode: 'query',
        settings: { extras: { logApiRequests: true } },
      });
      expect((await runNow('emu')).status).toBe('succeeded');
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('lists every variant the import brought in, with the store it is bound to', async () => {
      const answer = await api.call('GET', '/products?limit=500');
      expect(answer.statusCode).toBe(200);
      const rows = answer.json<{ items: ApiProductRow[]; next: string | null }>();
      const expected = await hub.catalog.listVariants({ limit: 500 });
      expect(rows.items.map((row) => row.variantId)).toEqual(expected.map((row) => row.variantId));
      expect(new Set(rows.items.map((row) => row.productId)).size).toBe(emulator.store.count('products'));
      expect(rows.items.every((row) => row.storeIds.includes(store.id))).toBe(true);
      expect(rows.items[0]?.price).toMatch(/^\d+\.\d+$/);
      expect(rows.next).toBeNull();
      const elsewhere = (await api.call('GET', '/products?store=emu-query')).json<{ items: unknown[] }>();
      expect(elsewhere.items).toEqual([]);
    });

    it('searches by SKU or name, a page at a time', async () => {
      const all = (await api.call('GET', '/products?limit=500')).json<{ items: ApiProductRow[] }>().items;
      const target = all.find((row) => row.sku !== null)!;
      const bySku = (await api.call('GET', `/products?search=${encodeURIComponent(target.sku!)}`)).json<{
        items: ApiProductRow[];
      }>();
      expect(bySku.items.map((row) => row.variantId)).toContain(target.variantId);
      const word = target.name.split(' ')[0]!.toUpperCase();
      const byName = (await api.call('GET', `/products?search=${encodeURIComponent(word)}`)).json<{
        items: ApiProductRow[];
      }>();
      expect(byName.items.map((row) => row.variantId)).toContain(target.variantId);
      expect(byName.items.length).toBeLessThan(all.length);

      const first = (await api.call('GET', '/products?limit=3')).json<{
        items: ApiProductRow[];
        next: string;
      }>();
      expect(first.next).toBe(`/products?limit=3&after=${first.items[2]!.variantId}`);
      const second = (await api.call('GET', first.next)).json<{ items: ApiProductRow[] }>();
      expect(second.items).toEqual(all.slice(3, 6));
      expect((await api.call('GET', '/products?limit=many')).json()).toMatchObject({
        error: { field: 'querystring.limit' },
      });
      expect((await api.call('GET', '/products?store=nope')).statusCode).toBe(404);
    });

    it('reads one product with its variants', async () => {
      const rows = (await api.call('GET', '/products?limit=500')).json<{ items: ApiProductRow[] }>().items;
      const withVariants = rows.find(
        (row) => rows.filter((other) => other.productId === row.productId).length > 1,
      )!;
      const answer = await api.call('GET', `/products/${withVariants.productId}`);
      expect(answer.statusCode).toBe(200);
      const product = answer.json<ApiProduct>();
      expect(product).toMatchObject({ id: withVariants.productId, kind: 'combinations' });
      expect(product.variants.map((variant) => variant.id)).toEqual(
        rows.filter((row) => row.productId === product.id).map((row) => row.variantId),
      );
      expect(Object.keys(product.names).length).toBeGreaterThan(0);
      expect((await api.call('GET', '/products/999999')).statusCode).toBe(404);
      expect((await api.call('GET', '/products/abc')).json()).toMatchObject({
        error: { field: 'params.id' },
      });
    });

    it('shows the requests a run sent, newest first, with keys redacted even when the key was in the URL', async () => {
      expect((await runNow('emu-query')).status).toBe('succeeded');
      const answer = await api.call('GET', '/request-log?store=emu-query&limit=500');
      expect(answer.statusCode).toBe(200);
      const entries = answer.json<{ items: ApiRequestLogEntry[] }>().items;
      expect(entries.length).toBeGreaterThan(3);
      expect(entries.every((entry) => entry.storeId === keyInUrls.id && entry.status === 200)).toBe(true);
      expect(entries.some((entry) => entry.url.includes('ws_key=***'))).toBe(true);
      expect(entries.map((entry) => entry.id)).toEqual(
        [...entries.map((entry) => entry.id)].sort((a, b) => b - a),
      );
      expect(answer.body).not.toContain(key());
      const one = await api.call('GET', `/request-log/${entries[0]!.id}`);
      expect(one.json<ApiRequestLogDetail>()).toMatchObject({ id: entries[0]!.id, requestBody: null });
      expect(one.body).not.toContain(key());
    });

    it('filters the log by status and time, and shows the bodies kept for a failure', async () => {
      const at = new Date('2026-01-10T12:00:00.000Z');
      await hub.requestLog.record([
        {
          storeId: store.id,
          at,
          method: 'PUT',
          url: `${emulator.url}/api/stock_availables/4?ws_key=${key()}`,
          status: 400,
          durationMs: 12,
          requestBody: `<prestashop><stock_available><quantity>x</quantity></stock_available></prestashop> ${key()}`,
          responseBody: '<error>quantity is invalid</error>',
          secrets: [key()],
        },
        {
          storeId: store.id,
          at,
          method: 'GET',
          url: `${emulator.url}/api/orders`,
          status: null,
          durationMs: 30_000,
          error: 'timed out',
        },
      ]);
      const failed = (await api.call('GET', '/request-log?status=failed&store=emu')).json<{
        items: ApiRequestLogEntry[];
      }>().items;
      expect(failed.map((entry) => [entry.method, entry.status])).toEqual([
        ['GET', null],
        ['PUT', 400],
      ]);
      const exact = (await api.call('GET', '/request-log?status=400')).json<{
        items: ApiRequestLogEntry[];
      }>();
      expect(exact.items.map((entry) => entry.method)).toEqual(['PUT']);
      const window = (
        await api.call('GET', '/request-log?from=2026-01-10T00:00:00Z&to=2026-01-11T00:00:00Z')
      ).json<{ items: ApiRequestLogEntry[] }>().items;
      expect(window).toHaveLength(2);
      const ok = (await api.call('GET', '/request-log?status=ok&store=emu&limit=500')).json<{
        items: ApiRequestLogEntry[];
      }>().items;
      expect(ok.every((entry) => entry.status !== null && entry.status < 400)).toBe(true);

      const detail = await api.call('GET', `/request-log/${failed[1]!.id}`);
      expect(detail.json<ApiRequestLogDetail>()).toMatchObject({
        responseBody: '<error>quantity is invalid</error>',
        url: expect.stringContaining('ws_key=***') as string,
      });
      expect(detail.json<ApiRequestLogDetail>().requestBody).toContain('<quantity>x</quantity>');
      expect(detail.body).not.toContain(key());

      for (const query of ['status=teapot', 'from=yesterday', 'store=nope', 'level=debug']) {
        const refused = await api.call('GET', `/request-log?${query}`);
        expect(refused.statusCode, query).toBe(query === 'store=nope' ? 404 : 400);
      }
      expect((await api.call('GET', '/request-log/999999')).statusCode).toBe(404);
    });
  });
});
