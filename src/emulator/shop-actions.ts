/**
 * What happens in a store between two syncs, as helpers: a shopper places an order, the merchant
 * changes its state, pays, cancels or ships it, sets a stock quantity, edits, adds or deletes a
 * product. Each goes through the store's generic writes, so `date_upd`, order histories and
 * stock sums move exactly as they do for webservice writes. Available programmatically and
 * through the control API.
 */
import { decimalToCents, formatCents } from './decimal.js';
import type { EmulatorStore } from './emulator-store.js';
import { lineAmounts, orderTotals, PAYMENT_MODULES, totalsFields } from './order-math.js';
import { taxRate } from './price-calculator.js';
import type { AssociationEntry, EmuRecord, FieldValue } from './record.js';
import { textOf } from './record.js';
import {
  activeShops,
  belongsToShop,
  defaultShopId,
  groupOfShop,
  SHOP_MEMBERSHIP,
  stockScopeOfShop,
} from './shop-scope.js';
import { adjustStockQuantity, errorOrCanceledStates, scopedStockEntries } from './store-rules.js';

export class ShopActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShopActionError';
  }
}

export interface OrderLineRequest {
  readonly productId: number;
  /** The combination; 0 or absent for a product without combinations. */
  readonly combinationId?: number;
  readonly quantity: number;
}

export interface PlaceOrderInput {
  readonly customerId: number;
  readonly lines: readonly OrderLineRequest[];
  /** Default: `PS_CARRIER_DEFAULT`. */
  readonly carrierId?: number;
  /** `ps_checkpayment` (default), `ps_wirepayment`, `ps_cashondelivery`, `ps_checkout`. */
  readonly paymentModule?: string;
  /** Delivery and invoice address; default: the customer's first address. */
  readonly addressId?: number;
  /** First state; default: the payment module's (check → 1, wire → 10, COD → 13, card → 2). */
  readonly stateId?: number;
  /** Multistore: the shop the order is placed in (default `PS_SHOP_DEFAULT`); its stock goes down. */
  readonly shopId?: number;
}

export interface PlacedOrder {
  readonly order: EmuRecord;
  readonly cartId: number;
  readonly detailIds: readonly number[];
}

function need(record: EmuRecord | undefined, what: string): EmuRecord {
  if (record === undefined) throw new ShopActionError(`${what} does not exist.`);
  return record;
}

function text(record: EmuRecord | undefined, field: string): string {
  return textOf(record?.values[field]);
}

function randomLetters(store: EmulatorStore, length: number): string {
  let seed = store.nextNumber('order-reference') * 2_654_435_761;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    out += String.fromCharCode(65 + (seed % 26));
  }
  return out;
}

/** The product (and combination) of a line a shopper puts in a cart, checked as the shop's front office does. */
function cartLine(
  store: EmulatorStore,
  request: OrderLineRequest,
  shopId: number,
): { product: EmuRecord; combination: EmuRecord | undefined } {
  if (!Number.isInteger(request.quantity) || request.quantity <= 0) {
    throw new ShopActionError(`Quantity of product ${request.productId} must be a whole number above 0.`);
  }
  const product = need(store.get('products', request.productId), `Product ${request.productId}`);
  if (!belongsToShop(product, shopId))
    throw new ShopActionError(`Product ${product.id} is not sold in shop ${shopId}.`);
  const combinationId = request.combinationId ?? 0;
  const combos = product.associations.combinations ?? [];
  if (combinationId === 0 && combos.length > 0) {
    throw new ShopActionError(`Product ${product.id} has combinations: say which one (combinationId).`);
  }
  const combination =
    combinationId === 0
      ? undefined
      : need(store.get('combinations', combinationId), `Combination ${combinationId}`);
  if (combination !== undefined && text(combination, 'id_product') !== String(product.id)) {
    throw new ShopActionError(`Combination ${combinationId} is not a combination of product ${product.id}.`);
  }
  return { product, combination };
}

export interface FillCartInput {
  /** The signed-in shopper; 0 or absent: a visitor who has not signed in (a guest's cart). */
  readonly customerId?: number;
  readonly lines: readonly OrderLineRequest[];
  /** Multistore: the shop the cart is filled in (default `PS_SHOP_DEFAULT`). */
  readonly shopId?: number;
}

/** The first address of a customer (0 when none). */
function firstAddressId(store: EmulatorStore, customerId: number): number {
  const ids = store.table('addresses')?.candidates('id_customer', String(customerId)) ?? [];
  return [...ids].find((id) => text(store.get('addresses', id), 'id_customer') === String(customerId)) ?? 0;
}

function cartRows(
  store: EmulatorStore,
  lines: readonly OrderLineRequest[],
  shopId: number,
  addressId: number,
): AssociationEntry[] {
  if (lines.length === 0) throw new ShopActionError('A cart needs at least one line.');
  return lines.map((request) => {
    const { product, combination } = cartLine(store, request, shopId);
    return {
      id_product: String(product.id),
      id_product_attribute: String(combination?.id ?? 0),
      id_address_delivery: String(addressId),
      id_customization: '0',
      quantity: String(request.quantity),
    };
  });
}

/**
 * A shopper puts products in a cart and does not check out (yet): a cart with its rows, no order, no
 * stock taken. A visitor who has not signed in leaves a guest's cart (`id_customer` 0).
 */
export function fillCart(store: EmulatorStore, input: FillCartInput): EmuRecord {
  const customerId = input.customerId ?? 0;
  const customer =
    customerId === 0 ? undefined : need(store.get('customers', customerId), `Customer ${customerId}`);
  const shopId = input.shopId ?? defaultShopId(store);
  if (!activeShops(store).some((shop) => shop.id === shopId))
    throw new ShopActionError(`Shop ${shopId} does not exist.`);
  const addressId = customer === undefined ? 0 : firstAddressId(store, customer.id);
  const language = Number(text(customer, 'id_lang')) || 1;
  return store.insert(
    'carts',
    {
      id_address_delivery: String(addressId),
      id_address_invoice: String(addressId),
      id_currency: store.config('PS_CURRENCY_DEFAULT') ?? '1',
      id_customer: String(customerId),
      id_guest: String(customerId === 0 ? store.nextNumber('guest') + 1000 : customerId),
      id_lang: String(language),
      id_shop_group: String(groupOfShop(store, shopId) || 1),
      id_shop: String(shopId),
      id_carrier: '0',
      delivery_option: '',
      secure_key: text(customer, 'secure_key'),
    },
    { cart_rows: cartRows(store, input.lines, shopId, addressId) },
  );
}

/** The shopper comes back and changes what is in the cart: its rows are replaced, `date_upd` moves. */
export function changeCart(
  store: EmulatorStore,
  cartId: number,
  lines: readonly OrderLineRequest[],
): EmuRecord {
  const cart = need(store.get('carts', cartId), `Cart ${cartId}`);
  const shopId = Number(text(cart, 'id_shop')) || defaultShopId(store);
  const addressId = Number(text(cart, 'id_address_delivery')) || 0;
  return store.update('carts', cart.id, {}, { cart_rows: cartRows(store, lines, shopId, addressId) });
}

/** A shopper checks out: cart, order, rows, carrier row, first history row; stock goes down. */
export function placeOrder(store: EmulatorStore, input: PlaceOrderInput): PlacedOrder {
  if (input.lines.length === 0) throw new ShopActionError('An order needs at least one line.');
  const customer = need(store.get('customers', input.customerId), `Customer ${input.customerId}`);
  const addressId =
    input.addressId ??
    [
      ...(store.table('addresses')?.candidates('id_customer', String(customer.id)) ??
        store.table('addresses')?.ids() ??
        []),
    ].find((id) => text(store.get('addresses', id), 'id_customer') === String(customer.id));
  const address = need(
    addressId === undefined ? undefined : store.get('addresses', addressId),
    `An address of customer ${customer.id}`,
  );
  const carrierId = input.carrierId ?? Number(store.config('PS_CARRIER_DEFAULT') ?? '2');
  const carrier = need(store.get('carriers', carrierId), `Carrier ${carrierId}`);
  const moduleName = input.paymentModule ?? 'ps_checkpayment';
  const module = PAYMENT_MODULES.find(([name]) => name === moduleName);
  const firstState = input.stateId ?? module?.[2] ?? 1;
  const country = Number(text(address, 'id_country')) || Number(store.config('PS_COUNTRY_DEFAULT') ?? '8');
  const language = Number(text(customer, 'id_lang')) || 1;
  const shopId = input.shopId ?? defaultShopId(store);
  if (!activeShops(store).some((shop) => shop.id === shopId))
    throw new ShopActionError(`Shop ${shopId} does not exist.`);
  const shopGroup = String(groupOfShop(store, shopId) || 1);
  const scope = stockScopeOfShop(store, shopId);

  const lines = input.lines.map((request) => {
    const { product, combination } = cartLine(store, request, shopId);
    const unit =
      decimalToCents(text(product, 'price')) + (combination ? decimalToCents(text(combination, 'price')) : 0);
    const rate = taxRate(store, Number(text(product, 'id_tax_rules_group')), country);
    const names = product.values.name;
    const baseName = textOf(names, language) || textOf(names, 1);
    return {
      product,
      combination,
      quantity: request.quantity,
      rate,
      amounts: lineAmounts({ unitPriceExclCents: unit, taxRate: rate, quantity: request.quantity }),
      name: baseName,
    };
  });
  const shippingRate =
    text(carrier, 'is_free') === '1'
      ? 0
      : taxRate(store, Number(text(carrier, 'id_tax_rules_group')), country);
  const carrierPrice =
    text(carrier, 'is_free') === '1' ? 0 : carrierId === 3 ? 500 : carrierId === 4 ? 900 : 700;
  const totals = orderTotals(
    lines.map((line) => line.amounts),
    carrierPrice,
    shippingRate,
  );
  const now = store.nowText();
  const secureKey = text(customer, 'secure_key');

  const cart = store.insert(
    'carts',
    {
      id_address_delivery: String(address.id),
      id_address_invoice: String(address.id),
      id_currency: store.config('PS_CURRENCY_DEFAULT') ?? '1',
      id_customer: String(customer.id),
      id_guest: String(customer.id),
      id_lang: String(language),
      id_shop_group: shopGroup,
      id_shop: String(shopId),
      id_carrier: String(carrierId),
      delivery_option: `{"${address.id}":"${carrierId},"}`,
      secure_key: secureKey,
    },
    {
      cart_rows: lines.map((line) => ({
        id_product: String(line.product.id),
        id_product_attribute: String(line.combination?.id ?? 0),
        id_address_delivery: String(address.id),
        id_customization: '0',
        quantity: String(line.quantity),
      })),
    },
  );
  const order = store.insert('orders', {
    id_address_delivery: String(address.id),
    id_address_invoice: String(address.id),
    id_cart: String(cart.id),
    id_currency: store.config('PS_CURRENCY_DEFAULT') ?? '1',
    id_lang: String(language),
    id_customer: String(customer.id),
    id_carrier: String(carrierId),
    current_state: '0',
    module: moduleName,
    invoice_number: '0',
    invoice_date: '0000-00-00 00:00:00',
    delivery_number: '0',
    delivery_date: '0000-00-00 00:00:00',
    valid: '0',
    shipping_number: '',
    id_shop_group: shopGroup,
    id_shop: String(shopId),
    secure_key: secureKey,
    payment: module?.[1] ?? moduleName,
    ...totalsFields(totals, false, shippingRate),
    round_mode: '2',
    round_type: '1',
    conversion_rate: '1.000000',
    reference: randomLetters(store, 9),
  });
  const rows: AssociationEntry[] = [];
  const detailIds: number[] = [];
  for (const line of lines) {
    const reference = text(line.combination, 'reference') || text(line.product, 'reference');
    const label =
      line.combination === undefined ? line.name : `${line.name} - combination ${line.combination.id}`;
    const detail = store.table('order_details')
      ? store.insert('order_details', {
          id_order: String(order.id),
          product_id: String(line.product.id),
          product_attribute_id: String(line.combination?.id ?? 0),
          id_shop: String(shopId),
          product_name: label,
          product_quantity: String(line.quantity),
          product_quantity_in_stock: String(line.quantity),
          product_price: formatCents(line.amounts.unitExcl),
          product_reference: reference,
          product_ean13: text(line.product, 'ean13'),
          id_tax_rules_group: text(line.product, 'id_tax_rules_group'),
          unit_price_tax_incl: formatCents(line.amounts.unitIncl),
          unit_price_tax_excl: formatCents(line.amounts.unitExcl),
          total_price_tax_incl: formatCents(line.amounts.totalIncl),
          total_price_tax_excl: formatCents(line.amounts.totalExcl),
          original_product_price: formatCents(line.amounts.unitExcl),
        })
      : undefined;
    const detailId = detail?.id ?? rows.length + 1;
    detailIds.push(detailId);
    rows.push({
      id: String(detailId),
      product_id: String(line.product.id),
      product_attribute_id: String(line.combination?.id ?? 0),
      product_quantity: String(line.quantity),
      product_name: label,
      product_reference: reference,
      product_ean13: text(line.product, 'ean13'),
      product_isbn: '',
      product_upc: '',
      product_price: formatCents(line.amounts.unitExcl),
      id_customization: '0',
      unit_price_tax_incl: formatCents(line.amounts.unitIncl),
      unit_price_tax_excl: formatCents(line.amounts.unitExcl),
    });
    // `OrderDetail::checkProductStock`: an order placed cancelled or in payment error takes nothing.
    if (!errorOrCanceledStates(store).has(firstState))
      adjustStockQuantity(store, line.product.id, line.combination?.id ?? 0, -line.quantity, scope);
  }
  store.patchQuietly('orders', order.id, {}, { order_rows: rows });
  if (store.table('order_carriers') !== undefined) {
    store.insert('order_carriers', {
      id_order: String(order.id),
      id_carrier: String(carrierId),
      id_order_invoice: '0',
      weight: '0.000000',
      shipping_cost_tax_excl: formatCents(totals.shippingExcl),
      shipping_cost_tax_incl: formatCents(totals.shippingIncl),
      tracking_number: '',
      date_add: now,
    });
  }
  changeOrderState(store, order.id, firstState);
  return { order: need(store.get('orders', order.id), `Order ${order.id}`), cartId: cart.id, detailIds };
}

/** Moves an order to a state as `POST /api/order_histories` does: history row, state, date_upd. */
export function changeOrderState(store: EmulatorStore, orderId: number, stateId: number): EmuRecord {
  need(store.get('orders', orderId), `Order ${orderId}`);
  need(store.get('order_states', stateId), `Order state ${stateId}`);
  store.insert('order_histories', {
    id_employee: '1',
    id_order_state: String(stateId),
    id_order: String(orderId),
  });
  return need(store.get('orders', orderId), `Order ${orderId}`);
}

/** Payment accepted (`PS_OS_PAYMENT`). */
export function payOrder(store: EmulatorStore, orderId: number): EmuRecord {
  return changeOrderState(store, orderId, Number(store.config('PS_OS_PAYMENT') ?? '2'));
}

/** Canceled (`PS_OS_CANCELED`); the ordered quantities go back to stock (the state change does it). */
export function cancelOrder(store: EmulatorStore, orderId: number): EmuRecord {
  need(store.get('orders', orderId), `Order ${orderId}`);
  return changeOrderState(store, orderId, Number(store.config('PS_OS_CANCELED') ?? '6'));
}

/** What a merchant refunds of an order: quantities of its lines (`order_details` ids), and the shipping. */
export interface RefundInput {
  readonly lines: ReadonlyArray<{ readonly orderDetailId: number; readonly quantity: number }>;
  /** Refund the order's whole shipping cost too. */
  readonly shipping?: boolean;
}

/**
 * A refund (partial or whole) as the back office's "standard refund" records it (`OrderSlip::create`
 * with the order's round type per item): an `order_slip` with one `order_slip_details` entry per line
 * (the line's unit prices × the quantity), its products and shipping totals, and the refunded
 * quantities counted on the order's lines. The order's state does not change.
 */
export function refundOrder(store: EmulatorStore, orderId: number, input: RefundInput): EmuRecord {
  const order = need(store.get('orders', orderId), `Order ${orderId}`);
  let excl = 0;
  let incl = 0;
  const details: AssociationEntry[] = [];
  for (const line of input.lines) {
    const detail = need(store.get('order_details', line.orderDetailId), `Order detail ${line.orderDetailId}`);
    if (text(detail, 'id_order') !== String(orderId))
      throw new ShopActionError(`Order detail ${line.orderDetailId} is not a line of order ${orderId}.`);
    const left =
      Number(text(detail, 'product_quantity')) - Number(text(detail, 'product_quantity_refunded') || '0');
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > left)
      throw new ShopActionError(
        `Order detail ${line.orderDetailId}: ${left} left to refund, not ${line.quantity}.`,
      );
    const lineExcl = decimalToCents(text(detail, 'unit_price_tax_excl')) * line.quantity;
    const lineIncl = decimalToCents(text(detail, 'unit_price_tax_incl')) * line.quantity;
    excl += lineExcl;
    incl += lineIncl;
    details.push({
      id: String(line.orderDetailId),
      id_order_detail: String(line.orderDetailId),
      product_quantity: String(line.quantity),
      amount_tax_excl: formatCents(lineExcl),
      amount_tax_incl: formatCents(lineIncl),
    });
    store.update(
      'order_details',
      line.orderDetailId,
      {
        product_quantity_refunded: String(
          Number(text(detail, 'product_quantity_refunded') || '0') + line.quantity,
        ),
      },
      {},
      false,
    );
  }
  const shippingExcl = input.shipping === true ? decimalToCents(text(order, 'total_shipping_tax_excl')) : 0;
  const shippingIncl = input.shipping === true ? decimalToCents(text(order, 'total_shipping_tax_incl')) : 0;
  return store.insert(
    'order_slip',
    {
      id_customer: text(order, 'id_customer'),
      id_order: String(orderId),
      conversion_rate: text(order, 'conversion_rate') || '1.000000',
      total_products_tax_excl: formatCents(excl),
      total_products_tax_incl: formatCents(incl),
      total_shipping_tax_excl: formatCents(shippingExcl),
      total_shipping_tax_incl: formatCents(shippingIncl),
      amount: formatCents(incl + shippingIncl),
      shipping_cost: input.shipping === true ? '1' : '0',
      shipping_cost_amount: formatCents(shippingIncl),
      partial: '0',
      order_slip_type: '0',
    },
    { order_slip_details: details },
  );
}

/** Shipped (`PS_OS_SHIPPING`), with the carrier's tracking number when given. */
export function shipOrder(store: EmulatorStore, orderId: number, trackingNumber?: string): EmuRecord {
  need(store.get('orders', orderId), `Order ${orderId}`);
  if (trackingNumber !== undefined) {
    const carrierRow = [
      ...(store.table('order_carriers')?.candidates('id_order', String(orderId)) ??
        store.table('order_carriers')?.ids() ??
        []),
    ].find((id) => text(store.get('order_carriers', id), 'id_order') === String(orderId));
    if (carrierRow !== undefined)
      store.update('order_carriers', carrierRow, { tracking_number: trackingNumber }, {}, false);
  }
  return changeOrderState(store, orderId, Number(store.config('PS_OS_SHIPPING') ?? '4'));
}

/**
 * The stock row of a product (combination 0) or of one of its combinations, in a shop's stock
 * (default: the default shop's; a shop whose group shares its stock uses the group's row).
 */
export function stockRowId(
  store: EmulatorStore,
  productId: number,
  combinationId = 0,
  shopId?: number,
): number {
  need(store.get('products', productId), `Product ${productId}`);
  const scope = stockScopeOfShop(store, shopId ?? defaultShopId(store));
  const row = scopedStockEntries(store, productId, scope).find(
    (entry) => entry.id_product_attribute === String(combinationId),
  );
  if (row === undefined)
    throw new ShopActionError(`Product ${productId} has no stock row for combination ${combinationId}.`);
  return Number(row.id);
}

/** Sets a stock quantity; a combination's row also moves the product-level sum. */
export function setStock(
  store: EmulatorStore,
  productId: number,
  combinationId: number,
  quantity: number,
  shopId?: number,
): EmuRecord {
  if (!Number.isInteger(quantity)) throw new ShopActionError('A stock quantity is a whole number.');
  const product = need(store.get('products', productId), `Product ${productId}`);
  if (combinationId === 0 && (product.associations.combinations?.length ?? 0) > 0) {
    throw new ShopActionError(
      `Product ${productId} has combinations: its stock is the sum of theirs; set a combination's.`,
    );
  }
  const id = stockRowId(store, productId, combinationId, shopId);
  return store.update('stock_availables', id, { quantity: String(quantity) });
}

/** `depends_on_stock` of a stock row (1: driven by warehouse stock; webservice writes are refused). */
export function setDependsOnStock(
  store: EmulatorStore,
  productId: number,
  combinationId: number,
  value: boolean,
  shopId?: number,
): EmuRecord {
  return store.update('stock_availables', stockRowId(store, productId, combinationId, shopId), {
    depends_on_stock: value ? '1' : '0',
  });
}

export interface ProductChanges {
  readonly price?: string;
  readonly wholesalePrice?: string;
  /** One name for every language, or per language id. */
  readonly name?: string | Readonly<Record<number, string>>;
  readonly reference?: string;
  readonly ean13?: string;
  readonly active?: boolean;
}

function productValues(
  store: EmulatorStore,
  changes: ProductChanges,
  previous?: EmuRecord,
): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  if (changes.price !== undefined)
    values.price = store.storedForm('products', 'price', changes.price, previous?.values.price);
  if (changes.wholesalePrice !== undefined) {
    values.wholesale_price = store.storedForm(
      'products',
      'wholesale_price',
      changes.wholesalePrice,
      previous?.values.wholesale_price,
    );
  }
  if (changes.name !== undefined) {
    const names =
      typeof changes.name === 'string'
        ? Object.fromEntries(store.languageIds().map((id) => [id, changes.name as string]))
        : { ...(typeof previous?.values.name === 'object' ? previous.values.name : {}), ...changes.name };
    values.name = names;
  }
  if (changes.reference !== undefined) values.reference = changes.reference;
  if (changes.ean13 !== undefined) values.ean13 = changes.ean13;
  if (changes.active !== undefined) values.active = changes.active ? '1' : '0';
  return values;
}

/** Edits a product as the back office would; `date_upd` moves. */
export function updateProduct(store: EmulatorStore, productId: number, changes: ProductChanges): EmuRecord {
  const product = need(store.get('products', productId), `Product ${productId}`);
  return store.update('products', productId, productValues(store, changes, product));
}

export interface NewProduct extends ProductChanges {
  readonly name: string | Readonly<Record<number, string>>;
  readonly price: string;
  readonly categoryId?: number;
  /** Stock of a product without combinations (in the default shop's stock). */
  readonly quantity?: number;
  /** Multistore: the shops selling it (default: every shop). */
  readonly shopIds?: readonly number[];
}

/** Adds a simple product (with its stock row). */
export function addProduct(store: EmulatorStore, input: NewProduct): EmuRecord {
  const category = input.categoryId ?? 2;
  need(store.get('categories', category), `Category ${category}`);
  const values = productValues(store, input);
  const nameText = typeof input.name === 'string' ? input.name : (input.name[1] ?? '');
  const rewrite =
    nameText
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'product';
  const product = store.insert(
    'products',
    {
      ...values,
      id_category_default: String(category),
      id_shop_default: '1',
      id_tax_rules_group: '1',
      state: '1',
      active: values.active ?? '1',
      condition: 'new',
      visibility: 'both',
      available_for_order: '1',
      show_price: '1',
      indexed: '1',
      redirect_type: '301-category',
      minimal_quantity: '1',
      pack_stock_type: '3',
      available_date: '0000-00-00',
      link_rewrite: Object.fromEntries(store.languageIds().map((id) => [id, rewrite])),
      manufacturer_name: false,
    },
    { categories: [...new Set([2, category])].map((id) => ({ id: String(id) })) },
  );
  if (input.shopIds !== undefined && input.shopIds.length > 0) {
    store.patchQuietly('products', product.id, {
      [SHOP_MEMBERSHIP]: [...input.shopIds].sort((a, b) => a - b).join(','),
    });
  }
  if (input.quantity !== undefined) setStock(store, product.id, 0, input.quantity);
  return need(store.get('products', product.id), `Product ${product.id}`);
}

export function deleteProduct(store: EmulatorStore, productId: number): void {
  if (!store.remove('products', productId)) throw new ShopActionError(`Product ${productId} does not exist.`);
}
