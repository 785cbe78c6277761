import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../src/emulator/index.js';
import { call, callJson, control } from './emulator-test-client.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 'small' });
});

afterAll(async () => {
  await emu.close();
});

function productWithCombinations(): { productId: number; combinationId: number } {
  for (const product of emu.store.records('products')) {
    const combination = product.associations.combinations?.[0];
    if (combination !== undefined) return { productId: product.id, combinationId: Number(combination.id) };
  }
  throw new Error('the small seed has products with combinations');
}

function simpleProduct(): number {
  for (const product of emu.store.records('products')) {
    if ((product.associations.combinations?.length ?? 0) === 0 && textOf(product.values.type) === 'simple')
      return product.id;
  }
  throw new Error('the small seed has simple products');
}

describe('the control API', () => {
  it('describes the emulator', async () => {
    const info = await control(emu, 'GET', '');
    expect(info.body).toMatchObject({ version: '8.1', apiUrl: emu.apiUrl, keys: emu.keys });
    expect((info.body.resources as Record<string, number>).products).toBe(12);
  });

  it('places an order that the webservice then serves with its rows, totals in cents, and lower stock', async () => {
    const { productId, combinationId } = productWithCombinations();
    const stockRow = Number(
      emu.store
        .get('products', productId)
        ?.associations.stock_availables?.find((row) => row.id_product_attribute === String(combinationId))
        ?.id,
    );
    const stockBefore = Number(textOf(emu.store.get('stock_availables', stockRow)?.values.quantity));
    const placed = await control(emu, 'POST', 'orders', {
      customerId: 1,
      lines: [
        { productId, combinationId, quantity: 2 },
        { productId: simpleProduct(), quantity: 1 },
      ],
      paymentModule: 'ps_wirepayment',
    });
    expect(placed.status).toBe(201);
    expect(placed.body.currentState).toBe(10);
    const orderId = placed.body.orderId as number;
    const order = (await callJson(emu, `orders/${orderId}`)) as {
      order: {
        total_products: string;
        total_paid: string;
        associations: { order_rows: Array<{ product_quantity: number; unit_price_tax_excl: string }> };
      };
    };
    const rows = order.order.associations.order_rows;
    expect(rows.map((row) => row.product_quantity)).toEqual([2, 1]);
    const cents = (text: string): number => Math.round(Number(text) * 100);
    expect(cents(order.order.total_products)).toBe(
      rows.reduce((sum, row) => sum + cents(row.unit_price_tax_excl) * row.product_quantity, 0),
    );
    expect(order.order.total_paid).toMatch(/^\d+\.\d{6}$/);
    expect(Number(textOf(emu.store.get('stock_availables', stockRow)?.values.quantity))).toBe(
      stockBefore - 2,
    );
    const history = (await callJson(emu, `order_histories?filter[id_order]=[${orderId}]&display=full`)) as {
      order_histories: Array<{ id_order_state: number }>;
    };
    expect(history.order_histories.map((row) => row.id_order_state)).toEqual([10]);
  });

  it('fills carts a shopper leaves without ordering, served with the filters an abandoned-cart sweep uses', async () => {
    const productId = simpleProduct();
    const left = await control(emu, 'POST', 'carts', { customerId: 2, lines: [{ productId, quantity: 2 }] });
    expect(left.status).toBe(201);
    const guest = await control(emu, 'POST', 'carts', { lines: [{ productId, quantity: 1 }] });
    expect(guest.body.customerId).toBe(0);
    const cartId = left.body.cartId as number;
    const dateUpd = left.body.dateUpd as string;
    const query =
      `carts?display=full&filter[id_customer]=>[0]&filter[date_upd]=>[${encodeURIComponent(dateUpd.replace(/:\d\d$/, ':00'))}]` +
      '&date=1&sort=[date_upd_ASC,id_ASC]';
    const found = (await callJson(emu, query)) as {
      carts: Array<{
        id: number;
        id_customer: string;
        associations?: { cart_rows?: Array<{ quantity: string }> };
      }>;
    };
    const cart = found.carts.find((candidate) => candidate.id === cartId);
    expect(cart?.associations?.cart_rows?.map((row) => Number(row.quantity))).toEqual([2]);
    expect(found.carts.some((candidate) => candidate.id === (guest.body.cartId as number))).toBe(false);
    // No order was placed from it.
    expect(await callJson(emu, `orders?filter[id_cart]=[${cartId}]`)).toEqual([]);

    const changed = await control(emu, 'PUT', `carts/${cartId}`, { lines: [{ productId, quantity: 5 }] });
    expect(changed.status).toBe(200);
    expect(emu.store.get('carts', cartId)?.associations.cart_rows?.map((row) => row.quantity)).toEqual(['5']);
    expect((await control(emu, 'POST', 'carts', { customerId: 2, lines: [] })).status).toBe(400);
  });

  it('moves an order through states, and ships it with a tracking number', async () => {
    const placed = await control(emu, 'POST', 'orders', {
      customerId: 2,
      lines: [{ productId: simpleProduct(), quantity: 1 }],
    });
    const orderId = placed.body.orderId as number;
    expect((await control(emu, 'POST', `orders/${orderId}/pay`)).body.currentState).toBe(2);
    const shipped = await control(emu, 'POST', `orders/${orderId}/ship`, { trackingNumber: 'TRACK-42' });
    expect(shipped.body.currentState).toBe(4);
    const order = (await callJson(emu, `orders/${orderId}`)) as {
      order: { shipping_number: string; invoice_number: number; valid: string };
    };
    expect(order.order).toMatchObject({ shipping_number: 'TRACK-42', valid: '1' });
    expect(order.order.invoice_number).toBeGreaterThan(0);
    const carriers = (await callJson(emu, `order_carriers?filter[id_order]=[${orderId}]&display=full`)) as {
      order_carriers: Array<{ tracking_number: string }>;
    };
    expect(carriers.order_carriers[0]?.tracking_number).toBe('TRACK-42');
    expect((await control(emu, 'POST', `orders/${orderId}/state`, { stateId: 5 })).body.currentState).toBe(5);
    expect((await control(emu, 'POST', `orders/${orderId}/teleport`)).status).toBe(400);
  });

  it('sets stock, keeping the product-level row at the sum of the combinations', async () => {
    const { productId, combinationId } = productWithCombinations();
    const answer = await control(emu, 'PUT', 'stock', { productId, combinationId, quantity: 500 });
    expect(answer.status).toBe(200);
    const rows = emu.store.get('products', productId)?.associations.stock_availables ?? [];
    const sum = rows
      .filter((row) => row.id_product_attribute !== '0')
      .reduce(
        (total, row) =>
          total + Number(textOf(emu.store.get('stock_availables', Number(row.id))?.values.quantity)),
        0,
      );
    expect(answer.body.productQuantity).toBe(sum);
    const refused = await control(emu, 'PUT', 'stock', { productId, quantity: 3 });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('has combinations');
  });

  it('edits, adds and deletes products, moving date_upd', async () => {
    const before = textOf(emu.store.get('products', 3)?.values.date_upd);
    const edited = await control(emu, 'PATCH', 'products/3', { price: '42.5', name: 'Renamed' });
    expect(textOf(emu.store.get('products', 3)?.values.price)).toBe('42.500000');
    expect(String(edited.body.dateUpd) > before).toBe(true);
    const added = await control(emu, 'POST', 'products', { name: 'Gift card', price: '25.00', quantity: 10 });
    const id = added.body.productId as number;
    const stock = (await callJson(emu, `stock_availables?filter[id_product]=[${id}]&display=full`)) as {
      stock_availables: Array<{ quantity: number }>;
    };
    expect(stock.stock_availables[0]?.quantity).toBe(10);
    expect((await control(emu, 'DELETE', `products/${id}`)).status).toBe(200);
    expect((await call(emu, `products/${id}`)).status).toBe(404);
  });

  it('counts webservice requests per resource and verb, and resets everything', async () => {
    await control(emu, 'DELETE', 'requests');
    await call(emu, 'products?limit=1');
    await call(emu, 'products/1', { method: 'HEAD' });
    await call(emu, 'orders?limit=1');
    expect((await control(emu, 'GET', 'requests')).body.counts).toEqual({
      products: { GET: 1, HEAD: 1 },
      orders: { GET: 1 },
    });
    expect(emu.requestCounts()).toEqual({ products: { GET: 1, HEAD: 1 }, orders: { GET: 1 } });
    await control(emu, 'PATCH', 'products/1', { name: 'Changed' });
    await control(emu, 'POST', 'reset');
    expect(textOf(emu.store.get('products', 1)?.values.name, 1)).not.toBe('Changed');
    expect(emu.requestCounts()).toEqual({});
  });

  it('answers unknown routes with 404 and bad bodies with 400', async () => {
    expect((await control(emu, 'GET', 'nowhere')).status).toBe(404);
    const bad = await fetch(`${emu.address}/__emulator/orders`, { method: 'POST', body: 'not json' });
    expect(bad.status).toBe(400);
  });
});
