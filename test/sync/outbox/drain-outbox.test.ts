import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { drainOutbox, outboxHandlerSet } from '../../../src/sync/outbox/index.js';
import { PrestaShopClient } from '../../../src/webservice/index.js';
import { describeEachEngine, type ManualClock, manualClock } from '../../support/databases.js';
import { priceHandler } from './price-handler.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

function productPuts(emulator: Emulator): number {
  return emulator.requestCounts().products?.PUT ?? 0;
}

function priceOf(emulator: Emulator, productId: number): unknown {
  return emulator.store.get('products', productId)?.values.price;
}

describe('outbox drainer', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('drain', (engine) => {
    let clock: ManualClock;
    let hub: Hub;
    let store: Store;
    let client: PrestaShopClient;
    const clients: PrestaShopClient[] = [];
    let storeCount = 0;

    /** A client that gives up quickly: the store's failures reach the drainer at once. */
    async function newClient(key = emulator.keys[0]!): Promise<PrestaShopClient> {
      const created = new PrestaShopClient({
        url: emulator.url,
        key,
        timeoutMs: 300,
        retry: { maxRetries: 0 },
      });
      clients.push(created);
      // Probed before any fault is switched on, as a drain does first.
      await created.probe().catch(() => undefined);
      return created;
    }

    function enqueue(productId: number, price: string, coalesce = false): Promise<void> {
      return hub.outbox.enqueue({
        storeId: store.id,
        kind: 'price',
        target: `product:${productId}`,
        payload: { productId, price },
        coalesce,
      });
    }

    beforeAll(async () => {
      clock = manualClock('2026-03-01T08:00:00.000Z');
      hub = await engine.openHub({ clock });
    });
    beforeEach(async () => {
      storeCount += 1;
      store = await hub.stores.create({ name: `drain-${storeCount}`, url: emulator.url });
      emulator.faults.clear();
      emulator.store.reset();
      client = await newClient();
      emulator.resetCounts();
    });
    afterAll(async () => {
      emulator.faults.clear();
      await Promise.all(clients.map((each) => each.close()));
    });

    it('delivers every due entry once and marks it done', async () => {
      await enqueue(1, '31.500000');
      await enqueue(2, '32.500000');
      await enqueue(3, '33.500000');
      const report = await drainOutbox({
        hub,
        store,
        client,
        handlers: outboxHandlerSet([priceHandler()]),
        clock,
      });
      expect(report).toMatchObject({
        claimed: 3,
        sent: 3,
        retrying: 0,
        failed: 0,
        stopped: false,
        blocked: null,
      });
      expect([priceOf(emulator, 1), priceOf(emulator, 2), priceOf(emulator, 3)]).toEqual([
        '31.500000',
        '32.500000',
        '33.500000',
      ]);
      expect(productPuts(emulator)).toBe(3);
      expect(await hub.outbox.counts(store.id)).toMatchObject({ done: 3, pending: 0, in_flight: 0 });
    });

    it('backs off while the store answers 500, then sends the change once it recovers', async () => {
      await enqueue(4, '44.000000');
      emulator.faults.update({ errorRate: 1, errorStatus: 500 });
      const handlers = outboxHandlerSet([priceHandler()]);
      const failing = await drainOutbox({ hub, store, client, handlers, clock, random: () => 1 });
      expect(failing).toMatchObject({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
      const [waiting] = await hub.outbox.list({ storeId: store.id });
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
      expect(waiting!.lastError).toMatch(/500/);
      // First backoff step: 30 s (random 1 → the whole step).
      expect(Date.parse(waiting!.nextAttemptAt) - clock().getTime()).toBe(30_000);

      emulator.faults.clear();
      const early = await drainOutbox({ hub, store, client, handlers, clock });
      expect(early.claimed).toBe(0);
      clock.advance(30_000);
      const recovered = await drainOutbox({ hub, store, client, handlers, clock });
      expect(recovered).toMatchObject({ claimed: 1, sent: 1 });
      expect(priceOf(emulator, 4)).toBe('44.000000');
      expect(productPuts(emulator)).toBe(1);
      expect((await hub.outbox.list({ storeId: store.id }))[0]).toMatchObject({
        status: 'done',
        attempts: 2,
      });
    });

    it('retries a delivery the store never answered, and sends it once', async () => {
      await enqueue(5, '55.000000');
      emulator.faults.update({ hangRate: 1, hangMs: null });
      const handlers = outboxHandlerSet([priceHandler()]);
      const hung = await drainOutbox({ hub, store, client, handlers, clock });
      expect(hung).toMatchObject({ sent: 0, retrying: 1 });
      expect((await hub.outbox.list({ storeId: store.id }))[0]!.lastError).toMatch(
        /no answer|timed out|timeout/i,
      );
      expect(productPuts(emulator)).toBe(0);

      emulator.faults.clear();
      clock.advance(60 * 60_000);
      // A later run has its own session (this one's hung schema read may still be settling).
      const recovered = await drainOutbox({ hub, store, client: await newClient(), handlers, clock });
      expect(recovered).toMatchObject({ sent: 1 });
      expect(priceOf(emulator, 5)).toBe('55.000000');
      expect(productPuts(emulator)).toBe(1);
    });

    it('gives a change the store refuses up at once, with the store’s message', async () => {
      await enqueue(6, 'not-a-price');
      await enqueue(99_999, '10.000000');
      const handlers = outboxHandlerSet([priceHandler()]);
      const report = await drainOutbox({ hub, store, client, handlers, clock });
      expect(report).toMatchObject({ claimed: 2, sent: 0, retrying: 0, failed: 2 });
      const failures = new Map(report.failures.map((failure) => [failure.target, failure.error]));
      expect(failures.get('product:6')).toMatch(/price.*not valid/i);
      expect(failures.get('product:99999')).toMatch(/products\/99999/);
      const stored = await hub.outbox.list({ storeId: store.id, status: 'failed' });
      expect(stored.map((entry) => [entry.target, entry.attempts])).toEqual([
        ['product:99999', 1],
        ['product:6', 1],
      ]);
      clock.advance(24 * 60 * 60_000);
      expect((await drainOutbox({ hub, store, client, handlers, clock })).claimed).toBe(0);
      expect(productPuts(emulator)).toBe(1);
    });

    it('gives up a change that keeps failing after the attempt limit', async () => {
      await enqueue(7, '70.000000');
      emulator.faults.update({ errorRate: 1, errorStatus: 500 });
      const options = {
        hub,
        store,
        client,
        handlers: outboxHandlerSet([priceHandler()]),
        clock,
        retry: { maxAttempts: 2 },
      };
      expect((await drainOutbox(options)).retrying).toBe(1);
      clock.advance(60 * 60_000);
      const last = await drainOutbox(options);
      expect(last).toMatchObject({ failed: 1, retrying: 0 });
      expect(last.failures[0]!.error).toMatch(/^gave up after 2 attempts: .*500/);
    });

    it('never sends one entry from two drainers running at once', async () => {
      for (let index = 0; index < 40; index += 1) await enqueue(1 + (index % 12), `${100 + index}.000000`);
      const second = await engine.openHub({ clock });
      const handlers = outboxHandlerSet([priceHandler()]);
      const reports = await Promise.all([
        drainOutbox({ hub, store, client, handlers, clock, batch: 5 }),
        drainOutbox({ hub: second, store, client: await newClient(), handlers, clock, batch: 5 }),
      ]);
      expect(reports[0].sent + reports[1].sent).toBe(40);
      expect(productPuts(emulator)).toBe(40);
      expect(await hub.outbox.counts(store.id)).toMatchObject({ done: 40, pending: 0, in_flight: 0 });
      // Entries of one target go out in order: the last price of each product is the last queued.
      expect(priceOf(emulator, 4)).toBe('139.000000');
    });

    it('sends the newest value of a coalesced entry that changed while it was in flight', async () => {
      await enqueue(8, '80.000000', true);
      let first = true;
      const handlers = outboxHandlerSet([
        priceHandler(async () => {
          if (!first) return;
          first = false;
          await enqueue(8, '88.000000', true);
        }),
      ]);
      const report = await drainOutbox({ hub, store, client, handlers, clock });
      expect(report).toMatchObject({ claimed: 2, superseded: 1, sent: 1 });
      expect(priceOf(emulator, 8)).toBe('88.000000');
      expect(productPuts(emulator)).toBe(2);
      const entries = await hub.outbox.list({ storeId: store.id });
      expect(entries.map((entry) => [entry.status, entry.payload])).toEqual([
        ['done', { productId: 8, price: '88.000000' }],
      ]);
    });

    it('stops at Stop: deliveries in flight finish, the others go back to the queue untouched', async () => {
      for (let productId = 1; productId <= 6; productId += 1) await enqueue(productId, '9.000000');
      const controller = new AbortController();
      const handlers = outboxHandlerSet([priceHandler(() => controller.abort('test stop'))]);
      const report = await drainOutbox({
        hub,
        store,
        client,
        handlers,
        clock,
        concurrency: 1,
        signal: controller.signal,
      });
      expect(report).toMatchObject({ claimed: 6, sent: 1, released: 5, stopped: true });
      const pending = await hub.outbox.list({ storeId: store.id, status: 'pending' });
      expect(pending.map((entry) => [entry.attempts, entry.leaseOwner])).toEqual(Array(5).fill([0, null]));
      expect(productPuts(emulator)).toBe(1);
    });

    it('leaves entries waiting when the key may not write them, and says which permission is missing', async () => {
      await enqueue(9, '90.000000');
      const readOnly = await newClient(emulator.keys[1]);
      const report = await drainOutbox({
        hub,
        store,
        client: readOnly,
        handlers: outboxHandlerSet([priceHandler()]),
        clock,
      });
      expect(report.claimed).toBe(0);
      expect(report.waiting.map((waiting) => waiting.kind)).toEqual(['price']);
      expect(report.waiting[0]!.missing).toMatch(/PUT on products/);
      expect((await hub.outbox.list({ storeId: store.id }))[0]).toMatchObject({
        status: 'pending',
        attempts: 0,
      });
    });

    it('stops without touching the queue when the store refuses the key', async () => {
      await enqueue(10, '100.000000');
      const wrongKey = new PrestaShopClient({
        url: emulator.url,
        key: 'W'.repeat(32),
        retry: { maxRetries: 0 },
      });
      clients.push(wrongKey);
      const report = await drainOutbox({
        hub,
        store,
        client: wrongKey,
        handlers: outboxHandlerSet([priceHandler()]),
        clock,
      });
      expect(report.claimed).toBe(0);
      expect(report.blocked).toMatch(/key/i);
      expect((await hub.outbox.list({ storeId: store.id }))[0]).toMatchObject({
        status: 'pending',
        attempts: 0,
      });
    });

    it('gives up an entry whose payload cannot be read', async () => {
      await hub.outbox.enqueue({
        storeId: store.id,
        kind: 'price',
        target: 'product:11',
        payload: { nope: 1 },
      });
      const report = await drainOutbox({
        hub,
        store,
        client,
        handlers: outboxHandlerSet([priceHandler()]),
        clock,
      });
      expect(report.failed).toBe(1);
      expect(report.failures[0]!.error).toMatch(/payload cannot be read: not a price payload/);
    });
  });
});
