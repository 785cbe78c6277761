import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { FeedRunner } from '../../../src/jobs/index.js';
import { findFeed } from '../../../src/sync/index.js';
import {
  createDrainOutboxFeed,
  OutboxDrainLoop,
  type OutboxDrainReport,
} from '../../../src/sync/outbox/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { priceHandler } from './price-handler.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('drain-outbox feed and serve loop', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('outbox delivery', (engine) => {
    let hub: Hub;
    let store: Store;
    let storeCount = 0;
    beforeAll(async () => {
      hub = await engine.openHub();
    });
    beforeEach(async () => {
      storeCount += 1;
      emulator.store.reset();
      emulator.resetCounts();
      store = await hub.stores.create({
        name: `outbox-feed-${storeCount}`,
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
        settings: { export: { enabled: true } },
      });
    });

    it('is registered as drain-outbox, an export feed run at the export frequency', () => {
      expect(findFeed('drain-outbox')).toMatchObject({ direction: 'export', cadence: 'frequency' });
    });

    it('runs from the runner: delivered entries counted as updated, refused ones as failed with the reason', async () => {
      await hub.outbox.enqueueMany([
        {
          storeId: store.id,
          kind: 'price',
          target: 'product:1',
          payload: { productId: 1, price: '11.000000' },
        },
        {
          storeId: store.id,
          kind: 'price',
          target: 'product:2',
          payload: { productId: 2, price: '12.000000' },
        },
        { storeId: store.id, kind: 'price', target: 'product:3', payload: { productId: 3, price: 'twelve' } },
      ]);
      const runner = new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } });
      const { run, report } = await runner.run({
        feed: createDrainOutboxFeed([priceHandler()]),
        store,
        trigger: 'manual',
      });
      expect(run.status).toBe('succeeded');
      expect(report.counts).toMatchObject({ updated: 2, failed: 1 });
      expect(report.failures).toHaveLength(1);
      expect(report.failures[0]!.recordId).toMatch(/^price product:3 \(#\d+\)$/);
      expect(report.failures[0]!.reason).toMatch(/price.*not valid/i);
      expect(emulator.store.get('products', 2)?.values.price).toBe('12.000000');
      expect(emulator.requestCounts().products?.PUT).toBe(3);
    });

    it('fails the run, leaving the queue as it was, when the store refuses the key', async () => {
      const locked = await hub.stores.create({
        name: `outbox-feed-wrong-key-${storeCount}`,
        url: emulator.url,
        webserviceKey: 'Z'.repeat(32),
      });
      await hub.outbox.enqueue({
        storeId: locked.id,
        kind: 'price',
        target: 'product:1',
        payload: { productId: 1, price: '1.000000' },
      });
      const { run, report } = await new FeedRunner({ hub }).run({
        feed: createDrainOutboxFeed([priceHandler()]),
        store: locked,
        trigger: 'manual',
      });
      expect(run.status).toBe('failed');
      expect(report.error).toMatch(/outbox could not be delivered; the entries wait\. .*key/i);
      expect(await hub.outbox.counts(locked.id)).toMatchObject({ pending: 1 });
    });

    it('serve loop: delivers what is queued when nudged, for stores that export only', async () => {
      const quiet = await hub.stores.create({
        name: `outbox-feed-no-export-${storeCount}`,
        url: emulator.url,
        webserviceKey: emulator.keys[0]!,
      });
      await hub.outbox.enqueue({
        storeId: quiet.id,
        kind: 'price',
        target: 'product:5',
        payload: { productId: 5, price: '5.000000' },
      });
      const passes: ReadonlyMap<string, OutboxDrainReport>[] = [];
      let delivered: () => void = () => undefined;
      const deliveredOnce = new Promise<void>((resolve) => (delivered = resolve));
      const loop = new OutboxDrainLoop({
        hub,
        handlers: [priceHandler()],
        idleMs: 60_000,
        onPass(reports) {
          passes.push(reports);
          if (reports.get(store.name)?.sent === 1) delivered();
        },
      });
      loop.start();
      await hub.outbox.enqueue({
        storeId: store.id,
        kind: 'price',
        target: 'product:4',
        payload: { productId: 4, price: '44.000000' },
      });
      loop.nudge();
      await deliveredOnce;
      await loop.stop();
      expect(emulator.store.get('products', 4)?.values.price).toBe('44.000000');
      expect(passes.some((reports) => reports.has(quiet.name))).toBe(false);
      expect(await hub.outbox.counts(quiet.id)).toMatchObject({ pending: 1 });
    });
  });
});
