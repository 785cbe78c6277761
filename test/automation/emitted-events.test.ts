import { expect, it } from 'vitest';

import { EVENT_DATA_SCHEMAS } from '../../src/automation/index.js';
import type { Hub } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import type { Feed } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';

function checkSchemas(events: Awaited<ReturnType<Hub['events']['list']>>): void {
  for (const event of events)
    expect(() => EVENT_DATA_SCHEMAS[event.type].parse(event.data), event.type).not.toThrow();
}

describeEachEngine('events of stock and runs', (engine) => {
  it('writes stock.changed when a sellable quantity moves, and stock.low when it falls below the threshold', async () => {
    const hub = await engine.openHub();
    await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main', kind: 'warehouse' }]);
    const store = await hub.stores.create({
      name: 'stock-events',
      url: 'https://stock-events.test',
      settings: { stockExportLocations: ['MAIN'], automation: { stockLowThreshold: 5 } },
    });
    const products = await hub.catalog.upsertProducts(store.id, [
      {
        externalId: 1,
        kind: 'simple',
        name: 'Mug',
        price: '8',
        variants: [{ externalId: '1:0', sku: 'MUG' }],
      },
    ]);
    const variantId = products.variantIds.get('1:0')!;
    await hub.stores.markInitialStockImported(store.id);
    const move = (quantity: number) =>
      hub.transaction(async (tx) => {
        await tx.stock.recordMovements([{ variantId, location: 'MAIN', kind: 'adjustment', quantity }]);
        await tx.stock.queueSellableUpdates([variantId]);
      });
    await move(10); // the first quantity known: the baseline, no event
    await move(-3); // 10 → 7
    await move(-4); // 7 → 3: below 5
    await move(-1); // 3 → 2: still below, no second stock.low
    const events = await hub.events.list({ types: ['stock.changed', 'stock.low'], afterId: 0 });
    expect(
      events.map((e) => [
        e.type,
        (e.data as { previousQuantity: number }).previousQuantity,
        (e.data as { quantity: number }).quantity,
      ]),
    ).toEqual([
      ['stock.changed', 10, 7],
      ['stock.changed', 7, 3],
      ['stock.low', 7, 3],
      ['stock.changed', 3, 2],
    ]);
    expect(events[2]?.data).toMatchObject({ threshold: 5, externalId: '1:0', storeId: store.id });
    checkSchemas(events);
    // A change rolled back writes no event either.
    await expect(
      hub.transaction(async (tx) => {
        await tx.stock.recordMovements([{ variantId, location: 'MAIN', kind: 'adjustment', quantity: 1 }]);
        await tx.stock.queueSellableUpdates([variantId]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await hub.events.list({ types: ['stock.changed'], afterId: events.at(-1)?.id ?? 0 })).toEqual([]);
  });

  it('writes run.failed for a failed run, and store.unreachable when the store did not answer', async () => {
    const hub = await engine.openHub();
    const store = await hub.stores.create({
      name: 'unreachable',
      url: 'http://127.0.0.1:9',
      webserviceKey: 'K'.repeat(32),
    });
    const feed: Feed = {
      name: 'read-products',
      description: 'Reads products (test feed).',
      direction: 'import',
      cadence: 'frequency',
      needs: [{ resource: 'products', verb: 'GET' }],
      writes: [],
      async run(ctx) {
        await ctx.client.list('products', { display: ['id'] });
      },
    };
    const runner = new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } });
    const { run } = await runner.run({ feed, store, trigger: 'manual' });
    expect(run.status).toBe('failed');
    const events = await hub.events.list({ types: ['run.failed', 'store.unreachable'], afterId: 0 });
    expect(events.map((e) => e.type)).toEqual(['run.failed', 'store.unreachable']);
    expect(events[0]?.data).toMatchObject({ runId: run.id, storeId: store.id, feed: 'read-products' });
    expect(events[1]?.data).toMatchObject({ runId: run.id, storeId: store.id });
    checkSchemas(events);
  });
});
