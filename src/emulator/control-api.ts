/**
 * The control API under `/__emulator/` — a path no real store uses. Tests, benchmarks and the
 * demo act as a shopper or merchant there (place an order, change its state, set stock, edit a
 * product), read request counts, change faults and reset the store. JSON in, JSON out; a refused
 * action answers 400 with `{ "error": "…" }` saying what to fix. `docs/emulator.md` lists every route.
 */
import type { EmulatorStore } from './emulator-store.js';
import type { Faults, FaultSettings } from './faults.js';
import { textOf } from './record.js';
import {
  addProduct,
  cancelOrder,
  changeCart,
  changeOrderState,
  deleteProduct,
  fillCart,
  type OrderLineRequest,
  payOrder,
  placeOrder,
  setDependsOnStock,
  setStock,
  shipOrder,
  ShopActionError,
  stockRowId,
  updateProduct,
} from './shop-actions.js';

export interface ControlContext {
  readonly store: EmulatorStore;
  readonly faults: Faults;
  readonly apiUrl: string;
  readonly version: string;
  readonly keys: readonly string[];
  readonly counts: () => Record<string, Record<string, number>>;
  readonly resetCounts: () => void;
}

export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
}

class BadRequest extends Error {}

function json(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new BadRequest('The body must be a JSON object.');
}

function int(value: unknown, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number))
    throw new BadRequest(`"${name}" must be a whole number.`);
  return number;
}

/** `lines: [{ productId, combinationId?, quantity? }]` of an order or a cart. */
function orderLines(value: unknown): OrderLineRequest[] {
  const lines = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
  return lines.map((line, index) => ({
    productId: int(line.productId, `lines[${index}].productId`),
    combinationId: int(line.combinationId, `lines[${index}].combinationId`, 0),
    quantity: int(line.quantity, `lines[${index}].quantity`, 1),
  }));
}

function orderSummary(store: EmulatorStore, orderId: number): Record<string, unknown> {
  const order = store.get('orders', orderId);
  return {
    orderId,
    reference: textOf(order?.values.reference),
    currentState: Number(textOf(order?.values.current_state)),
    totalPaid: textOf(order?.values.total_paid),
    dateUpd: textOf(order?.values.date_upd),
  };
}

const FAULT_KEYS = new Set<keyof FaultSettings>([
  'latencyMs',
  'jitterMs',
  'errorRate',
  'errorStatus',
  'retryAfterSeconds',
  'rateLimit',
  'rateLimitStatus',
  'hangRate',
  'hangMs',
  'stripAuthorization',
  'mailBroken',
  'htmlErrorRate',
  'htmlErrorStatus',
  'seed',
]);

function route(ctx: ControlContext, method: string, parts: readonly string[], body: Buffer): ControlAnswer {
  const store = ctx.store;
  const [head = '', id, action] = parts;
  if (head === '' && method === 'GET') {
    const resources: Record<string, number> = {};
    for (const name of store.definitions.keys())
      if (store.table(name) !== undefined) resources[name] = store.count(name);
    return { status: 200, body: { version: ctx.version, apiUrl: ctx.apiUrl, keys: ctx.keys, resources } };
  }
  if (head === 'requests') {
    if (method === 'GET') return { status: 200, body: { counts: ctx.counts() } };
    if (method === 'DELETE') {
      ctx.resetCounts();
      return { status: 200, body: { counts: {} } };
    }
  }
  if (head === 'faults') {
    if (method === 'GET') return { status: 200, body: ctx.faults.settings };
    if (method === 'DELETE') {
      ctx.faults.clear();
      return { status: 200, body: ctx.faults.settings };
    }
    if (method === 'PUT' || method === 'PATCH' || method === 'POST') {
      const changes = json(body);
      for (const name of Object.keys(changes)) {
        if (!FAULT_KEYS.has(name as keyof FaultSettings))
          throw new BadRequest(`Unknown fault setting "${name}".`);
      }
      try {
        return { status: 200, body: ctx.faults.update(changes) };
      } catch (error) {
        throw new BadRequest(error instanceof Error ? error.message : String(error));
      }
    }
  }
  if (head === 'reset' && method === 'POST') {
    store.reset();
    ctx.resetCounts();
    ctx.faults.clear();
    return { status: 200, body: { reset: true } };
  }
  if (head === 'carts' && (method === 'POST' || method === 'PUT')) {
    const input = json(body);
    const lines = orderLines(input.lines);
    const cart =
      id === undefined && method === 'POST'
        ? fillCart(store, {
            customerId: int(input.customerId, 'customerId', 0),
            lines,
            ...(input.shopId !== undefined ? { shopId: int(input.shopId, 'shopId') } : {}),
          })
        : id !== undefined && method === 'PUT'
          ? changeCart(store, int(id, 'cart id'), lines)
          : undefined;
    if (cart !== undefined) {
      return {
        status: id === undefined ? 201 : 200,
        body: {
          cartId: cart.id,
          customerId: Number(textOf(cart.values.id_customer)),
          dateUpd: textOf(cart.values.date_upd),
        },
      };
    }
  }
  if (head === 'orders') {
    if (id === undefined && method === 'POST') {
      const input = json(body);
      const placed = placeOrder(store, {
        customerId: int(input.customerId, 'customerId'),
        lines: orderLines(input.lines),
        ...(input.carrierId !== undefined ? { carrierId: int(input.carrierId, 'carrierId') } : {}),
        ...(typeof input.paymentModule === 'string' ? { paymentModule: input.paymentModule } : {}),
        ...(input.addressId !== undefined ? { addressId: int(input.addressId, 'addressId') } : {}),
        ...(input.stateId !== undefined ? { stateId: int(input.stateId, 'stateId') } : {}),
        ...(input.shopId !== undefined ? { shopId: int(input.shopId, 'shopId') } : {}),
      });
      return {
        status: 201,
        body: { ...orderSummary(store, placed.order.id), cartId: placed.cartId, detailIds: placed.detailIds },
      };
    }
    if (id !== undefined && method === 'POST') {
      const orderId = int(id, 'order id');
      const input = json(body);
      if (action === 'state') changeOrderState(store, orderId, int(input.stateId, 'stateId'));
      else if (action === 'pay') payOrder(store, orderId);
      else if (action === 'cancel') cancelOrder(store, orderId);
      else if (action === 'ship')
        shipOrder(
          store,
          orderId,
          typeof input.trackingNumber === 'string' ? input.trackingNumber : undefined,
        );
      else throw new BadRequest(`Unknown order action "${action ?? ''}": use state, pay, cancel or ship.`);
      return { status: 200, body: orderSummary(store, orderId) };
    }
  }
  if (head === 'stock' && (method === 'PUT' || method === 'POST')) {
    const input = json(body);
    const productId = int(input.productId, 'productId');
    const combinationId = int(input.combinationId, 'combinationId', 0);
    if (id === 'depends-on-stock') {
      const row = setDependsOnStock(
        store,
        productId,
        combinationId,
        input.value === true || input.value === 1 || input.value === '1',
      );
      return {
        status: 200,
        body: { stockId: row.id, dependsOnStock: textOf(row.values.depends_on_stock) === '1' },
      };
    }
    const shopId = input.shopId === undefined ? undefined : int(input.shopId, 'shopId');
    const row = setStock(store, productId, combinationId, int(input.quantity, 'quantity'), shopId);
    const productRow = store.get('stock_availables', stockRowId(store, productId, 0, shopId));
    return {
      status: 200,
      body: {
        stockId: row.id,
        quantity: Number(textOf(row.values.quantity)),
        productQuantity: Number(textOf(productRow?.values.quantity)),
      },
    };
  }
  if (head === 'products') {
    if (id === undefined && method === 'POST') {
      const input = json(body);
      if (typeof input.name !== 'string' || typeof input.price !== 'string') {
        throw new BadRequest('A product needs "name" and "price" (a decimal string such as "12.90").');
      }
      const product = addProduct(store, {
        name: input.name,
        price: input.price,
        ...(typeof input.reference === 'string' ? { reference: input.reference } : {}),
        ...(input.categoryId !== undefined ? { categoryId: int(input.categoryId, 'categoryId') } : {}),
        ...(input.quantity !== undefined ? { quantity: int(input.quantity, 'quantity') } : {}),
      });
      return { status: 201, body: { productId: product.id, dateUpd: textOf(product.values.date_upd) } };
    }
    if (id !== undefined && (method === 'PATCH' || method === 'PUT')) {
      const input = json(body);
      const product = updateProduct(store, int(id, 'product id'), {
        ...(typeof input.price === 'string' ? { price: input.price } : {}),
        ...(typeof input.wholesalePrice === 'string' ? { wholesalePrice: input.wholesalePrice } : {}),
        ...(typeof input.name === 'string' ? { name: input.name } : {}),
        ...(typeof input.reference === 'string' ? { reference: input.reference } : {}),
        ...(typeof input.ean13 === 'string' ? { ean13: input.ean13 } : {}),
        ...(typeof input.active === 'boolean' ? { active: input.active } : {}),
      });
      return { status: 200, body: { productId: product.id, dateUpd: textOf(product.values.date_upd) } };
    }
    if (id !== undefined && method === 'DELETE') {
      deleteProduct(store, int(id, 'product id'));
      return { status: 200, body: { deleted: true } };
    }
  }
  if (head === 'records' && method === 'GET' && id !== undefined && action !== undefined) {
    const record = store.get(id, int(action, 'id'));
    if (record === undefined) return { status: 404, body: { error: `${id} ${action} does not exist.` } };
    return { status: 200, body: record };
  }
  return {
    status: 404,
    body: { error: `No control route ${method} /__emulator/${parts.join('/')}; see docs/emulator.md.` },
  };
}

/** Answers one control request (`parts`: the path after `/__emulator/`, split on `/`). */
export function handleControl(
  ctx: ControlContext,
  method: string,
  parts: readonly string[],
  body: Buffer,
): ControlAnswer {
  try {
    return route(ctx, method, parts, body);
  } catch (error) {
    if (error instanceof BadRequest || error instanceof ShopActionError)
      return { status: 400, body: { error: error.message } };
    throw error;
  }
}
