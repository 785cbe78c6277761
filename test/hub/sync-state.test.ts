import { beforeAll, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

describeEachEngine('sync state: runs, locks, watermarks, bindings', (engine) => {
  const clock = manualClock('2026-04-01T06:00:00.000Z');
  let hub: Hub;
  let store: Store;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    store = await hub.stores.create({ name: 'sync', url: 'https://sync.test' });
  });

  it('records a run: counts added page by page, failures with their reason, progress and the report', async () => {
    const run = await hub.runs.start({
      storeId: store.id,
      feed: 'import-orders',
      trigger: 'manual',
      owner: 'worker-1',
      total: 3,
    });
    expect(run).toMatchObject({
      status: 'running',
      counts: { created: 0, failed: 0 },
      progress: { done: 0, total: 3, step: null },
    });
    await hub.transaction(async (tx) => {
      await tx.runs.addCounts(run.id, { created: 2, unchanged: 1 });
      await tx.runs.addCounts(run.id, { failed: 1, skipped: 1 }, [
        { recordId: 41, reason: 'unknown carrier 9' },
      ]);
    });
    await hub.runs.progress(run.id, { done: 2, step: 'orders' });
    await hub.runs.progress(run.id, { done: 1, increment: true });
    clock.advance(5000);
    const finished = await hub.runs.finish(run.id, { status: 'succeeded', report: { pages: 1 } });
    expect(finished).toMatchObject({
      status: 'succeeded',
      counts: { created: 2, updated: 0, unchanged: 1, skipped: 1, failed: 1 },
      progress: { done: 3, total: 3, step: 'orders' },
      finishedAt: '2026-04-01T06:00:05.000Z',
      report: { pages: 1 },
    });
    expect(await hub.runs.failures(run.id)).toEqual([
      expect.objectContaining({ recordId: '41', reason: 'unknown carrier 9' }),
    ]);
    expect((await hub.runs.latest(store.id, 'import-orders'))?.id).toBe(run.id);
    expect((await hub.runs.list({ storeId: store.id, status: 'succeeded' })).map((r) => r.id)).toEqual([
      run.id,
    ]);
  });

  it('marks runs whose process stopped heart-beating as interrupted', async () => {
    const run = await hub.runs.start({ storeId: store.id, feed: 'stock-check', trigger: 'schedule' });
    clock.advance(120_000);
    expect(await hub.runs.interruptStale(new Date(clock().getTime() - 60_000))).toBe(1);
    expect((await hub.runs.get(run.id)).status).toBe('interrupted');
  });

  it('gives a lock to one owner until it expires, then lets another take it over', async () => {
    const name = `store:${store.id}/import-orders`;
    expect(await hub.locks.acquire(name, 'a', 30_000)).toBe(true);
    expect(await hub.locks.acquire(name, 'b', 30_000)).toBe(false);
    expect(await hub.locks.acquire(name, 'a', 30_000)).toBe(true);
    clock.advance(20_000);
    expect(await hub.locks.renew(name, 'a', 30_000)).toBe(true);
    clock.advance(29_000);
    expect(await hub.locks.acquire(name, 'b', 30_000)).toBe(false);
    expect((await hub.locks.holder(name))?.owner).toBe('a');
    clock.advance(1_000);
    expect(await hub.locks.acquire(name, 'b', 30_000)).toBe(true);
    expect(await hub.locks.renew(name, 'a', 30_000)).toBe(false);
    expect(await hub.locks.release(name, 'a')).toBe(false);
    expect(await hub.locks.release(name, 'b')).toBe(true);
    expect(await hub.locks.holder(name)).toBeUndefined();
  });

  it('lets exactly one of many concurrent takers have a free lock', async () => {
    const hubs = await Promise.all([engine.openHub({ clock }), engine.openHub({ clock })]);
    const results = await Promise.all(
      hubs.flatMap((other, h) =>
        Array.from({ length: 5 }, (_, i) => other.locks.acquire('contended', `owner-${h}-${i}`, 60_000)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('advances a watermark only with the page it covers', async () => {
    await hub.watermarks.set(store.id, 'import-orders', { lastId: 10 });
    await expect(
      hub.transaction(async (tx) => {
        await tx.watermarks.set(store.id, 'import-orders', { lastId: 20 });
        throw new Error('page failed');
      }),
    ).rejects.toThrow('page failed');
    expect((await hub.watermarks.get(store.id, 'import-orders'))?.value).toEqual({ lastId: 10 });
    await hub.watermarks.set(store.id, 'import-orders', { lastId: 20, dateUpd: '2026-04-01T05:00:00.000Z' });
    expect((await hub.watermarks.list(store.id)).map((w) => w.value)).toEqual([
      { lastId: 20, dateUpd: '2026-04-01T05:00:00.000Z' },
    ]);
    await hub.watermarks.reset(store.id, 'import-orders');
    expect(await hub.watermarks.get(store.id, 'import-orders')).toBeUndefined();
  });

  it('keeps one binding per store, resource and external id; pages them and marks deletions', async () => {
    await hub.bindings.upsert(store.id, 'carriers', [
      { externalId: 1, localId: 11 },
      { externalId: 2, localId: 12 },
    ]);
    await hub.bindings.upsert(store.id, 'carriers', [{ externalId: 1, localId: 11, contentHash: 'h1' }]);
    const resolved = await hub.bindings.resolve(store.id, 'carriers', [1, 2, 3]);
    expect([...resolved.keys()].sort()).toEqual(['1', '2']);
    expect(resolved.get('1')?.contentHash).toBe('h1');
    expect(
      (await hub.bindings.page(store.id, 'carriers', { afterLocalId: 11 })).map((b) => b.externalId),
    ).toEqual(['2']);
    await hub.bindings.markDeleted(store.id, 'carriers', [2]);
    expect((await hub.bindings.get(store.id, 'carriers', 2))?.deletedAt).toBe(clock().toISOString());
    expect((await hub.bindings.forLocal('carriers', [12])).map((b) => b.storeId)).toEqual([store.id]);
    await hub.bindings.remove(store.id, 'carriers', [2]);
    expect(await hub.bindings.get(store.id, 'carriers', 2)).toBeUndefined();
  });
});
