import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { exportStockFeed, importStockFeed, stockCheckFeed } from '../../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../../support/databases.js';
import { orderOfLines } from '../../support/orders.js';
import {
  createLocations,
  mirrorCatalog,
  runFeed,
  shipOpenOrders,
  stockPuts,
  storeQuantity,
  type TestRunOptions,
} from './support/stock-store.js';

const HOUR = 3_600_000;

describeEachEngine('stock feeds against the emulator', (engine) => {
  const clock = manualClock();
  let emulator: RunningEmulator;
  let hub: Hub;
  let store: Store;
  let variants: Map<string, number>;

  const variant = (externalId: string): number => {
    const id = variants.get(externalId);
    if (id === undefined) throw new Error(`no variant ${externalId}`);
    return id;
  };
  const sellable = async (externalId: string): Promise<number> =>
    (await hub.stock.sellable(store.id, [variant(externalId)])).get(variant(externalId)) ?? -1;
  const quantityInStore = (externalId: string): number => {
    const [productId, combinationId] = externalId.split(':').map(Number);
    return storeQuantity(emulator.store, productId!, combinationId!);
  };
  const adjust = (externalId: string, location: string, quantity: number) =>
    hub.transaction(async (tx) => {
      await tx.stock.recordMovements([
        { variantId: variant(externalId), location, kind: 'adjustment', quantity, note: 'test' },
      ]);
      await tx.stock.queueSellableUpdates([variant(externalId)]);
    });
  const exportStock = async (run: TestRunOptions = {}) => {
    emulator.resetCounts();
    const outcome = await runFeed(hub, clock, exportStockFeed, store.id, { timeoutMs: 500, ...run });
    return { ...outcome, puts: stockPuts(emulator.requestCounts()) };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub({ clock });
    await createLocations(hub);
    store = await hub.stores.create({
      name: 'emu',
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      settings: {
        stockImportLocation: 'MAIN',
        stockExportLocations: ['MAIN', 'SHOP'],
        exportFields: { quantity: true, bomQuantity: true },
      },
    });
    variants = await mirrorCatalog(hub, store, emulator.store);
    // The seeded orders still open hold units the store's quantities no longer show; shipped, they
    // hold none, so that the store's quantities are all there is (the import test places its own).
    expect(shipOpenOrders(emulator.store)).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('refuses to export before the initial stock import, saying why and what to run', async () => {
    expect(exportStockFeed.notReady(store)).toMatch(
      /before its initial stock import: the hub's quantities would overwrite/,
    );
    expect(exportStockFeed.notReady(store, { force: true })).toBeNull();
    const { run, report, puts } = await exportStock();
    expect(run.status).toBe('failed');
    expect(report.error).toMatch(/Run import-stock first \(prestabridge sync run import-stock --store emu\)/);
    expect(puts).toBe(0);
  });

  it('imports the store quantities once, with the units of open orders; exporting right after sends nothing', async () => {
    // An order paid in the store before the import: PrestaShop took its 2 units out of the quantity.
    const before = quantityInStore('6:0');
    const placed = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: 6, quantity: 2 }],
      stateId: 2,
    }).order.id;
    expect(quantityInStore('6:0')).toBe(before - 2);

    const { run, report } = await runFeed(hub, clock, importStockFeed, store.id);
    expect(run.status).toBe('succeeded');
    // One created level per bound variant; the product-level rows of products with combinations are left alone.
    expect(report.counts.created).toBe(variants.size);
    expect((await hub.stores.get(store.id)).initialStockImportedAt).not.toBeNull();
    for (const externalId of ['1:0', '2:1', '12:21']) {
      const levels = await hub.stock.onHand([variant(externalId)]);
      expect(levels).toEqual([
        { variantId: variant(externalId), location: 'MAIN', onHand: quantityInStore(externalId) },
      ]);
      expect(await sellable(externalId)).toBe(quantityInStore(externalId));
    }
    // The open order's units are on hand: they are in the warehouse until it ships.
    expect(await hub.stock.onHand([variant('6:0')])).toEqual([
      { variantId: variant('6:0'), location: 'MAIN', onHand: before },
    ]);
    expect(report.notices).toContainEqual(
      expect.objectContaining({
        kind: 'stock-open-orders',
        message: expect.stringMatching(/^2 unit\(s\) of the store's 1 open order\(s\) were added/) as string,
      }),
    );
    expect(await hub.stock.ledgerMismatches()).toEqual([]);

    // Imported and approved, the order reserves its units once: the hub sells what the store shows.
    const [imported] = (
      await hub.orders.upsertOrders(store.id, [orderOfLines(placed, [{ variant: '6:0', quantity: 2 }])])
    ).items;
    await hub.orders.approve([imported!.localId]);
    expect(await sellable('6:0')).toBe(before - 2);

    const exported = await exportStock();
    expect(exported.run.status).toBe('succeeded');
    expect(exported.puts).toBe(0);
    expect(exported.report.counts.updated).toBe(0);
  });

  it('pushes exactly one quantity for one adjustment', async () => {
    const before = quantityInStore('1:0');
    await adjust('1:0', 'MAIN', 5);
    const { report, puts } = await exportStock();
    expect(puts).toBe(1);
    expect(report.counts.updated).toBe(1);
    expect(quantityInStore('1:0')).toBe(before + 5);
  });

  it('sells the sum of the export locations, and nothing from the others', async () => {
    const main = quantityInStore('5:0');
    await hub.transaction(async (tx) => {
      await tx.stock.recordMovements([
        { variantId: variant('5:0'), location: 'SHOP', kind: 'receipt', quantity: 3 },
        { variantId: variant('5:0'), location: 'SUPPLIER', kind: 'receipt', quantity: 100 },
      ]);
      await tx.stock.queueSellableUpdates([variant('5:0')]);
    });
    expect((await exportStock()).puts).toBe(1);
    expect(quantityInStore('5:0')).toBe(main + 3);
  });

  it('reserves for open orders from their import on, releases on cancellation, and ships without a change to push', async () => {
    const start = quantityInStore('2:1');
    const imported = await hub.orders.upsertOrders(store.id, [
      orderOfLines(9001, [{ variant: '2:1', quantity: 2 }]),
      orderOfLines(9002, [{ variant: '2:1', quantity: 1 }]),
    ]);
    const [first, second] = imported.items.map((item) => item.localId);
    // Waiting for approval, both reserve already: one push of the variant.
    expect((await exportStock()).puts).toBe(1);
    expect(quantityInStore('2:1')).toBe(start - 3);

    // Approval changes no reservation: nothing to push.
    await hub.orders.approve([first!]);
    expect((await exportStock()).puts).toBe(0);
    expect(quantityInStore('2:1')).toBe(start - 3);

    await hub.orders.setStatus([first!], 'cancelled');
    expect((await exportStock()).puts).toBe(1);
    expect(quantityInStore('2:1')).toBe(start - 1);

    await hub.orders.approve([second!]);
    expect((await exportStock()).puts).toBe(0);
    expect(quantityInStore('2:1')).toBe(start - 1);
    // Shipped from MAIN: on hand and reservation both go down by one — the sellable quantity stays.
    await hub.shipments.record({ orderId: second!, fromLocation: 'MAIN' });
    const shipped = await exportStock();
    expect(shipped.puts).toBe(0);
    expect(shipped.report.counts.unchanged).toBe(1);
    expect(quantityInStore('2:1')).toBe(start - 1);
    expect(await sellable('2:1')).toBe(start - 1);
  });

  it('sells a kit as the minimum over its components, and pushes it when a component moves', async () => {
    await hub.catalog.setKitComponents([
      {
        kitVariantId: variant('8:0'),
        components: [
          { variantId: variant('1:0'), quantity: 1 },
          { variantId: variant('11:0'), quantity: 2 },
        ],
      },
    ]);
    await exportStock();
    const expected = Math.min(await sellable('1:0'), Math.floor((await sellable('11:0')) / 2));
    expect(quantityInStore('8:0')).toBe(expected);

    // Down to 4 sellable: the kit (2) is now short of this component.
    await adjust('11:0', 'MAIN', 4 - (await sellable('11:0')));
    const { puts } = await exportStock();
    expect(puts).toBe(1); // the component and the kit, in one request
    expect(quantityInStore('11:0')).toBe(await sellable('11:0'));
    expect(quantityInStore('8:0')).toBe(
      Math.min(await sellable('1:0'), Math.floor((await sellable('11:0')) / 2)),
    );
  });

  it('stock-check repairs exactly the rows changed behind the hub, and reports rows the store warehouses drive', async () => {
    emulator.store.setStock(1, 0, 999);
    emulator.store.setStock(2, 1, 0);
    emulator.store.setStock(12, 21, 7);
    emulator.store.setDependsOnStock(9, 13, true);
    emulator.store.setStock(9, 13, 555);
    emulator.resetCounts();
    const { run, report } = await runFeed(hub, clock, stockCheckFeed, store.id);
    expect(run.status).toBe('succeeded');
    expect(stockPuts(emulator.requestCounts())).toBe(1); // the three repairs in one request
    expect(report.counts.updated).toBe(3);
    for (const externalId of ['1:0', '2:1', '12:21'])
      expect(quantityInStore(externalId)).toBe(await sellable(externalId));
    expect(quantityInStore('9:13')).toBe(555);
    const differences = report.notices.filter((notice) => notice.kind === 'stock-difference');
    expect(differences.map((notice) => notice.message).sort()).toEqual(
      [
        `PB-000001 (store 1:0): store 999, hub ${await sellable('1:0')}`,
        `PB-000002-1 (store 2:1): store 0, hub ${await sellable('2:1')}`,
        `PB-000012-3 (store 12:21): store 7, hub ${await sellable('12:21')}`,
      ].sort(),
    );
    expect(report.notices.filter((notice) => notice.kind === 'depends-on-stock').map((n) => n.key)).toEqual([
      '9',
    ]);

    // A change of a row the warehouses drive is reported, not pushed.
    await adjust('9:13', 'MAIN', 1);
    const pushed = await exportStock();
    expect(pushed.puts).toBe(0);
    expect(pushed.report.notices.map((notice) => notice.kind)).toEqual(['depends-on-stock']);
    emulator.store.setDependsOnStock(9, 13, false);
  });

  it('retries a push the store failed with a 500, and sends it once it answers', async () => {
    await adjust('4:7', 'MAIN', -1);
    // From the push on: the run's permission check has been answered.
    const failed = await exportStock({
      onStep: (step) => step === 'push' && emulator.faults.update({ errorRate: 1, errorStatus: 500 }),
    });
    emulator.faults.update({ errorRate: 0 });
    expect(failed.run.status).toBe('succeeded');
    expect(failed.report.counts.skipped).toBe(1);
    expect(quantityInStore('4:7')).not.toBe(await sellable('4:7'));
    // Not due yet: the entry waits for its backoff.
    expect((await exportStock()).puts).toBe(0);

    clock.advance(2 * HOUR);
    const retried = await exportStock();
    expect(retried.puts).toBe(1);
    expect(quantityInStore('4:7')).toBe(await sellable('4:7'));
    expect((await hub.outbox.counts(store.id)).pending).toBe(0);
  });

  it('retries a push the store did not answer in time, and sends it once', async () => {
    await adjust('4:7', 'MAIN', -1);
    const timedOut = await exportStock({
      onStep: (step) => step === 'push' && emulator.faults.update({ hangRate: 1, hangMs: null }),
    });
    emulator.faults.update({ hangRate: 0 });
    expect(timedOut.report.counts.skipped).toBe(1);
    expect(quantityInStore('4:7')).not.toBe(await sellable('4:7'));

    clock.advance(2 * HOUR);
    const retried = await exportStock();
    expect(retried.puts).toBe(1);
    expect(retried.report.counts.updated).toBe(1);
    expect(quantityInStore('4:7')).toBe(await sellable('4:7'));
  });

  it('never loses an update under concurrent adjustments: the last value pushed is the final sellable quantity', async () => {
    const hubs = await Promise.all([engine.openHub({ clock }), engine.openHub({ clock })]);
    const id = variant('3:4');
    await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        hubs[index % 2]!.transaction(async (tx) => {
          await tx.stock.recordMovements([
            {
              variantId: id,
              location: index % 2 === 0 ? 'MAIN' : 'SHOP',
              kind: 'adjustment',
              quantity: (index % 5) - 1,
            },
          ]);
          await tx.stock.queueSellableUpdates([id]);
        }),
      ),
    );
    await exportStock();
    expect(quantityInStore('3:4')).toBe(await sellable('3:4'));
    expect(await hub.stock.ledgerMismatches()).toEqual([]);
  });

  it('reports a row the store warehouses took over since it was read, and gives up a row deleted in the store', async () => {
    // The hub still believes 7:10 is its own: the store refuses the write (code 133).
    emulator.store.setDependsOnStock(7, 10, true);
    await adjust('7:10', 'MAIN', 2);
    const refused = await exportStock();
    expect(refused.report.counts).toMatchObject({ updated: 0, skipped: 1, failed: 0 });
    expect(refused.report.notices.map((notice) => notice.key)).toEqual(['7']);
    // Remembered: the next change is not even tried.
    await adjust('7:10', 'MAIN', 1);
    expect((await exportStock()).puts).toBe(0);
    emulator.store.setDependsOnStock(7, 10, false);

    emulator.store.deleteProduct(10);
    await adjust('10:16', 'MAIN', 1);
    const gone = await exportStock();
    expect(gone.report.counts.failed).toBe(1);
    expect(gone.report.failures[0]?.reason).toMatch(
      /stock row \d+ \(product 10, combination 16\) no longer exists/,
    );
    expect(await hub.stock.storeRows(store.id, [{ productId: 10, combinationId: 16 }])).toEqual(new Map());
  });

  it('refuses a second import, listing what it would overwrite; --force imports again', async () => {
    // 5:0 has 3 on the shop floor: the store shows MAIN + 3, which a new import would put in MAIN.
    const refused = await runFeed(hub, clock, importStockFeed, store.id);
    expect(refused.run.status).toBe('failed');
    expect(refused.report.error).toMatch(/already ran/);
    expect(refused.report.error).toMatch(/PB-000005 \(store 5:0\): hub \d+, store \d+/);
    expect(refused.report.error).toMatch(/Run import-stock with --force/);

    const forced = await runFeed(hub, clock, importStockFeed, store.id, { options: { force: true } });
    expect(forced.run.status).toBe('succeeded');
    expect(forced.report.counts.updated).toBeGreaterThan(0);
    expect(await hub.stock.ledgerMismatches()).toEqual([]);
  });

  it('export-stock --force takes over a store without an initial import: every bound variant gets the hub quantity', async () => {
    const second = await hub.stores.create({
      name: 'emu-second',
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      settings: { stockExportLocations: ['SUPPLIER'] },
    });
    // A second shop selling the same hub variants (bound to the same store products).
    await hub.bindings.upsert(
      second.id,
      'variants',
      [...variants].map(([externalId, localId]) => ({ externalId, localId })),
    );
    // The runner hands the run's options to notReady: --force lifts the initial-import precondition.
    const outcome = await runFeed(hub, clock, exportStockFeed, second.id, { options: { force: true } });
    expect(outcome.run.status).toBe('succeeded');
    expect((await hub.stores.get(second.id)).initialStockImportedAt).not.toBeNull();
    // Only 5:0 has stock at SUPPLIER: every other row of the store is now 0.
    expect(quantityInStore('5:0')).toBe(100);
    expect(quantityInStore('1:0')).toBe(0);
    expect(quantityInStore('12:21')).toBe(0);
  });
});
