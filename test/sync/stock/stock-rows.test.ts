import { describe, expect, it } from 'vitest';

import { defaultStoreSettings, type Store } from '../../../src/hub/index.js';
import {
  compareStockRows,
  importStockNotReady,
  mapStockRow,
  planStockRows,
  stockExportNotReady,
} from '../../../src/sync/stock/index.js';
import { readFixture } from '../../support/fixtures.js';
import { jsonList, xmlList } from '../../webservice/support/recorded.js';

/** The recorded rows of product 1 (a product with 8 combinations) of the real 8.1.2 store. */
function recordedRows() {
  const records = jsonList(readFixture('q.stock-by-product-json.json'), 'stock_availables', 'full');
  return records.map((record) => {
    const outcome = mapStockRow(record);
    if (!outcome.ok) throw new Error(outcome.reason);
    return outcome.row;
  });
}

describe('store stock rows', () => {
  it('reads recorded rows as whole numbers, in JSON and in XML alike', () => {
    const rows = recordedRows();
    expect(rows[0]).toEqual({
      stockAvailableId: 1,
      productId: 1,
      combinationId: 0,
      quantity: 2177,
      dependsOnStock: false,
      // The rest of the row, which a PUT sends back as the store showed it.
      rest: { outOfStock: 2, shopId: 1, shopGroupId: 0, location: '' },
    });
    expect(rows[1]).toEqual({
      stockAvailableId: 20,
      productId: 1,
      combinationId: 1,
      quantity: 77,
      dependsOnStock: false,
      rest: { outOfStock: 2, shopId: 1, shopGroupId: 0, location: '' },
    });
    const xml = xmlList(readFixture('stock_availables.full.xml')).map(mapStockRow);
    expect(xml[0]).toEqual({
      ok: true,
      row: {
        stockAvailableId: 1,
        productId: 1,
        combinationId: 0,
        quantity: 2177,
        dependsOnStock: false,
        rest: { outOfStock: 2, shopId: 1, shopGroupId: 0, location: '' },
      },
    });
  });

  it('fails a row whose quantity is not a whole number, naming it', () => {
    expect(
      mapStockRow({
        id: 9,
        id_product: '3',
        id_product_attribute: '0',
        quantity: '4.5',
        depends_on_stock: '0',
      }),
    ).toEqual({
      ok: false,
      stockAvailableId: 9,
      reason: "stock row 9 has quantity '4.5', not a whole number",
    });
    expect(mapStockRow({ id: 9, id_product: '', id_product_attribute: '0', quantity: '4' }).ok).toBe(false);
    expect(
      mapStockRow({
        id: 9,
        id_product: '3',
        id_product_attribute: '0',
        quantity: '-2',
        depends_on_stock: '1',
      }),
    ).toEqual({
      ok: true,
      row: { stockAvailableId: 9, productId: 3, combinationId: 0, quantity: -2, dependsOnStock: true },
    });
  });

  it("tells a product's combination rows from its product-level sum and from products the hub does not know", () => {
    const rows = recordedRows();
    // The recorded product-level row is the sum of the combinations' rows: the store keeps it so.
    expect(rows[0]!.quantity).toBe(rows.slice(1).reduce((sum, row) => sum + row.quantity, 0));
    const bound = new Map(rows.slice(1).map((row, index) => [`1:${row.combinationId}`, 100 + index]));
    const plan = planStockRows(rows, bound, new Set([1]));
    expect(plan.variants.map((entry) => entry.externalId)).toEqual(
      rows.slice(1).map((row) => `1:${row.combinationId}`),
    );
    expect(plan.aggregates.map((row) => row.stockAvailableId)).toEqual([1]);
    expect(plan.unbound).toEqual([]);
    expect(planStockRows(rows, new Map(), new Set()).unbound).toHaveLength(rows.length);
  });

  it('compares exported rows with the hub, leaving out rows the store warehouses drive', () => {
    const [aggregate, first, second, third] = recordedRows();
    const entries = [
      { row: first!, variantId: 11, externalId: '1:1' },
      { row: { ...second!, dependsOnStock: true }, variantId: 12, externalId: '1:2' },
      { row: third!, variantId: 13, externalId: '1:3' },
    ];
    const sellable = new Map([
      [11, 77],
      [12, 0],
      [13, 12],
    ]);
    expect(aggregate!.combinationId).toBe(0);
    expect(compareStockRows(entries, sellable, () => true)).toEqual([
      { variantId: 13, externalId: '1:3', store: 300, hub: 12 },
    ]);
    expect(compareStockRows(entries, sellable, (id) => id !== 13)).toEqual([]);
  });
});

describe('stock readiness', () => {
  const store = (settings: Partial<Store['settings']>, imported: string | null = null) => ({
    name: 'shop',
    settings: { ...defaultStoreSettings(), ...settings },
    initialStockImportedAt: imported,
  });

  it('names the setting import-stock needs', () => {
    expect(importStockNotReady(store({}))).toMatch(
      /no stock import location: set stockImportLocation \(or defaults\.stockLocation\).*stores set shop stockImportLocation=CODE/,
    );
    expect(importStockNotReady(store({ stockImportLocation: 'MAIN' }))).toBeNull();
    expect(
      importStockNotReady(store({ defaults: { ...defaultStoreSettings().defaults, stockLocation: 'MAIN' } })),
    ).toBeNull();
  });

  it('refuses stock export without export locations, with quantities off, and before the initial import unless forced', () => {
    expect(stockExportNotReady(store({}))).toMatch(/no stock export locations/);
    const located = { stockExportLocations: ['MAIN'] };
    expect(stockExportNotReady(store(located))).toMatch(/before its initial stock import/);
    expect(stockExportNotReady(store(located), { force: true })).toBeNull();
    expect(stockExportNotReady(store(located, '2026-01-01T00:00:00.000Z'))).toBeNull();
    expect(
      stockExportNotReady(
        store({ ...located, exportFields: { ...defaultStoreSettings().exportFields, quantity: false } }, 'x'),
      ),
    ).toMatch(/Stock export is off/);
  });
});
