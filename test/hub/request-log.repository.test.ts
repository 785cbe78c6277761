import { beforeAll, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

const KEY = 'ZR92FNY5UFRERNI3O9Z5QDHWKTP3YIIT';

describeEachEngine('request log', (engine) => {
  const clock = manualClock('2026-05-01T00:00:00.000Z');
  let hub: Hub;
  let store: Store;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    store = await hub.stores.create({ name: 'logged', url: 'https://logged.test' });
  });

  it('never keeps a webservice key, in the URL, the bodies or the error', async () => {
    await hub.requestLog.record({
      storeId: store.id,
      method: 'get',
      url: `https://logged.test/api/orders?ws_key=${KEY}&display=full`,
      status: 401,
      durationMs: 12.4,
      requestBody: `<key>${KEY}</key>`,
      responseBody: 'Unauthorized',
      error: `Authorization: Basic ${Buffer.from(`${KEY}:`).toString('base64')}`,
      secrets: [KEY],
    });
    const [entry] = await hub.requestLog.list({ storeId: store.id });
    expect(entry).toMatchObject({
      method: 'GET',
      url: 'https://logged.test/api/orders?ws_key=***&display=full',
      status: 401,
      durationMs: 12,
    });
    const full = await hub.requestLog.get(entry!.id);
    expect(JSON.stringify(full)).not.toContain(KEY);
    expect(full?.requestBody).toBe('<key>***</key>');
  });

  it('filters by store, status and time', async () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 4, 1, 1, minutes));
    await hub.requestLog.record([
      {
        storeId: store.id,
        at: at(0),
        method: 'GET',
        url: 'https://logged.test/api/products',
        status: 200,
        durationMs: 5,
      },
      {
        storeId: store.id,
        at: at(10),
        method: 'PUT',
        url: 'https://logged.test/api/stock_availables/1',
        status: 500,
        durationMs: 5,
      },
      {
        storeId: store.id,
        at: at(20),
        method: 'GET',
        url: 'https://logged.test/api/orders',
        status: null,
        durationMs: 30_000,
        error: 'timeout',
      },
    ]);
    const failed = await hub.requestLog.list({ storeId: store.id, status: 'failed', from: at(0) });
    expect(failed.map((entry) => entry.status)).toEqual([null, 500]);
    expect((await hub.requestLog.list({ storeId: store.id, status: 200 })).map((entry) => entry.url)).toEqual(
      ['https://logged.test/api/products'],
    );
    expect(
      (await hub.requestLog.list({ storeId: store.id, from: at(5), to: at(15) })).map(
        (entry) => entry.method,
      ),
    ).toEqual(['PUT']);
  });

  it('prunes by age, then the oldest entries until the log fits in the size given', async () => {
    const other = await hub.stores.create({ name: 'pruned', url: 'https://pruned.test' });
    await hub.requestLog.record(
      Array.from({ length: 10 }, (_, index) => ({
        storeId: other.id,
        at: new Date(Date.UTC(2026, 4, 2, 0, index)),
        method: 'GET',
        url: `https://pruned.test/api/products/${index}`,
        status: 200,
        durationMs: 1,
        responseBody: 'x'.repeat(1000),
      })),
    );
    const deletedByAge = await hub.requestLog.prune({ olderThan: new Date(Date.UTC(2026, 4, 2, 0, 2)) });
    expect(deletedByAge).toBeGreaterThanOrEqual(2);
    await hub.requestLog.prune({ maxBytes: 3500 });
    const kept = await hub.requestLog.list({ limit: 100 });
    expect(kept.map((entry) => entry.url)).toEqual([
      'https://pruned.test/api/products/9',
      'https://pruned.test/api/products/8',
      'https://pruned.test/api/products/7',
    ]);
  });
});
