/**
 * A multistore layout on top of a generated store (`multistore: true`): three shops in two groups.
 *
 * | shop | group | shares |
 * | --- | --- | --- |
 * | 1 `{shopName}` (default) | 1 `Default` | nothing: its own stock, orders, customers |
 * | 2 `{shopName} FR` | 2 `Shared stock` | stock and customers with shop 3 (not orders) |
 * | 3 `{shopName} BE` | 2 `Shared stock` | stock and customers with shop 2 |
 *
 * Every product is sold in every shop. Shop 1 keeps the generated stock rows (`id_shop` 1); group 2
 * gets one row per product and combination (`id_shop` 0, `id_shop_group` 2) holding twice the
 * quantity, the same rows for shops 2 and 3. Customers belong to shops 1, 2, 3 in turn (`id_shop`,
 * `id_shop_group`); an order is placed in its customer's shop — in group 2, in shop 2 or 3 in turn,
 * as customers are shared there — and its cart and details say so.
 */
import type { AssociationEntry, EmuRecord } from '../record.js';
import { textOf } from '../record.js';
import type { BaseRows } from '../record-table.js';
import type { SeedTables } from './seed-tables.js';

export const SHARED_STOCK_GROUP = 2;

function shopGroup(shop: number): number {
  return shop === 1 ? 1 : SHARED_STOCK_GROUP;
}

/** The shop of customer `c`: 1, 2, 3, 1, … */
function customerShop(customer: number): number {
  return customer <= 0 ? 1 : ((customer - 1) % 3) + 1;
}

/** The shop of an order of customer `customer`: the customer's, or shop 2 or 3 in turn within group 2. */
function orderShop(order: number, customer: number): number {
  const shop = customerShop(customer);
  return shop === 1 ? 1 : 2 + (order % 2);
}

function withShop(record: EmuRecord, shop: number): EmuRecord {
  return {
    ...record,
    values: { ...record.values, id_shop: String(shop), id_shop_group: String(shopGroup(shop)) },
  };
}

/** A base whose rows are changed by `change` (fast columns of changed fields are dropped). */
function wrapBase(
  base: BaseRows,
  change: (record: EmuRecord) => EmuRecord,
  changed: readonly string[],
): BaseRows {
  return {
    count: base.count,
    build: (id) => change(base.build(id)),
    column: (id, field) => (changed.includes(field) ? undefined : base.column?.(id, field)),
    lookup: (field, value) => (changed.includes(field) ? undefined : base.lookup?.(field, value)),
  };
}

/** Turns a generated store into the multistore layout above. */
export function seedMultistore(t: SeedTables, shopName: string): void {
  const stock = t.baseOf('stock_availables');
  const products = t.baseOf('products');
  const customers = t.baseOf('customers');
  const orders = t.baseOf('orders');
  if (stock === undefined || products === undefined || customers === undefined || orders === undefined) {
    throw new RangeError('A multistore store needs a generated seed (small, demo, large), not recorded.');
  }

  t.put('shop_groups', SHARED_STOCK_GROUP, {
    name: 'Shared stock',
    color: '',
    share_customer: '1',
    share_order: '0',
    share_stock: '1',
    active: '1',
    deleted: '0',
  });
  for (const [id, suffix] of [
    [2, 'FR'],
    [3, 'BE'],
  ] as const) {
    t.put('shops', id, {
      id_shop_group: String(SHARED_STOCK_GROUP),
      id_category: '2',
      active: '1',
      deleted: '0',
      name: `${shopName} ${suffix}`,
      color: '',
      theme_name: 'classic',
    });
  }
  const configurations = t.tables.get('configurations');
  for (const id of configurations?.ids() ?? []) {
    const row = configurations?.get(id);
    if (row !== undefined && textOf(row.values.name) === 'PS_MULTISHOP_FEATURE_ACTIVE')
      configurations?.update({ ...row, values: { ...row.values, value: '1' } });
  }

  // Group 2's stock: one row per row of shop 1, numbered after them.
  const rows = stock.count;
  for (let id = 1; id <= rows; id += 1) {
    const own = stock.build(id);
    t.put('stock_availables', rows + id, {
      ...own.values,
      id_shop: '0',
      id_shop_group: String(SHARED_STOCK_GROUP),
      quantity: String(2 * (Number(textOf(own.values.quantity)) || 0)),
    });
  }
  t.base(
    'products',
    wrapBase(
      products,
      (record) => {
        const entries: readonly AssociationEntry[] = record.associations.stock_availables ?? [];
        const shared = entries.map((entry) => ({ ...entry, id: String(rows + Number(entry.id)) }));
        return {
          ...record,
          associations: { ...record.associations, stock_availables: [...entries, ...shared] },
        };
      },
      [],
    ),
  );

  t.base(
    'customers',
    wrapBase(customers, (record) => withShop(record, customerShop(record.id)), ['id_shop', 'id_shop_group']),
  );
  const shopOfOrder = (order: number): number => {
    const customer = Number(
      orders.column?.(order, 'id_customer') ?? textOf(orders.build(order).values.id_customer),
    );
    return orderShop(order, customer);
  };
  t.base(
    'orders',
    wrapBase(orders, (record) => withShop(record, shopOfOrder(record.id)), ['id_shop', 'id_shop_group']),
  );
  const details = t.baseOf('order_details');
  if (details !== undefined) {
    t.base(
      'order_details',
      wrapBase(
        details,
        (record) => ({
          ...record,
          values: { ...record.values, id_shop: String(shopOfOrder(Number(textOf(record.values.id_order)))) },
        }),
        ['id_shop'],
      ),
    );
  }
  const carts = t.baseOf('carts');
  if (carts !== undefined) {
    t.base(
      'carts',
      wrapBase(
        carts,
        (record) =>
          withShop(
            record,
            record.id <= orders.count
              ? shopOfOrder(record.id)
              : customerShop(Number(textOf(record.values.id_customer))),
          ),
        ['id_shop', 'id_shop_group'],
      ),
    );
  }
}
