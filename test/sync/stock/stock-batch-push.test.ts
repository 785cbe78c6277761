import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { exportStockFeed, importStockFeed } from '../../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../../support/databases.js';
import { createLocations, mirrorCatalog, runFeed, storeQuantity } from './support/stock-store.js';

/**
 * Stock pushes in batches, against the emulator: many changes go out a few hundred rows per request,
 * a change alone in one request, and a batch the store refuses part of is read again before anything
 * is resent — the rows before the refused one are saved, the refused row fails alone and named, the
 * rest are sent again. Two stores: one whose key holds PATCH (8.1 with PATCH granted: id and
 * quantity only), one whose key does not (8.1.2 keys are created without it: the batch's rows are
 * read, then PUT whole).
 */

const PATCH_KEY = 'BATCHPUSHPATCHKEY000000000000001';
const PUT_KEY = 'BATCHPUSHPUTONLYKEY0000000000002';
const EVERY_VERB = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'] as const;
const PUSHES = 10_000;

function totalRequests(counts: Record<string, Record<string, number>>): number {
  return Object.values(counts).reduce(
    (sum, verbs) => sum + Object.values(verbs).reduce((a, b) => a + b, 0),
    0,
  );
}

describeEachEngine('stock pushes in batches', (engine) => {
  for (const mode of ['PATCH', 'PUT'] as const) {
    describe(
      mode === 'PATCH' ? 'a key that holds PATCH' : 'a key without PATCH (rows read, then PUT whole)',
      () => {
        const clock = manualClock();
        let emulator: RunningEmulator;
        let hub: Hub;
        let store: Store;
        let variants: Map<string, number>;

        /** The store's `stock_availables` row id of a variant. */
        const rowId = (externalId: string): number => {
          const [productId, combinationId] = externalId.split(':').map(Number);
          const row = [...emulator.store.records('stock_availables')].find(
            (record) =>
              Number(record.values.id_product) === productId &&
              Number(record.values.id_product_attribute) === combinationId,
          );
          if (row === undefined) throw new Error(`no stock row for ${externalId}`);
          return row.id;
        };
        const quantityInStore = (externalId: string): number => {
          const [productId, combinationId] = externalId.split(':').map(Number);
          return storeQuantity(emulator.store, productId!, combinationId!);
        };
        /** The variants' stock moves at MAIN, and their new sellable quantities are queued. */
        const move = async (
          externalIds: readonly string[],
          change: (index: number) => number,
        ): Promise<void> => {
          for (let start = 0; start < externalIds.length; start += 1000) {
            const slice = externalIds.slice(start, start + 1000);
            await hub.transaction(async (tx) => {
              await tx.stock.recordMovements(
                slice.map((externalId, offset) => ({
                  variantId: variants.get(externalId)!,
                  location: 'MAIN',
                  kind: 'adjustment' as const,
                  quantity: change(start + offset),
                })),
              );
              await tx.stock.queueSellableUpdates(slice.map((externalId) => variants.get(externalId)!));
            });
          }
        };
        const sellable = async (externalIds: readonly string[]): Promise<Map<string, number>> => {
          const ids = externalIds.map((externalId) => variants.get(externalId)!);
          const quantities = await hub.stock.sellable(store.id, ids);
          return new Map(
            externalIds.map((externalId, index) => [externalId, quantities.get(ids[index]!) ?? -1]),
          );
        };
        const wrongInStore = async (externalIds: readonly string[]): Promise<string[]> => {
          const expected = await sellable(externalIds);
          // The store's quantities read once (quantityInStore scans every row).
          const inStore = new Map<string, number>();
          for (const row of emulator.store.records('stock_availables'))
            inStore.set(
              `${Number(row.values.id_product)}:${Number(row.values.id_product_attribute)}`,
              Number(row.values.quantity),
            );
          return externalIds.filter((externalId) => inStore.get(externalId) !== expected.get(externalId));
        };
        const exportStock = async () => {
          emulator.resetCounts();
          const outcome = await runFeed(hub, clock, exportStockFeed, store.id, { timeoutMs: 60_000 });
          return { ...outcome, counts: emulator.requestCounts() };
        };

        beforeAll(async () => {
          const key = mode === 'PATCH' ? PATCH_KEY : PUT_KEY;
          emulator = await startEmulator({
            port: 0,
            seed: 'small',
            sizes: { products: 4_200, combinations: 4, customers: 1, orders: 0 },
            keys: [
              {
                key,
                permissions: {
                  '*': mode === 'PATCH' ? EVERY_VERB : EVERY_VERB.filter((verb) => verb !== 'PATCH'),
                },
              },
            ],
          });
          hub = await engine.openHub({ clock });
          await createLocations(hub);
          const created = await hub.stores.create({
            name: `batch-${mode.toLowerCase()}`,
            url: emulator.url,
            webserviceKey: key,
            settings: { stockImportLocation: 'MAIN', stockExportLocations: ['MAIN'] },
          });
          variants = await mirrorCatalog(hub, created, emulator.store);
          expect(variants.size).toBeGreaterThanOrEqual(PUSHES);
          const imported = await runFeed(hub, clock, importStockFeed, created.id);
          expect(imported.run.status).toBe('succeeded');
          store = await hub.stores.get(created.id);
        }, 240_000);
        afterAll(async () => {
          await emulator.close();
        });

        it('pushes 10,000 changed quantities in at most 200 requests, each once and right', async () => {
          const chosen = [...variants.keys()].slice(0, PUSHES);
          await move(chosen, (index) => 1 + (index % 7));
          const { run, report, counts } = await exportStock();
          expect(run.status).toBe('succeeded');
          expect(report.counts.updated).toBe(PUSHES);
          expect(counts.stock_availables?.[mode]).toBe(PUSHES / 200);
          // Without PATCH, each batch of 200 is read first: one GET per batch.
          expect(counts.stock_availables?.GET ?? 0).toBe(mode === 'PATCH' ? 0 : PUSHES / 200);
          expect(totalRequests(counts)).toBeLessThanOrEqual(PUSHES / 50);
          expect(await wrongInStore(chosen)).toEqual([]);
          // Nothing left to send: every entry was delivered, once.
          expect(await hub.outbox.counts(store.id)).toMatchObject({ pending: 0, in_flight: 0, failed: 0 });
          expect((await exportStock()).counts.stock_availables ?? {}).toEqual({});
        }, 240_000);

        it(`pushes a change alone in ${mode === 'PATCH' ? 'one request' : 'two requests (read, PUT)'}`, async () => {
          const one = [...variants.keys()].at(-1)!;
          await move([one], () => 3);
          const alone = await exportStock();
          expect(alone.report.counts.updated).toBe(1);
          expect(alone.counts.stock_availables).toEqual(mode === 'PATCH' ? { PATCH: 1 } : { GET: 1, PUT: 1 });
          expect(await wrongInStore([one])).toEqual([]);
        });

        it('a batch with a bad row in its middle: the rows before it saved, the bad row failed alone with its id, the rest resent after a re-read', async () => {
          const chosen = [...variants.keys()].slice(20, 27);
          const bad = chosen[3]!;
          const badRow = rowId(bad);
          // A location longer than the store takes: saving the row fails validation (400, code 85).
          emulator.store.update('stock_availables', badRow, { location: 'x'.repeat(300) });
          try {
            await move(chosen, () => 5);
            const expected = await sellable(chosen);
            const { run, report, counts } = await exportStock();
            expect(run.status).toBe('succeeded');
            expect(report.counts).toMatchObject({ updated: 6, failed: 1 });
            expect(report.failures).toHaveLength(1);
            expect(report.failures[0]?.reason).toMatch(
              new RegExp(`refused quantity ${expected.get(bad)} for its stock row ${badRow} \\(product \\d+`),
            );
            // The batch (refused after its first three rows), the bad row alone, the three after it again.
            expect(counts.stock_availables?.[mode]).toBe(3);
            // The re-read of the refused batch (and, without PATCH, the read before the batch).
            expect(counts.stock_availables?.GET).toBe(mode === 'PATCH' ? 1 : 2);
            expect(await wrongInStore(chosen.filter((each) => each !== bad))).toEqual([]);
            expect(quantityInStore(bad)).not.toBe(expected.get(bad));
          } finally {
            emulator.store.update('stock_availables', badRow, { location: '' });
          }
        });

        it('a row deleted in the store in the middle of a batch is given up alone, the others pushed', async () => {
          const chosen = [...variants.keys()].slice(40, 52);
          const gone = chosen[5]!;
          const productId = Number(gone.split(':')[0]);
          const goneRow = rowId(gone);
          const siblings = chosen.filter((each) => each.startsWith(`${productId}:`));
          await move(chosen, () => 4);
          emulator.store.deleteProduct(productId);
          const { report } = await exportStock();
          expect(report.counts).toMatchObject({
            updated: chosen.length - siblings.length,
            failed: siblings.length,
          });
          expect(report.failures.map((failure) => failure.reason).join('\n')).toMatch(
            new RegExp(`stock row ${goneRow} \\(product ${productId}.*\\) no longer exists`),
          );
          expect(await wrongInStore(chosen.filter((each) => !siblings.includes(each)))).toEqual([]);
        });
      },
    );
  }
});
