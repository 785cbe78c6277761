import { describe, expect, it } from 'vitest';

import { createEmulatorStore, type EmuRecord, textOf } from '../../src/emulator/index.js';

const text = (record: EmuRecord | undefined, field: string): string => textOf(record?.values[field]);

describe('generated stores', () => {
  it('are the same for the same seed and sizes', () => {
    const a = createEmulatorStore({ seed: 'small' });
    const b = createEmulatorStore({ seed: 'small' });
    for (const [resource, id] of [
      ['products', 7],
      ['orders', 12],
      ['customers', 3],
      ['order_details', 20],
    ] as const) {
      expect(a.get(resource, id)).toEqual(b.get(resource, id));
    }
    const other = createEmulatorStore({ seed: 'demo' });
    expect(text(other.get('orders', 12), 'reference')).not.toBe(text(a.get('orders', 12), 'reference'));
  });

  it('answer filters from their fast columns with the values of the full records', () => {
    // Fast columns let id, date and reference filters skip building records; they must never disagree.
    const store = createEmulatorStore({ seed: 'demo' });
    const checked: Array<[string, string]> = [
      ['products', 'date_upd'],
      ['products', 'date_add'],
      ['products', 'price'],
      ['products', 'reference'],
      ['products', 'id_category_default'],
      ['combinations', 'id_product'],
      ['order_details', 'id_order'],
      ['order_histories', 'id_order'],
      ['messages', 'id_order'],
      ['customer_threads', 'id_order'],
      ['customer_messages', 'id_customer_thread'],
    ];
    for (const [resource, field] of checked) {
      const table = store.table(resource)!;
      for (const id of [...table.ids()].slice(0, 50)) {
        expect(table.fast(id, field), `${resource} ${id} ${field}`).toBe(
          text(store.get(resource, id), field),
        );
      }
    }
  });

  it("find an order's customer threads and a thread's messages through an index that agrees with a scan", () => {
    const store = createEmulatorStore({ seed: 'demo' });
    const scan = (resource: string, field: string, value: string): number[] =>
      [...store.records(resource)].filter((record) => text(record, field) === value).map((r) => r.id);
    const threads = store.table('customer_threads')!;
    const messages = store.table('customer_messages')!;
    let withThreads = 0;
    for (let order = 1; order <= 60; order += 1) {
      const found = threads.candidates('id_order', String(order));
      expect(found, `order ${order}`).toEqual(scan('customer_threads', 'id_order', String(order)));
      if (found!.length > 0) withThreads += 1;
      for (const thread of found!) {
        expect(messages.candidates('id_customer_thread', String(thread))).toEqual(
          scan('customer_messages', 'id_customer_thread', String(thread)),
        );
      }
    }
    expect(withThreads).toBeGreaterThan(0);

    // Rows added after seeding are candidates too.
    const thread = store.insert('customer_threads', {
      id_order: '3',
      id_customer: '1',
      id_lang: '1',
      id_shop: '1',
      id_contact: '2',
      email: 'shopper@example.com',
      token: 'abcdef123456',
      status: 'open',
    });
    const message = store.insert('customer_messages', {
      id_customer_thread: String(thread.id),
      id_employee: '0',
      message: 'Where is my parcel?',
      private: '0',
    });
    expect(threads.candidates('id_order', '3')).toContain(thread.id);
    expect(messages.candidates('id_customer_thread', String(thread.id))).toContain(message.id);
  });

  it('hold two languages, the demo category tree, the default order states and carriers', () => {
    const store = createEmulatorStore({ seed: 'small' });
    expect([...store.records('languages')].map((l) => text(l, 'iso_code'))).toEqual(['en', 'fr']);
    expect(textOf(store.get('categories', 1)?.values.name, 1)).toBe('Root');
    expect(textOf(store.get('categories', 2)?.values.name, 1)).toBe('Home');
    expect(textOf(store.get('order_states', 2)?.values.name, 1)).toBe('Payment accepted');
    expect(text(store.get('order_states', 2), 'paid')).toBe('1');
    expect(store.count('carriers')).toBe(4);
    expect(store.config('PS_TIMEZONE')).toBe('Europe/Paris');
    expect(store.config('PS_LANG_DEFAULT')).toBe('1');
  });

  it('keep each product-level stock row at the sum of its combination rows', () => {
    const store = createEmulatorStore({ seed: 'demo' });
    let checked = 0;
    for (const product of store.records('products')) {
      const rows = product.associations.stock_availables ?? [];
      if (rows.length < 2) continue;
      const quantity = (id: string | null | undefined): number =>
        Number(text(store.get('stock_availables', Number(id)), 'quantity'));
      const sum = rows
        .filter((row) => row.id_product_attribute !== '0')
        .reduce((total, row) => total + quantity(row.id), 0);
      expect(quantity(rows.find((row) => row.id_product_attribute === '0')?.id ?? null)).toBe(sum);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('have orders in every core state over two years, whose totals add up in cents', () => {
    const store = createEmulatorStore({ seed: 'demo' });
    const states = new Set<string>();
    const dates: string[] = [];
    const cents = (value: string): number => Math.round(Number(value) * 100);
    for (const order of store.records('orders')) {
      states.add(text(order, 'current_state'));
      dates.push(text(order, 'date_add'));
      const rows = order.associations.order_rows ?? [];
      const products = rows.reduce(
        (sum, row) => sum + cents(row.unit_price_tax_excl ?? '0') * Number(row.product_quantity),
        0,
      );
      expect(cents(text(order, 'total_products'))).toBe(products);
      expect(cents(text(order, 'total_paid_tax_incl'))).toBe(
        cents(text(order, 'total_products_wt')) + cents(text(order, 'total_shipping_tax_incl')),
      );
      const history = store.table('order_histories')?.candidates('id_order', String(order.id)) ?? [];
      const last = store.get('order_histories', history[history.length - 1] ?? 0);
      expect(text(last, 'id_order_state')).toBe(text(order, 'current_state'));
    }
    for (const state of ['1', '2', '3', '4', '5', '6', '7', '8', '10', '13']) expect(states).toContain(state);
    dates.sort();
    const spanDays = (Date.parse(dates[dates.length - 1] ?? '') - Date.parse(dates[0] ?? '')) / 86_400_000;
    expect(spanDays).toBeGreaterThan(700);
  });

  it('give customers one to three addresses and unique e-mails', () => {
    const store = createEmulatorStore({ seed: 'demo' });
    const emails = new Set<string>();
    for (const customer of store.records('customers')) emails.add(text(customer, 'email'));
    expect(emails.size).toBe(store.count('customers'));
    for (let c = 1; c <= 20; c += 1) {
      const addresses = store.table('addresses')?.candidates('id_customer', String(c)) ?? [];
      expect(addresses.length).toBeGreaterThanOrEqual(1);
      expect(addresses.length).toBeLessThanOrEqual(3);
    }
  });

  it("give combinations their product's reference where the seed says so, as PrestaShop's demo catalog does", () => {
    /** Per product with combinations: whether every combination carries the product's reference. */
    const sharing = (store: ReturnType<typeof createEmulatorStore>): Map<number, boolean> => {
      const byProduct = new Map<number, string[]>();
      for (const combination of store.records('combinations')) {
        const productId = Number(text(combination, 'id_product'));
        byProduct.set(productId, [...(byProduct.get(productId) ?? []), text(combination, 'reference')]);
      }
      return new Map(
        [...byProduct].map(([productId, references]) => [
          productId,
          references.every((reference) => reference === text(store.get('products', productId), 'reference')),
        ]),
      );
    };
    const own = sharing(createEmulatorStore({ seed: 'small' }));
    expect([...own.values()].some(Boolean)).toBe(false);
    const all = createEmulatorStore({ seed: 'small', shape: { sharedReferences: 1 } });
    expect([...sharing(all).values()].every(Boolean)).toBe(true);
    expect(sharing(all).size).toBe(own.size);
    // Only the references differ: the same products, combinations, stock and orders.
    const plain = createEmulatorStore({ seed: 'small' });
    expect(all.get('orders', 12)).toEqual(plain.get('orders', 12));
    expect(text(all.get('combinations', 1), 'ean13')).toBe(text(plain.get('combinations', 1), 'ean13'));
    // The demo store has some of each.
    const demo = [...sharing(createEmulatorStore({ seed: 'demo' })).values()];
    expect(demo.filter(Boolean).length).toBeGreaterThan(0);
    expect(demo.filter((shared) => !shared).length).toBeGreaterThan(demo.filter(Boolean).length);
    expect(() => createEmulatorStore({ seed: 'small', shape: { sharedReferences: 2 } })).toThrow(
      /sharedReferences must be between 0 and 1/,
    );
  });

  it('take explicit sizes and one language', () => {
    const store = createEmulatorStore({
      seed: 'small',
      sizes: { products: 40, orders: 5 },
      languages: ['en'],
    });
    expect(store.count('products')).toBe(40);
    expect(store.count('orders')).toBe(5);
    expect(store.languageIds()).toEqual([1]);
    expect(Object.keys(store.get('products', 1)?.values.name as object)).toEqual(['1']);
  });

  it('date writes with the injected clock, in the store time zone', () => {
    const store = createEmulatorStore({ seed: 'small', clock: () => new Date('2026-07-01T12:00:00Z') });
    const product = store.updateProduct(1, { price: '9.99' });
    expect(text(product, 'date_upd')).toBe('2026-07-01 14:00:00');
  });

  it('hold 100,000 products and 1,000,000 orders, read page by page', () => {
    const store = createEmulatorStore({ seed: 'large' });
    expect(store.count('products')).toBe(100_000);
    expect(store.count('orders')).toBe(1_000_000);
    expect(store.count('order_details')).toBeGreaterThan(2_500_000);
    const order = store.get('orders', 999_999);
    expect(order?.associations.order_rows?.length).toBeGreaterThan(0);
    const ids = [...(store.table('orders')?.ids(500_001, 500_500) ?? [])];
    expect(ids).toHaveLength(500);
  });
});
