import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { FeedRunner } from '../../../src/jobs/index.js';
import { importStockFeed } from '../../../src/sync/index.js';
import { STOCK_ROW_TRUSTED_FOR_MS } from '../../../src/sync/stock/stock-outbox.handler.js';
import { describeEachEngine } from '../../support/databases.js';
import { type FeedChild, spawnFeedChild } from '../../support/killable-feed.js';
import { createLocations, mirrorCatalog } from './support/stock-store.js';
import { startStockWriteProxy, type StockWriteProxy } from './support/stock-write-proxy.js';

/**
 * A burst of stock changes pushed by export-stock in a child process (test/support/feed-child.ts),
 * 200 rows per write, 4 writes in flight, killed with SIGKILL at its second write — before the store
 * saw it, or after the store saved it but before the child heard so (so before the hub recorded
 * it) — then finished by a restarted process. A proxy in front of the emulator logs every write the
 * store saw. Afterwards every variant's store quantity is the hub's sellable quantity, every entry is
 * delivered, and no row was written twice: the entries the killed child had claimed are read before
 * they are written again (the restart's clock is within STOCK_ROW_TRUSTED_FOR_MS of the rows' read,
 * so only that rule keeps a saved but unrecorded batch from being PUT again), the others are PUT as
 * read by import-stock. Both engines; a key without PATCH (rows PUT whole) and one with it.
 */

const PUSHES = 1_000;
const EVERY_VERB = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'] as const;
/** The killed child's clock: a minute after the rows were read (they are PUT from memory). */
const KILLED_AT_MS = 60_000;
/** The restart's clock: past the killed child's claims (5 minutes) and run lock, within the rows' window. */
const RESTARTED_AT_MS = 8 * 60_000;

// A PATCH write killed before the store saw it adds nothing to the PUT case (nothing reached the
// store either way): three of the four pairs, to keep the suite's time.
const CASES = [
  ['PUT', 'before the store'],
  ['PUT', 'after the store'],
  ['PATCH', 'after the store'],
] as const;

for (const [mode, when] of CASES) {
  describeEachEngine(`a stock push (${mode}) killed at a write, ${when} handled it`, (engine) => {
    let emulator: RunningEmulator;
    let proxy: StockWriteProxy;
    let hub: Hub;
    let store: Store;
    let variants: Map<string, number>;
    const children: FeedChild[] = [];

    beforeAll(async () => {
      expect(RESTARTED_AT_MS).toBeLessThan(STOCK_ROW_TRUSTED_FOR_MS);
      const key = mode === 'PATCH' ? 'KILLPUSHPATCHKEY0000000000000001' : 'KILLPUSHPUTONLYKEY00000000000002';
      emulator = await startEmulator({
        port: 0,
        seed: 'small',
        sizes: { products: 450, combinations: 4, customers: 1, orders: 0 },
        keys: [
          {
            key,
            permissions: {
              '*': mode === 'PATCH' ? EVERY_VERB : EVERY_VERB.filter((verb) => verb !== 'PATCH'),
            },
          },
        ],
      });
      proxy = await startStockWriteProxy(emulator.url);
      hub = await engine.openHub();
      await createLocations(hub);
      const created = await hub.stores.create({
        name: 'killed-push',
        url: proxy.url,
        webserviceKey: key,
        settings: { stockImportLocation: 'MAIN', stockExportLocations: ['MAIN'] },
      });
      variants = await mirrorCatalog(hub, created, emulator.store);
      expect(variants.size).toBeGreaterThanOrEqual(PUSHES);
      const imported = await new FeedRunner({ hub }).run({
        feed: importStockFeed,
        store: created,
        trigger: 'manual',
      });
      expect(imported.run.status).toBe('succeeded');
      store = await hub.stores.get(created.id);
    }, 120_000);
    afterAll(async () => {
      for (const child of children) child.process.kill('SIGKILL');
      await proxy.close();
      await emulator.close();
    });

    const spawnPusher = (): FeedChild => {
      const child = spawnFeedChild({
        databaseUrl: engine.databaseUrl(),
        store: store.name,
        feed: 'export-stock',
        pageSize: 200,
      });
      children.push(child);
      return child;
    };

    it('leaves every store quantity equal to the hub, each row written once', async () => {
      const chosen = [...variants.values()].slice(0, PUSHES);
      await hub.transaction(async (tx) => {
        await tx.stock.recordMovements(
          chosen.map((variantId, index) => ({
            variantId,
            location: 'MAIN',
            kind: 'adjustment' as const,
            quantity: 1 + (index % 5),
          })),
        );
        await tx.stock.queueSellableUpdates(chosen);
      });
      const killed = spawnPusher();
      const restarted = spawnPusher();
      await killed.ready;
      proxy.arm({
        at: 2,
        when,
        kill: async () => {
          killed.process.kill('SIGKILL');
          await killed.exited;
        },
      });
      killed.go(KILLED_AT_MS);
      const trappedAt = await proxy.fired();
      expect(await killed.exited).toBeNull();
      const beforeRestart = proxy.writes.length;
      const savedByKilled = proxy.writes.filter((write) => write.status === 200).flatMap((w) => w.rows);
      // Killed in the middle of the burst: some rows saved, not all.
      expect(savedByKilled.length).toBeLessThan(PUSHES);
      const trapped = proxy.writes.find((write) => write.n === trappedAt);
      if (when === 'after the store') expect(trapped?.status).toBe(200);
      else expect(trapped).toBeUndefined();

      const readsBefore = proxy.reads();
      proxy.revive();
      await restarted.ready;
      restarted.go(RESTARTED_AT_MS);
      // Its run's end (the process itself is ended with the others after the suite).
      expect(await restarted.nth('tx-end', Number.MAX_SAFE_INTEGER)).toBe('finished');

      const runs = await hub.runs.list({ storeId: store.id, feed: 'export-stock', limit: 10 });
      expect(runs.map((run) => run.status).sort()).toEqual(['interrupted', 'succeeded']);
      expect(await hub.outbox.counts(store.id)).toMatchObject({ pending: 0, in_flight: 0, failed: 0 });

      // The store holds the hub's sellable quantity for every variant of the burst.
      const sellable = await hub.stock.sellable(store.id, chosen);
      const byVariant = new Map([...variants].map(([externalId, variantId]) => [variantId, externalId]));
      const inStore = new Map<string, number>();
      for (const row of emulator.store.records('stock_availables'))
        inStore.set(
          `${Number(row.values.id_product)}:${Number(row.values.id_product_attribute)}`,
          Number(row.values.quantity),
        );
      const wrong = chosen.filter(
        (variantId) => inStore.get(byVariant.get(variantId)!) !== sellable.get(variantId),
      );
      expect(wrong).toEqual([]);

      // No double effect: every row the store saved was written once, by the killed child or the
      // restart — never both, never twice.
      const saved = proxy.writes.filter((write) => write.status === 200).flatMap((write) => write.rows);
      const timesWritten = new Map<number, number>();
      for (const row of saved) timesWritten.set(row.id, (timesWritten.get(row.id) ?? 0) + 1);
      expect([...timesWritten.values()].filter((times) => times > 1)).toEqual([]);
      expect(timesWritten.size).toBe(PUSHES);
      expect(proxy.writes.every((write) => write.method === mode)).toBe(true);
      // The batch the store saved but the killed child never heard of was not written again.
      if (trapped !== undefined)
        for (const row of trapped.rows) expect(timesWritten.get(row.id), `row ${row.id}`).toBe(1);
      // The restart wrote what the killed child had not saved, and read what it had claimed.
      expect(proxy.writes.length).toBeGreaterThan(beforeRestart);
      expect(proxy.reads()).toBeGreaterThan(readsBefore);
    }, 120_000);
  });
}
