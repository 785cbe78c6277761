/**
 * Side effects of writes, as PrestaShop's object models run them. Whatever path writes a record
 * (a webservice POST, a shopper action, a test), these keep the store consistent:
 * - a product gets its product-level stock row; a combination its own row, and the product's
 *   `combinations`, `stock_availables` and `product_option_values` associations follow;
 * - saving a combination's stock row sets the product-level row of its stock (the shop's, or the
 *   sharing group's) to the sum of the product's combination rows there;
 * - an order history row moves its order (`current_state`, `date_upd`, validity, invoice and
 *   delivery numbers, payment), and a state change made on the order writes the history row;
 * - a state change moves stock as `OrderHistory::changeIdOrderState` does: an order entering
 *   cancelled or payment error gives its quantities back, one leaving them for a validated state
 *   takes them again (packs and rows the warehouses drive excepted); placing an order takes them
 *   (see `placeOrder`);
 * - an order carrier's tracking number is the order's `shipping_number`;
 * - deleting a product deletes its combinations and stock rows;
 * - a brand's `link_rewrite` and `addresses` follow its name and the addresses (`brand-rules.ts`).
 */
import { createHash } from 'node:crypto';

import { afterAddressChange, afterBrandWrite } from './brand-rules.js';
import type { EmulatorStore } from './emulator-store.js';
import type { AssociationEntry, EmuRecord } from './record.js';
import { textOf } from './record.js';
import {
  defaultShopId,
  sameScope,
  scopeOfRow,
  type StockScope,
  stockScopeOfShop,
  stockScopes,
} from './shop-scope.js';

function text(record: EmuRecord | undefined, field: string): string {
  return textOf(record?.values[field]);
}

function entries(record: EmuRecord | undefined, association: string): readonly AssociationEntry[] {
  return record?.associations[association] ?? [];
}

/** Stock rows of a product: `{ id, id_product_attribute }` from its association. */
export function productStockEntries(store: EmulatorStore, productId: number): readonly AssociationEntry[] {
  return entries(store.get('products', productId), 'stock_availables');
}

/** Stock rows of a product in one stock scope (a shop's own rows, or a sharing group's). */
export function scopedStockEntries(
  store: EmulatorStore,
  productId: number,
  scope: StockScope,
): readonly AssociationEntry[] {
  return productStockEntries(store, productId).filter((entry) =>
    sameScope(scopeOfRow(store.get('stock_availables', Number(entry.id))), scope),
  );
}

/** Sets the product-level stock row (attribute 0) of a scope to the sum of its combination rows. */
function recomputeProductStock(store: EmulatorStore, productId: number, scope: StockScope): void {
  const rows = scopedStockEntries(store, productId, scope);
  const combinationRows = rows.filter((row) => row.id_product_attribute !== '0');
  const productRow = rows.find((row) => row.id_product_attribute === '0');
  if (productRow === undefined || combinationRows.length === 0) return;
  let sum = 0;
  for (const row of combinationRows)
    sum += Number(text(store.get('stock_availables', Number(row.id)), 'quantity')) || 0;
  store.patchQuietly('stock_availables', Number(productRow.id), { quantity: String(sum) });
}

/** Every stock scope the product has rows in. */
function productScopes(store: EmulatorStore, productId: number): StockScope[] {
  const scopes: StockScope[] = [];
  for (const entry of productStockEntries(store, productId)) {
    const scope = scopeOfRow(store.get('stock_availables', Number(entry.id)));
    if (!scopes.some((known) => sameScope(known, scope))) scopes.push(scope);
  }
  return scopes;
}

/** A new product or combination gets a stock row in each stock scope of the store (one shop: one row). */
function createStockRow(store: EmulatorStore, productId: number, attributeId: number): void {
  if (store.table('stock_availables') === undefined) return;
  for (const scope of stockScopes(store)) {
    const row = store.insert('stock_availables', {
      id_product: String(productId),
      id_product_attribute: String(attributeId),
      id_shop: String(scope.shopId),
      id_shop_group: String(scope.groupId),
      quantity: '0',
      depends_on_stock: '0',
      out_of_stock: '2',
      location: '',
    });
    const product = store.get('products', productId);
    if (product === undefined) return;
    const stock = [
      ...entries(product, 'stock_availables'),
      { id: String(row.id), id_product_attribute: String(attributeId) },
    ];
    store.patchQuietly('products', productId, {}, { stock_availables: stock });
  }
}

/** A bcrypt-looking hash (`$2y$10$…`, 60 characters) standing for PrestaShop's password hash. */
export function passwordHash(plain: string): string {
  const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const digest = createHash('sha512').update(`prestabridge:${plain}`).digest();
  let out = '$2y$10$';
  for (let i = 0; out.length < 60; i += 1) out += alphabet[(digest[i % digest.length] ?? 0) % 64];
  return out;
}

/**
 * Adds `delta` to the stock row of a (product, combination): what `StockAvailable::updateQuantity`
 * does. A combination's row also moves the product-level sum. No row: nothing.
 */
export function adjustStockQuantity(
  store: EmulatorStore,
  productId: number,
  combinationId: number,
  delta: number,
  scope?: StockScope,
): void {
  const rows =
    scope === undefined ? productStockEntries(store, productId) : scopedStockEntries(store, productId, scope);
  const row = rows.find((entry) => entry.id_product_attribute === String(combinationId));
  if (row === undefined || delta === 0) return;
  const current = Number(text(store.get('stock_availables', Number(row.id)), 'quantity')) || 0;
  store.update('stock_availables', Number(row.id), { quantity: String(current + delta) });
}

/** `PS_OS_CANCELED` and `PS_OS_ERROR`: the states whose orders hold no stock. */
export function errorOrCanceledStates(store: EmulatorStore): ReadonlySet<number> {
  return new Set([Number(store.config('PS_OS_CANCELED') ?? '6'), Number(store.config('PS_OS_ERROR') ?? '8')]);
}

/** Whether the order line's product takes and gives back stock on state changes (not a pack, not warehouse-driven). */
function movesStock(
  store: EmulatorStore,
  productId: number,
  combinationId: number,
  scope: StockScope,
): boolean {
  const product = store.get('products', productId);
  if (product === undefined) return false;
  if (text(product, 'type') === 'pack' || text(product, 'cache_is_pack') === '1') return false;
  const row = scopedStockEntries(store, productId, scope).find(
    (entry) => entry.id_product_attribute === String(combinationId),
  );
  return text(store.get('stock_availables', Number(row?.id ?? 0)), 'depends_on_stock') !== '1';
}

/**
 * The stock side of `OrderHistory::changeIdOrderState` (8.1), per product line: from a validated
 * (logable) state to cancelled or payment error, or from a waiting state to one of those, the
 * quantities go back; from cancelled or payment error to a validated state, they are taken again.
 * The first state of an order moves nothing (placing it took the stock).
 */
function moveOrderStock(store: EmulatorStore, orderId: number, fromStateId: number, toStateId: number): void {
  const from = store.get('order_states', fromStateId);
  const to = store.get('order_states', toStateId);
  if (from === undefined || to === undefined || fromStateId === toStateId) return;
  const errorOrCanceled = errorOrCanceledStates(store);
  const logable = (state: EmuRecord): boolean => text(state, 'logable') === '1';
  let direction = 0;
  if (logable(to) && !logable(from)) {
    if (errorOrCanceled.has(fromStateId)) direction = -1;
  } else if (!logable(to) && logable(from)) {
    if (errorOrCanceled.has(toStateId)) direction = 1;
  } else if (
    !logable(to) &&
    !logable(from) &&
    errorOrCanceled.has(toStateId) &&
    !errorOrCanceled.has(fromStateId)
  ) {
    direction = 1;
  }
  if (direction === 0) return;
  const order = store.get('orders', orderId);
  // The order's shop decides which rows move: its own, or its sharing group's.
  const scope = stockScopeOfShop(store, Number(text(order, 'id_shop')) || defaultShopId(store));
  for (const row of entries(order, 'order_rows')) {
    const productId = Number(row.product_id);
    const combinationId = Number(row.product_attribute_id);
    if (!movesStock(store, productId, combinationId, scope)) continue;
    adjustStockQuantity(store, productId, combinationId, direction * Number(row.product_quantity), scope);
  }
}

function applyOrderState(store: EmulatorStore, orderId: number, stateId: number, at: string): void {
  const order = store.get('orders', orderId);
  const state = store.get('order_states', stateId);
  if (order === undefined) return;
  moveOrderStock(store, orderId, Number(text(order, 'current_state')), stateId);
  const changes: Record<string, string> = { current_state: String(stateId), date_upd: at };
  const flag = (name: string): boolean => text(state, name) === '1';
  if (state !== undefined)
    changes.valid = flag('logable') ? '1' : text(order, 'valid') === '1' && stateId !== 6 ? '1' : '0';
  if (flag('invoice') && (text(order, 'invoice_number') === '0' || text(order, 'invoice_number') === '')) {
    changes.invoice_number = String(store.nextNumber('invoice_number'));
    changes.invoice_date = at;
  }
  if (flag('shipped') && (text(order, 'delivery_number') === '0' || text(order, 'delivery_number') === '')) {
    changes.delivery_number = String(store.nextNumber('delivery_number'));
    changes.delivery_date = at;
  }
  if (flag('paid') && text(order, 'total_paid_real').replace(/[0.]/g, '') === '') {
    changes.total_paid_real = text(order, 'total_paid');
    if (store.table('order_payments') !== undefined) {
      store.insert('order_payments', {
        order_reference: text(order, 'reference'),
        id_currency: text(order, 'id_currency'),
        amount: text(order, 'total_paid'),
        payment_method: text(order, 'payment'),
        conversion_rate: text(order, 'conversion_rate') || '1.000000',
        date_add: at,
      });
    }
  }
  store.patchQuietly('orders', orderId, changes);
}

export function afterInsert(store: EmulatorStore, resource: string, record: EmuRecord): void {
  if (resource === 'manufacturers') afterBrandWrite(store, record);
  if (resource === 'addresses') afterAddressChange(store, undefined, record);
  switch (resource) {
    case 'products': {
      const changes: Record<string, string> = {};
      if (text(record, 'type') === '') changes.type = 'simple';
      if (text(record, 'product_type') === '') changes.product_type = 'standard';
      createStockRow(store, record.id, 0);
      for (const category of entries(record, 'categories')) {
        linkCategory(store, Number(category.id), record.id, true);
      }
      // The product goes last in its default category.
      const inCategory = entries(
        store.get('categories', Number(text(record, 'id_category_default'))),
        'products',
      );
      changes.position_in_category = String(Math.max(1, inCategory.length));
      store.patchQuietly('products', record.id, changes);
      break;
    }
    case 'combinations': {
      const productId = Number(text(record, 'id_product'));
      const product = store.get('products', productId);
      if (product === undefined) break;
      const combinations = [...entries(product, 'combinations'), { id: String(record.id) }];
      const optionValues = [...entries(product, 'product_option_values')];
      for (const value of entries(record, 'product_option_values')) {
        if (!optionValues.some((entry) => entry.id === value.id)) optionValues.push({ id: value.id ?? '' });
      }
      const changes: Record<string, string> = { product_type: 'combinations' };
      if (
        text(product, 'cache_default_attribute') === '0' ||
        text(product, 'cache_default_attribute') === ''
      ) {
        changes.cache_default_attribute = String(record.id);
        changes.id_default_combination = String(record.id);
      }
      store.patchQuietly('products', productId, changes, {
        combinations,
        product_option_values: optionValues,
      });
      createStockRow(store, productId, record.id);
      for (const scope of productScopes(store, productId)) recomputeProductStock(store, productId, scope);
      break;
    }
    case 'order_histories':
      applyOrderState(
        store,
        Number(text(record, 'id_order')),
        Number(text(record, 'id_order_state')),
        text(record, 'date_add') || store.nowText(),
      );
      break;
    case 'customers': {
      const changes: Record<string, string> = {};
      if (text(record, 'secure_key') === '')
        changes.secure_key = createHash('md5')
          .update(`customer:${record.id}:${text(record, 'email')}`)
          .digest('hex');
      if (text(record, 'last_passwd_gen') === '') changes.last_passwd_gen = store.nowText();
      const passwd = text(record, 'passwd');
      if (passwd !== '' && !passwd.startsWith('$2y$')) changes.passwd = passwordHash(passwd);
      store.patchQuietly('customers', record.id, changes);
      break;
    }
    default:
      break;
  }
}

function linkCategory(store: EmulatorStore, categoryId: number, productId: number, add: boolean): void {
  const category = store.get('categories', categoryId);
  if (category === undefined) return;
  const current = entries(category, 'products').filter((entry) => entry.id !== String(productId));
  store.patchQuietly(
    'categories',
    categoryId,
    {},
    { products: add ? [...current, { id: String(productId) }] : current },
  );
}

export function afterUpdate(
  store: EmulatorStore,
  resource: string,
  before: EmuRecord,
  after: EmuRecord,
): void {
  if (resource === 'manufacturers') afterBrandWrite(store, after, before);
  if (resource === 'addresses') afterAddressChange(store, before, after);
  switch (resource) {
    case 'stock_availables':
      if (text(after, 'id_product_attribute') !== '0')
        recomputeProductStock(store, Number(text(after, 'id_product')), scopeOfRow(after));
      break;
    case 'orders':
      if (
        text(before, 'current_state') !== text(after, 'current_state') &&
        store.table('order_histories') !== undefined
      ) {
        // The state was written on the order itself: its stock moves from the state it had.
        moveOrderStock(
          store,
          after.id,
          Number(text(before, 'current_state')),
          Number(text(after, 'current_state')),
        );
        // PrestaShop writes the history row (and fires the state's side effects) itself.
        store.insert('order_histories', {
          id_employee: '0',
          id_order_state: text(after, 'current_state'),
          id_order: String(after.id),
          date_add: text(after, 'date_upd') || store.nowText(),
        });
      }
      break;
    case 'order_carriers': {
      const tracking = text(after, 'tracking_number');
      if (tracking !== text(before, 'tracking_number')) {
        store.patchQuietly('orders', Number(text(after, 'id_order')), { shipping_number: tracking });
      }
      break;
    }
    case 'products': {
      const kept = new Set(entries(after, 'combinations').map((entry) => entry.id));
      for (const old of entries(before, 'combinations')) {
        // A `combinations` association replaces the set: combinations left out are deleted.
        if (!kept.has(old.id)) store.remove('combinations', Number(old.id));
      }
      const beforeCategories = new Set(entries(before, 'categories').map((entry) => entry.id));
      const afterCategories = new Set(entries(after, 'categories').map((entry) => entry.id));
      for (const id of beforeCategories)
        if (!afterCategories.has(id)) linkCategory(store, Number(id), after.id, false);
      for (const id of afterCategories)
        if (!beforeCategories.has(id)) linkCategory(store, Number(id), after.id, true);
      break;
    }
    default:
      break;
  }
}

export function beforeDelete(store: EmulatorStore, resource: string, record: EmuRecord): void {
  if (resource === 'products') {
    for (const combination of entries(record, 'combinations'))
      store.remove('combinations', Number(combination.id));
    for (const row of entries(record, 'stock_availables'))
      store.table('stock_availables')?.delete(Number(row.id));
    for (const category of entries(record, 'categories'))
      linkCategory(store, Number(category.id), record.id, false);
    for (const image of entries(record, 'images'))
      store.uploadedImages.delete(`${record.id}/${image.id ?? ''}`);
  }
  if (resource === 'orders') {
    for (const row of entries(record, 'order_rows')) store.table('order_details')?.delete(Number(row.id));
  }
}

export function afterDelete(store: EmulatorStore, resource: string, record: EmuRecord): void {
  if (resource === 'addresses') afterAddressChange(store, record, undefined);
  if (resource !== 'combinations') return;
  const productId = Number(text(record, 'id_product'));
  const product = store.get('products', productId);
  if (product === undefined) return;
  const combinations = entries(product, 'combinations').filter((entry) => entry.id !== String(record.id));
  const stockRows = entries(product, 'stock_availables').filter((row) => {
    if (row.id_product_attribute !== String(record.id)) return true;
    store.table('stock_availables')?.delete(Number(row.id));
    return false;
  });
  const changes: Record<string, string> = {};
  if (text(product, 'cache_default_attribute') === String(record.id)) {
    const next = combinations[0]?.id ?? '0';
    changes.cache_default_attribute = next;
    changes.id_default_combination = next;
  }
  store.patchQuietly('products', productId, changes, { combinations, stock_availables: stockRows });
  for (const scope of productScopes(store, productId)) recomputeProductStock(store, productId, scope);
}
