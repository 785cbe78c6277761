import { beforeAll, beforeEach, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

describeEachEngine('outbox', (engine) => {
  const clock = manualClock('2026-02-01T10:00:00.000Z');
  let hub: Hub;
  let store: Store;
  let storeCount = 0;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
  });
  beforeEach(async () => {
    storeCount += 1;
    store = await hub.stores.create({ name: `outbox-${storeCount}`, url: 'https://outbox.test' });
  });

  it('coalesces stock entries per target: one open entry whose payload is the latest value', async () => {
    await hub.transaction(async (tx) => {
      await tx.outbox.enqueue({
        storeId: store.id,
        kind: 'stock',
        target: 'variant:1',
        payload: { quantity: 5 },
      });
      await tx.outbox.enqueue({
        storeId: store.id,
        kind: 'stock',
        target: 'variant:1',
        payload: { quantity: 4 },
      });
      await tx.outbox.enqueue({
        storeId: store.id,
        kind: 'stock',
        target: 'variant:2',
        payload: { quantity: 9 },
      });
    });
    await hub.outbox.enqueueMany([
      { storeId: store.id, kind: 'stock', target: 'variant:1', payload: { quantity: 3 } },
      { storeId: store.id, kind: 'stock', target: 'variant:1', payload: { quantity: 2 } },
    ]);
    const entries = await hub.outbox.list({ storeId: store.id });
    expect(entries.map((entry) => [entry.target, entry.payload, entry.revision])).toEqual([
      ['variant:2', { quantity: 9 }, 1],
      ['variant:1', { quantity: 2 }, 3],
    ]);
  });

  it('keeps every entry of kinds that do not coalesce, and sends one target in order', async () => {
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'order_state',
      target: 'order:7',
      payload: { stateId: 2 },
    });
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'shipment',
      target: 'order:7',
      payload: { stateId: 4 },
    });
    const first = await hub.outbox.claim({ owner: 'a', limit: 10, leaseMs: 60_000, storeId: store.id });
    expect(first.map((entry) => entry.kind)).toEqual(['order_state']);
    expect(await hub.outbox.claim({ owner: 'b', limit: 10, leaseMs: 60_000, storeId: store.id })).toEqual([]);
    expect(await hub.outbox.complete(first[0]!)).toBe('done');
    const second = await hub.outbox.claim({ owner: 'b', limit: 10, leaseMs: 60_000, storeId: store.id });
    expect(second.map((entry) => entry.kind)).toEqual(['shipment']);
  });

  it('sends a value coalesced while the entry was in flight afterwards', async () => {
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:1',
      payload: { quantity: 5 },
    });
    const [claimed] = await hub.outbox.claim({ owner: 'a', limit: 10, leaseMs: 60_000, storeId: store.id });
    expect(claimed!.payload).toEqual({ quantity: 5 });
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:1',
      payload: { quantity: 1 },
    });
    expect(await hub.outbox.complete(claimed!)).toBe('requeued');
    const [again] = await hub.outbox.claim({ owner: 'a', limit: 10, leaseMs: 60_000, storeId: store.id });
    expect(again).toMatchObject({ id: claimed!.id, payload: { quantity: 1 }, attempts: 1 });
    expect(await hub.outbox.complete(again!)).toBe('done');
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:1',
      payload: { quantity: 0 },
    });
    const open = await hub.outbox.list({ storeId: store.id, status: 'pending' });
    expect(open.map((entry) => [entry.payload, entry.id === claimed!.id])).toEqual([
      [{ quantity: 0 }, false],
    ]);
  });

  it('completes a batch in one call: each entry done, requeued or lost, in the order given', async () => {
    await hub.outbox.enqueueMany(
      [1, 2, 3].map((n) => ({
        storeId: store.id,
        kind: 'stock' as const,
        target: `variant:${n}`,
        payload: { quantity: n },
      })),
    );
    const claim = (owner: string, limit: number, leaseMs: number) =>
      hub.outbox.claim({ owner, limit, leaseMs, storeId: store.id });
    const claimed = [...(await claim('a', 2, 60_000)), ...(await claim('a', 1, 1_000))];
    expect(claimed.map((entry) => entry.target)).toEqual(['variant:1', 'variant:2', 'variant:3']);
    // variant:2 gets a newer value while in flight; variant:3's lease ends and another drainer takes it.
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:2',
      payload: { quantity: 0 },
    });
    clock.advance(2_000);
    expect((await claim('b', 10, 60_000)).map((entry) => entry.target)).toEqual(['variant:3']);
    expect(
      await hub.outbox.completeMany(
        claimed.map((entry, index) => ({ entry, ...(index === 0 ? { note: 'mail not sent' } : {}) })),
      ),
    ).toEqual(['done', 'requeued', 'lost']);
    const entries = await hub.outbox.list({ storeId: store.id });
    const byTarget = [...entries].sort((a, b) => a.target.localeCompare(b.target));
    expect(byTarget.map((entry) => [entry.target, entry.status, entry.lastError])).toEqual([
      ['variant:1', 'done', 'mail not sent'],
      ['variant:2', 'pending', null],
      ['variant:3', 'in_flight', null],
    ]);
  });

  it('retries failed entries at the time given, counts attempts, and gives up when told', async () => {
    await hub.outbox.enqueue({ storeId: store.id, kind: 'order_state', target: 'order:1', payload: {} });
    const [claimed] = await hub.outbox.claim({ owner: 'a', limit: 1, leaseMs: 60_000, storeId: store.id });
    const retryAt = new Date(clock().getTime() + 30_000);
    expect(
      await hub.outbox.fail(claimed!, {
        error: 'HTTP 503 for https://s.test/api/order_histories?ws_key=SECRETKEY',
        retryAt,
      }),
    ).toBe('pending');
    expect(await hub.outbox.claim({ owner: 'a', limit: 1, leaseMs: 60_000, storeId: store.id })).toEqual([]);
    clock.advance(30_000);
    const [retried] = await hub.outbox.claim({ owner: 'a', limit: 1, leaseMs: 60_000, storeId: store.id });
    expect(retried).toMatchObject({
      attempts: 2,
      lastError: 'HTTP 503 for https://s.test/api/order_histories?ws_key=***',
    });
    expect(await hub.outbox.fail(retried!, { error: 'permanent', retryAt: null })).toBe('failed');
    expect((await hub.outbox.counts(store.id)).failed).toBe(1);
    expect(await hub.outbox.retry(retried!.id)).toBe(true);
    expect(
      (await hub.outbox.claim({ owner: 'a', limit: 1, leaseMs: 60_000, storeId: store.id }))[0]?.id,
    ).toBe(retried!.id);
  });

  it('hands out again entries whose drainer died, and ignores the dead drainer afterwards', async () => {
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:3',
      payload: { quantity: 1 },
    });
    const [lost] = await hub.outbox.claim({ owner: 'crashed', limit: 1, leaseMs: 10_000, storeId: store.id });
    expect(await hub.outbox.claim({ owner: 'next', limit: 1, leaseMs: 10_000, storeId: store.id })).toEqual(
      [],
    );
    clock.advance(10_001);
    const [taken] = await hub.outbox.claim({ owner: 'next', limit: 1, leaseMs: 10_000, storeId: store.id });
    expect(taken).toMatchObject({ id: lost!.id, attempts: 2, leaseOwner: 'next' });
    expect(await hub.outbox.complete(lost!)).toBe('lost');
    expect(await hub.outbox.complete(taken!)).toBe('done');
  });

  it('never gives one entry to two drainers claiming at the same time', async () => {
    await hub.outbox.enqueueMany(
      Array.from({ length: 60 }, (_, index) => ({
        storeId: store.id,
        kind: 'stock',
        target: `variant:${index}`,
        payload: { quantity: index },
      })),
    );
    const drainers = await Promise.all([engine.openHub({ clock }), engine.openHub({ clock })]);
    const claimed = await Promise.all(
      drainers.flatMap((drainer, index) =>
        Array.from({ length: 4 }, () =>
          drainer.outbox.claim({ owner: `d${index}`, limit: 10, leaseMs: 60_000, storeId: store.id }),
        ),
      ),
    );
    const ids = claimed.flat().map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(60);
  });

  it('rolls back an entry with the change that caused it', async () => {
    await expect(
      hub.transaction(async (tx) => {
        await tx.outbox.enqueue({
          storeId: store.id,
          kind: 'stock',
          target: 'variant:1',
          payload: { quantity: 1 },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await hub.outbox.list({ storeId: store.id })).toEqual([]);
  });

  it('prunes delivered entries', async () => {
    await hub.outbox.enqueue({
      storeId: store.id,
      kind: 'stock',
      target: 'variant:1',
      payload: { quantity: 1 },
    });
    const [claimed] = await hub.outbox.claim({ owner: 'a', limit: 1, leaseMs: 1000, storeId: store.id });
    await hub.outbox.complete(claimed!);
    clock.advance(1000);
    expect(await hub.outbox.prune(clock())).toBeGreaterThanOrEqual(1);
    expect(await hub.outbox.list({ storeId: store.id })).toEqual([]);
  });
});
