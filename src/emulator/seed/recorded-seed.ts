/**
 * The `recorded` seed: a store laid out like the recorded 8.1.2 demo store — the same ids in every
 * recorded resource (19 products, 39 combinations, 58 stock rows, 5 orders, 3 customers, …), the
 * recorded values where a recording holds them, and values copied from a recorded sibling for
 * the other ids. The conformance test replays the recorded requests against it. Resources the
 * shared recordings do not cover come from the development 8.1.2 store (`realstore-data.ts`: the
 * same installer and demo data: countries, states, zones, tax rules, groups, brands, features,
 * product-supplier links, discounts, order rows and carriers, carts, settings), the rest
 * from the generated reference data.
 */
import type { SeededData, StoreLanguage } from '../emulator-store.js';
import { type AssociationEntry, type FieldValue, textOf } from '../record.js';
import { RecordTable } from '../record-table.js';
import { parseWallClock } from '../wall-clock.js';
import { REAL_STORE, type RealStoreTable } from './realstore-data.js';
import type { RecordedRecord, RecordedValue } from './recorded-seed-types.js';
import { RECORDED_STORE } from './recorded-store-data.js';
import { type ReferenceOptions, seedReference } from './reference-seed.js';
import { SeedTables } from './seed-tables.js';

/** When the recorded store was installed (its records are dated 2026-11-22). */
const RECORDED_INSTALL = '2026-11-22 12:10:56';

/** Resources whose records come from the recordings, in the order they are written. */
const RECORDED_RESOURCES = [
  'languages',
  'shops',
  'currencies',
  'carriers',
  'taxes',
  'tax_rule_groups',
  'order_states',
  'suppliers',
  'product_options',
  'product_option_values',
  'categories',
  'products',
  'combinations',
  'stock_availables',
  'customers',
  'addresses',
  'carts',
  'orders',
  'order_histories',
];

function toFieldValue(value: RecordedValue): FieldValue {
  if (value === null || value === false || typeof value === 'string') return value;
  const out: Record<number, string> = {};
  for (const [lang, text] of Object.entries(value)) out[Number(lang)] = text;
  return out;
}

function recorded(resource: string, id: number): RecordedRecord | undefined {
  return RECORDED_STORE[resource]?.records[String(id)];
}

/** The recorded record of the nearest id below (or the first one): the template of an unrecorded id. */
function template(resource: string, id: number): RecordedRecord | undefined {
  const records = RECORDED_STORE[resource]?.records ?? {};
  const ids = Object.keys(records)
    .map(Number)
    .sort((a, b) => a - b);
  const below = ids.filter((candidate) => candidate < id);
  const chosen = below.length > 0 ? below[below.length - 1] : ids[0];
  return chosen === undefined ? undefined : records[String(chosen)];
}

interface Relations {
  /** Product → combination ids, stock rows, images, categories (from the recorded products). */
  readonly comboProduct: Map<number, number>;
  readonly stockRow: Map<number, { product: number; attribute: number }>;
  readonly categoryProducts: Map<number, number[]>;
}

function relations(): Relations {
  const comboProduct = new Map<number, number>();
  const stockRow = new Map<number, { product: number; attribute: number }>();
  const categoryProducts = new Map<number, number[]>();
  for (const [id, record] of Object.entries(RECORDED_STORE.products?.records ?? {})) {
    const product = Number(id);
    for (const entry of record.associations.combinations ?? []) comboProduct.set(Number(entry.id), product);
    for (const entry of record.associations.stock_availables ?? []) {
      stockRow.set(Number(entry.id), { product, attribute: Number(entry.id_product_attribute) });
    }
    for (const entry of record.associations.categories ?? []) {
      const list = categoryProducts.get(Number(entry.id)) ?? [];
      list.push(product);
      categoryProducts.set(Number(entry.id), list);
    }
  }
  return { comboProduct, stockRow, categoryProducts };
}

/**
 * Resources taken whole from the development store's records (`realstore-data.ts`); they replace the
 * generated reference tables.
 */
const REAL_STORE_RESOURCES = [
  'zones',
  'countries',
  'states',
  'tax_rules',
  'groups',
  'manufacturers',
  'product_features',
  'product_feature_values',
  'product_suppliers',
  'specific_prices',
];

/** The rows of each `realstore-data.ts` table by id (built on first use). */
const realRows = new Map<string, Map<number, RealStoreTable['rows'][number]>>();

/** One record of a `realstore-data.ts` table, by id. */
function realRecord(
  resource: string,
  id: number,
): { values: Record<string, FieldValue>; associations: Record<string, AssociationEntry[]> } | undefined {
  const table: RealStoreTable | undefined = REAL_STORE[resource];
  if (table === undefined) return undefined;
  let rows = realRows.get(resource);
  if (rows === undefined) {
    rows = new Map(table.rows.map((candidate) => [candidate[0], candidate]));
    realRows.set(resource, rows);
  }
  const row = rows.get(id);
  if (row === undefined) return undefined;
  const values: Record<string, FieldValue> = {};
  table.fields.forEach((name, index) => {
    const value = row[index + 1] ?? null;
    values[name] = toFieldValue(typeof value === 'number' ? String(value) : value);
  });
  const associations: Record<string, AssociationEntry[]> = {};
  for (const [name, entries] of Object.entries(table.associations[String(id)] ?? {}))
    associations[name] = entries.map((entry) => ({ ...entry }));
  return { values, associations };
}

/** Values an unrecorded id cannot share with its template (ids it points to). */
function adjust(resource: string, id: number, values: Record<string, FieldValue>, rel: Relations): void {
  switch (resource) {
    case 'combinations':
      values.id_product = String(rel.comboProduct.get(id) ?? 1);
      values.default_on = null;
      break;
    case 'stock_availables': {
      const row = rel.stockRow.get(id);
      values.id_product = String(row?.product ?? 1);
      values.id_product_attribute = String(row?.attribute ?? 0);
      break;
    }
    case 'categories': {
      const parents: Record<number, number> = { 4: 3, 5: 3, 6: 2, 7: 6, 8: 6, 9: 2 };
      values.id_parent = String(parents[id] ?? 2);
      values.level_depth = String(id >= 7 && id <= 8 ? 3 : id === 4 || id === 5 ? 3 : 2);
      values.name = { 1: `Category ${id}`, 2: `Category ${id}` };
      values.link_rewrite = { 1: `category-${id}`, 2: `category-${id}` };
      break;
    }
    case 'addresses':
      values.id_customer = '2';
      values.id_supplier = '0';
      values.id_manufacturer = '0';
      values.alias = `Address ${id}`;
      break;
    case 'orders':
      values.id_cart = String(id);
      values.reference = `RECORDED${id}`;
      break;
    case 'order_histories': {
      const orderOf: Record<number, number> = { 6: 1, 7: 3, 8: 2 };
      values.id_order = String(orderOf[id] ?? id);
      break;
    }
    case 'carts':
      values.id_cart = String(id);
      break;
    case 'taxes':
      values.name = { 1: `Tax ${id}`, 2: `Tax ${id}` };
      break;
    case 'tax_rule_groups':
      values.name = `Tax rules group ${id}`;
      break;
    case 'product_option_values':
      values.id_attribute_group = String(id <= 4 ? 1 : id <= 18 ? 2 : id <= 21 ? 3 : 4);
      values.name = { 1: `Value ${id}`, 2: `Value ${id}` };
      break;
    default:
      break;
  }
}

function associationsOf(
  resource: string,
  id: number,
  record: RecordedRecord | undefined,
  rel: Relations,
  fromTemplate: boolean,
): Record<string, AssociationEntry[]> {
  const out: Record<string, AssociationEntry[]> = {};
  for (const [name, entries] of Object.entries(record?.associations ?? {}))
    out[name] = entries.map((entry) => ({ ...entry }));
  if (resource === 'categories') {
    out.products = (rel.categoryProducts.get(id) ?? []).map((product) => ({ id: String(product) }));
    if (fromTemplate) out.categories = [];
  }
  if (resource === 'orders' && fromTemplate) {
    // Rows of an unrecorded order get their own ids after the recorded ones.
    out.order_rows = (out.order_rows ?? []).map((row, index) => ({
      ...row,
      id: String(100 + id * 10 + index),
    }));
  }
  return out;
}

export function buildRecordedStore(options: {
  languages: readonly StoreLanguage[];
  timeZone: string;
}): SeededData {
  const t = new SeedTables(options.languages.map((language) => language.id));
  const reference = new SeedTables(t.languages);
  const referenceOptions: ReferenceOptions = {
    shopName: 'PSRealPeer',
    timeZone: options.timeZone,
    installedAt: parseWallClock(RECORDED_INSTALL),
  };
  seedReference(reference, referenceOptions);
  for (const [name, table] of reference.tables)
    if (!RECORDED_RESOURCES.includes(name) && !REAL_STORE_RESOURCES.includes(name)) t.tables.set(name, table);
  for (const resource of REAL_STORE_RESOURCES) {
    for (const [id] of REAL_STORE[resource]?.rows ?? []) {
      const real = realRecord(resource, id);
      if (real !== undefined) t.put(resource, id, real.values, real.associations);
    }
  }

  const rel = relations();
  for (const resource of RECORDED_RESOURCES) {
    for (const id of RECORDED_STORE[resource]?.ids ?? []) {
      if (resource === 'languages' && !t.languages.includes(id)) continue;
      const own = recorded(resource, id);
      // An id the shared recordings list without its values: the development store's record of
      // it (carts), else a copy of a recorded sibling.
      const real = own === undefined ? realRecord(resource, id) : undefined;
      if (real !== undefined) {
        t.put(resource, id, real.values, real.associations);
        continue;
      }
      const source = own ?? template(resource, id);
      const values: Record<string, FieldValue> = {};
      for (const [name, value] of Object.entries(source?.values ?? {})) values[name] = toFieldValue(value);
      if (own === undefined) adjust(resource, id, values, rel);
      t.put(resource, id, values, associationsOf(resource, id, source, rel, own === undefined));
    }
  }
  // Order rows, carriers and payments of the recorded orders: the development store's where it
  // holds the same row of the same order (the demo orders), else from the order.
  for (const order of RECORDED_STORE.orders?.ids ?? []) {
    const record = t.tables.get('orders')?.get(order);
    for (const row of record?.associations.order_rows ?? []) {
      const real = realRecord('order_details', Number(row.id));
      if (real !== undefined && textOf(real.values.id_order) === String(order)) {
        t.put('order_details', Number(row.id), real.values, real.associations);
        continue;
      }
      t.put('order_details', Number(row.id), {
        id_order: String(order),
        product_id: row.product_id ?? '0',
        product_attribute_id: row.product_attribute_id ?? '0',
        id_shop: '1',
        product_name: row.product_name ?? '',
        product_quantity: row.product_quantity ?? '1',
        product_price: row.product_price ?? '0.000000',
        product_reference: row.product_reference ?? '',
        unit_price_tax_incl: row.unit_price_tax_incl ?? '0.000000',
        unit_price_tax_excl: row.unit_price_tax_excl ?? '0.000000',
      });
    }
    const carrier = realRecord('order_carriers', order);
    if (carrier !== undefined && textOf(carrier.values.id_order) === String(order)) {
      t.put('order_carriers', order, carrier.values);
      continue;
    }
    t.put('order_carriers', order, {
      id_order: String(order),
      id_carrier: textOf(record?.values.id_carrier) || '2',
      weight: '0.000000',
      shipping_cost_tax_excl: textOf(record?.values.total_shipping_tax_excl) || '0.000000',
      shipping_cost_tax_incl: textOf(record?.values.total_shipping_tax_incl) || '0.000000',
      tracking_number: '',
      date_add: RECORDED_INSTALL,
    });
  }
  seedRecordedExtras(t);
  seedConfigurations(t, reference);
  const configuration = t.tables.get('configurations');
  for (const id of configuration?.ids() ?? []) {
    const row = configuration?.get(id);
    const name = row?.values.name;
    const replacement: Record<string, string> = {
      PS_COUNTRY_DEFAULT: '21',
      PS_TIMEZONE: options.timeZone,
      PS_SHOP_NAME: 'PSRealPeer',
    };
    if (row !== undefined && typeof name === 'string' && replacement[name] !== undefined) {
      configuration?.update({ ...row, values: { ...row.values, value: replacement[name] } });
    }
  }
  let maxImage = 0;
  for (const record of Object.values(RECORDED_STORE.products?.records ?? {})) {
    for (const image of record.associations.images ?? []) maxImage = Math.max(maxImage, Number(image.id));
  }
  return {
    tables: t.tables,
    settings: { shopName: 'PSRealPeer', timeZone: options.timeZone, languages: options.languages },
    counters: { invoice_number: 1, delivery_number: 0, image: maxImage },
  };
}

/**
 * The payment of order 2, which the shared recordings' store holds (the order was moved to
 * "Payment accepted" while recording; PrestaShop records that payment without an employee). The
 * development store, recorded before any payment, holds none: a kept difference.
 */
function seedRecordedExtras(t: SeedTables): void {
  const order = t.tables.get('orders')?.get(2);
  if (order !== undefined) {
    t.put('order_payments', 1, {
      order_reference: textOf(order.values.reference),
      id_currency: '1',
      amount: textOf(order.values.total_paid),
      payment_method: textOf(order.values.payment),
      conversion_rate: '1.000000',
      date_add: textOf(order.values.date_upd),
      id_employee: null,
    });
  }
}

/**
 * The development store's settings under its ids, each with the emulator's own value where the
 * emulator seeds that setting (its behaviour rests on them: default carrier, shop name, time zone,
 * …); the emulator's settings the store does not hold follow its last id.
 */
function seedConfigurations(t: SeedTables, reference: SeedTables): void {
  const own = new Map<string, Readonly<Record<string, FieldValue | undefined>>>();
  const seeded = reference.tables.get('configurations');
  for (const id of seeded?.ids() ?? []) {
    const row = seeded?.get(id);
    if (row !== undefined) own.set(textOf(row.values.name), row.values);
  }
  t.tables.set('configurations', new RecordTable('configurations'));
  let last = 0;
  for (const [id] of REAL_STORE.configurations?.rows ?? []) {
    const real = realRecord('configurations', id);
    if (real === undefined) continue;
    const name = textOf(real.values.name);
    const mine = own.get(name);
    t.put(
      'configurations',
      id,
      mine === undefined ? real.values : { ...real.values, value: mine.value ?? null },
    );
    own.delete(name);
    last = id;
  }
  for (const values of own.values()) t.put('configurations', (last += 1), values);
}
