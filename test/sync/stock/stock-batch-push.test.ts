import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { exportStockFeed, importStockFeed, stockCheckFeed } from '../../../src/sync/index.js';
import { STOCK_ROW_TRUSTED_FOR_MS } from '../../../src/sync/stock/stock-outbox.handler.js';
import { describeEachEngine, manualClock } from '../../support/databases.js';
import { createLocations, mirrorCatalog, runFeed, storeQuantity } from './support/stock-store.js';

/**
 * Stock pushes in batches, against the emulator: many changes go out a few hundred rows per request,
 * a change alone in one request, and a batch the store refuses part of is read again before anything
 * is resent — the rows before the refused one are saved, the refused row fails alone and named, the
 * rest are sent again. Two stores: one whose key holds PATCH (8.1 with PATCH granted: id and
 * quantity only), one whose key does not (8.1.2 keys are created without it: rows are PUT whole, as
 * the hub read them within STOCK_ROW_TRUSTED_FOR_MS, else read first). The hub's clock is moved by
 * hand: the tests run in order, the window closing between them where they say so.
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
          // Without PATCH the rows are PUT whole as import-stock read them, moments ago: no read.
          expect(counts.stock_availables?.GET ?? 0).toBe(0);
          expect(totalRequests(counts)).toBeLessThanOrEqual(PUSHES / 50);
          expect(await wrongInStore(chosen)).toEqual([]);
          // Nothing left to send: every entry was delivered, once.
          expect(await hub.outbox.counts(store.id)).toMatchObject({ pending: 0, in_flight: 0, failed: 0 });
          expect((await exportStock()).counts.stock_availables ?? {}).toEqual({});
        }, 240_000);

        it(`pushes a change alone in one request${mode === 'PATCH' ? '' : ' while its row was read within the window, else two (read, PUT)'}`, async () => {
          const [one, two] = [...variants.keys()].slice(-2) as [string, string];
          const pushAlone = async (externalId: string, quantity: number) => {
            await move([externalId], () => quantity);
            const alone = await exportStock();
            expect(alone.report.counts.updated).toBe(1);
            expect(await wrongInStore([externalId])).toEqual([]);
            return alone.counts.stock_availables;
          };
          // Read by import-stock moments ago.
          expect(await pushAlone(one, 3)).toEqual({ [mode]: 1 });
          // The window closes; meanwhile the merchant allows back orders on the other row in the
          // back office. Without PATCH the row is read first, and the PUT sends the change back as is.
          clock.advance(STOCK_ROW_TRUSTED_FOR_MS + 1);
          emulator.store.update('stock_availables', rowId(two), { out_of_stock: '1', location: 'A-12' });
          expect(await pushAlone(two, 2)).toEqual(mode === 'PATCH' ? { PATCH: 1 } : { GET: 1, PUT: 1 });
          // That read opened the window again for this row: its next change alone is one request.
          clock.advance(60_000);
          expect(await pushAlone(two, 4)).toEqual({ [mode]: 1 });
          const row = emulator.store.get('stock_availables', rowId(two))?.values;
          expect([row?.out_of_stock, row?.location]).toEqual(['1', 'A-12']);
          // The first row, read long ago now, is read again.
          clock.advance(STOCK_ROW_TRUSTED_FOR_MS + 1);
          expect(await pushAlone(one, 5)).toEqual(mode === 'PATCH' ? { PATCH: 1 } : { GET: 1, PUT: 1 });
        });

        for (const known of ['read long ago', 'read lately'] as const)
          it(`a batch with a bad row in its middle (${known}): the rows before it saved, the bad row failed alone with its id, the rest resent after a re-read`, async () => {
            const chosen = [...variants.keys()].slice(
              known === 'read long ago' ? 20 : 30,
              known === 'read long ago' ? 27 : 37,
            );
            const bad = chosen[3]!;
            const badRow = rowId(bad);
            // A location longer than the store takes: saving the row fails validation (400, code 85).
            emulator.store.update('stock_availables', badRow, { location: 'x'.repeat(300) });
            try {
              if (known === 'read long ago') clock.advance(STOCK_ROW_TRUSTED_FOR_MS + 1);
              else {
                // The daily check reads every row, the bad one as the store holds it: a PUT of it from
                // what the hub read fails as the store's own row would.
                expect(
                  (await runFeed(hub, clock, stockCheckFeed, store.id, { timeoutMs: 60_000 })).run.status,
                ).toBe('succeeded');
                clock.advance(60_000);
              }
              await move(chosen, () => 5);
              const expected = await sellable(chosen);
              const { run, report, counts } = await exportStock();
              expect(run.status).toBe('succeeded');
              expect(report.counts).toMatchObject({ updated: 6, failed: 1 });
              expect(report.failures).toHaveLength(1);
              expect(report.failures[0]?.reason).toMatch(
                new RegExp(
                  `refused quantity ${expected.get(bad)} for its stock row ${badRow} \\(product \\d+`,
                ),
              );
              // The batch (refused after its first three rows), the bad row alone, the three after it again.
              expect(counts.stock_availables?.[mode]).toBe(3);
              // The re-read of the refused batch (and, without PATCH, the read before a batch of rows
              // read long ago).
              expect(counts.stock_availables?.GET).toBe(mode === 'PUT' && known === 'read long ago' ? 2 : 1);
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
