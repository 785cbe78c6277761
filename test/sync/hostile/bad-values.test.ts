import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { textOf } from '../../../src/emulator/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { Decimal, type Hub, type Order, type Store } from '../../../src/hub/index.js';
import { importProductsFeed } from '../../../src/sync/catalog/import-products.feed.js';
import { formatReport, importStockFeed } from '../../../src/sync/index.js';
import {
  importCustomersFeed,
  importOrdersFeed,
  retryOrdersFeed,
  updateOrdersFeed,
} from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type HostileStore, type JsonRecord, startHostileStore } from '../../support/hostile-store.js';
import { hubOrderFacts, hubOrders } from '../orders/support/order-compare.js';
import { type Emulator, runFeed } from '../orders/support/order-harness.js';

/** What a user sees of an order, without the hub's own ids: two imports of one store order compare equal. */
async function comparable(hub: Hub, store: Store, order: Order) {
  const { id, storeId, customerId, lines, stateHistory, shipments, ...rest } = order;
  void id;
  void storeId;
  void lines;
  void shipments;
  return {
    ...rest,
    customer: customerId === null ? null : (await hub.customers.get(customerId)).email,
    facts: await hubOrderFacts(hub, store.id, order),
    stateHistory: stateHistory.map(({ stateId, changedAtLocal }) => ({ stateId, changedAtLocal })),
  };
}

const rows = (order: JsonRecord) => (order.associations as { order_rows: JsonRecord[] }).order_rows;

describeEachEngine('a store sending values the hub cannot read', (engine) => {
  let emulator: Emulator;
  let hostile: HostileStore;
  let hub: Hub;
  /** Store order ids by what is wrong with them. */
  const broken = new Map<string, number>();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hostile = await startHostileStore(emulator);
    hub = await engine.openHub();
    const orders = [...emulator.store.records('orders')];
    const inState = (state: string) => orders.filter((order) => textOf(order.values.current_state) === state);
    // A cancelled order among the broken ones: a clean run imports it (as cancelled) too.
    const cancelled = inState('6')[0]!.id;
    const others = orders.map((order) => order.id).filter((id) => id !== cancelled);
    const pick = (name: string, id: number) => broken.set(name, id);
    pick('NaN', cancelled);
    pick('12,50', others[1]!);
    pick('1e309', others[2]!);
    pick('Infinity', others[3]!);
    pick('empty', others[4]!);
    pick('quantity', others[5]!);
    pick('date', others[6]!);
    pick('mismatch', others[7]!);
  });
  afterAll(async () => {
    await hostile.close();
    await emulator.close();
  });

  describe('orders', () => {
    let store: Store;

    it('a record with unreadable money, quantity or date fails alone, named by id and field; the rest imports', async () => {
      hostile.alter('orders', broken.get('NaN')!, (order) => (order.total_paid_tax_incl = 'NaN'));
      hostile.alter('orders', broken.get('12,50')!, (order) => (order.total_discounts_tax_incl = '12,50'));
      hostile.alter('orders', broken.get('1e309')!, (order) => (order.total_products = '1e309'));
      hostile.alter(
        'orders',
        broken.get('Infinity')!,
        (order) => (order.total_shipping_tax_incl = 'Infinity'),
      );
      hostile.alter('orders', broken.get('empty')!, (order) => (order.total_paid = ''));
      hostile.alter(
        'orders',
        broken.get('quantity')!,
        (order) => (rows(order)[0]!.product_quantity = '3 pcs'),
      );
      hostile.alter('orders', broken.get('date')!, (order) => (order.date_add = '2026-02-31 10:00:00'));
      // Valid decimals that do not add up: imported as the store sent them, and flagged.
      hostile.alter('orders', broken.get('mismatch')!, (order) => {
        order.total_paid_tax_incl = Decimal.from(String(order.total_paid_tax_incl)).add(5).toFixed(6);
      });
      store = await addEmulatorStore(hub, hostile, 'bad-values');
      const { run, report } = await runFeed(hub, importOrdersFeed, store, { feedOptions: { pageSize: 10 } });
      expect(run.status).toBe('succeeded');
      const count = emulator.store.count('orders');
      expect(report.counts).toMatchObject({ created: count - 7, failed: 7 });
      const failures = new Map(report.failures.map((failure) => [failure.recordId, failure.reason]));
      const reason = (name: string) => failures.get(String(broken.get(name)));
      expect(reason('NaN')).toBe("total_paid_tax_incl is 'NaN', not a decimal number");
      expect(reason('12,50')).toBe("total_discounts_tax_incl is '12,50', not a decimal number");
      expect(reason('1e309')).toBe("total_products is '1e309', not a decimal number");
      expect(reason('Infinity')).toBe("total_shipping_tax_incl is 'Infinity', not a decimal number");
      expect(reason('empty')).toBe('total_paid is empty, where the store must give a decimal number');
      expect(reason('quantity')).toBe("order_rows[1].product_quantity is '3 pcs', not a whole number ≥ 0");
      expect(reason('date')).toBe("date_add is '2026-02-31 10:00:00', not a date");
      expect(formatReport(report)).toContain(
        `failed ${broken.get('NaN')}: total_paid_tax_incl is 'NaN', not a decimal number`,
      );
      for (const name of ['NaN', '12,50', '1e309', 'Infinity', 'empty', 'quantity', 'date'])
        expect(await hub.orders.findByExternalId(store.id, broken.get(name)!)).toBeUndefined();

      const mismatch = await hub.orders.findByExternalId(store.id, broken.get('mismatch')!);
      const storePaid = textOf(
        emulator.store.get('orders', broken.get('mismatch')!)?.values.total_paid_tax_incl,
      );
      expect(mismatch).toMatchObject({ totalsMismatch: true });
      expect(mismatch?.totals.paidTaxIncl).toBe(Decimal.from(storePaid).add(5).toFixed(6));
      const notice = report.notices.find(
        (candidate) =>
          candidate.kind === 'totals-mismatch' && candidate.key === String(broken.get('mismatch')),
      );
      expect(notice?.message).toMatch(
        new RegExp(
          `^Store order ${broken.get('mismatch')} .*the store's total paid is .*Kept as the store sent it and flagged`,
        ),
      );
    });

    it('a refused order, once repaired in the store, is imported as a clean run would have imported it', async () => {
      hostile.behave();
      const names = ['NaN', '12,50', '1e309', 'Infinity', 'empty', 'quantity', 'date'];
      // The next import-orders run starts after the last id; the refused orders wait for retry-orders.
      const { report } = await runFeed(hub, retryOrdersFeed, store, { feedOptions: { all: true } });
      expect(report.counts).toMatchObject({ created: 7, failed: 0 });

      const clean = await addEmulatorStore(hub, emulator, 'clean');
      await runFeed(hub, importOrdersFeed, clean);
      for (const name of names) {
        const id = broken.get(name)!;
        const repaired = await hub.orders.findByExternalId(store.id, id);
        const reference = await hub.orders.findByExternalId(clean.id, id);
        expect(repaired, `order ${id} (${name})`).not.toBeNull();
        expect(await comparable(hub, store, repaired!)).toEqual(await comparable(hub, clean, reference!));
      }
      expect((await hubOrders(hub, store.id)).length).toBe(emulator.store.count('orders'));
      expect(await hub.orders.dueRetries(store.id, { at: new Date('9999-01-01') })).toEqual([]);
    });

    it('update-orders: an imported order that turns unreadable fails alone, and follows once repaired', async () => {
      const [first, second] = [...emulator.store.records('orders')]
        .map((order) => order.id)
        .filter((id) => ![...broken.values()].includes(id))
        .slice(0, 2);
      emulator.store.update('orders', first!, { note: 'changed' });
      emulator.store.update('orders', second!, { note: 'changed too' });
      hostile.alter('orders', first!, (order) => (order.date_upd = 'yesterday'));
      const { run, report } = await runFeed(hub, updateOrdersFeed, store, {
        clock: () => new Date(Date.now() + 10 * 60_000),
      });
      hostile.behave();
      expect(run.status).toBe('succeeded');
      expect(report.failures).toContainEqual({
        recordId: String(first),
        reason: "date_upd is 'yesterday', not a date",
      });
      expect((await hub.orders.findByExternalId(store.id, second!))?.note).toBe('changed too');
      await runFeed(hub, retryOrdersFeed, store, { feedOptions: { all: true } });
      expect((await hub.orders.findByExternalId(store.id, first!))?.note).toBe('changed');
    });
  });

  it('products: one with an unreadable date or combination price fails alone; the others import', async () => {
    const withCombinations = [...emulator.store.records('combinations')][0]!;
    const productOfCombination = Number(textOf(withCombinations.values.id_product));
    const undated = [...emulator.store.records('products')].find(
      (product) => product.id !== productOfCombination,
    )!.id;
    hostile.alter('products', undated, (product) => (product.date_upd = 'soon'));
    hostile.alter('combinations', withCombinations.id, (combination) => (combination.price = 'NaN'));
    try {
      // Its own products (the earlier tests' stores sell the same catalog): every one is counted as created.
      const store = await addEmulatorStore(hub, hostile, 'bad-products', { catalog: { matchBy: 'none' } });
      const { run, report } = await runFeed(hub, importProductsFeed, store);
      expect(run.status).toBe('succeeded');
      expect(report.failures).toEqual(
        expect.arrayContaining([
          { recordId: String(undated), reason: "date_upd is 'soon', not a date" },
          {
            recordId: String(productOfCombination),
            reason: `combination ${withCombinations.id} price 'NaN' is not a decimal number`,
          },
        ]),
      );
      expect(report.counts.failed).toBe(2);
      expect(report.counts.created).toBe(emulator.store.count('products') - 2);
    } finally {
      hostile.behave();
    }
  });

  it('stock: a row with an unreadable quantity fails alone; the other rows import', async () => {
    await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
    const store = await addEmulatorStore(hub, hostile, 'bad-stock', { stockImportLocation: 'MAIN' });
    expect((await runFeed(hub, importProductsFeed, store)).run.status).toBe('succeeded');
    const row = [...emulator.store.records('stock_availables')].find(
      (candidate) => textOf(candidate.values.id_product_attribute) === '0',
    )!;
    hostile.alter('stock_availables', row.id, (stock) => (stock.quantity = '3 pcs'));
    try {
      const { run, report } = await runFeed(hub, importStockFeed, store);
      expect(run.status).toBe('succeeded');
      expect(report.failures).toEqual([
        { recordId: String(row.id), reason: `stock row ${row.id} has quantity '3 pcs', not a whole number` },
      ]);
      expect(report.counts.created).toBeGreaterThan(10);
    } finally {
      hostile.behave();
    }
  });

  it('customers: one with an unreadable date fails alone; the others import', async () => {
    const customers = [...emulator.store.records('customers')].map((customer) => customer.id);
    const [badUpdate, badBirthday] = customers;
    hostile.alter('customers', badUpdate!, (customer) => (customer.date_upd = 'never'));
    hostile.alter('customers', badBirthday!, (customer) => (customer.birthday = '1970-02-30'));
    try {
      const store = await addEmulatorStore(hub, hostile, 'bad-customers');
      const { run, report } = await runFeed(hub, importCustomersFeed, store);
      expect(run.status).toBe('succeeded');
      expect(report.failures).toEqual(
        expect.arrayContaining([
          { recordId: String(badUpdate), reason: "date_upd is 'never', not a date" },
          { recordId: String(badBirthday), reason: "birthday is '1970-02-30', not a date" },
        ]),
      );
      expect(report.counts.failed).toBe(2);
      expect(report.counts.created).toBe(customers.length - 2);
    } finally {
      hostile.behave();
    }
  });
});
