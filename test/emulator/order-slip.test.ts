import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, ShopActionError, startEmulator, textOf } from '../../src/emulator/index.js';
import { Decimal } from '../../src/hub/index.js';
import { filter, PrestaShopClient } from '../../src/webservice/index.js';
import { call, callJson } from './emulator-test-client.js';

/**
 * `order_slip`, the store's refunds, served as PrestaShop's `OrderSlip` declares it: a singular URL,
 * lists wrapped in `order_slips` (XML and JSON), amounts per refunded line in `order_slip_details`.
 */
describe('emulator order_slip', () => {
  let emulator: RunningEmulator;
  let client: PrestaShopClient;
  let orderId: number;
  let detailIds: readonly number[];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    client = new PrestaShopClient({ url: emulator.url, key: emulator.keys[0]!, retry: { maxRetries: 0 } });
    let productId = 1;
    while ((emulator.store.get('products', productId)?.associations.combinations ?? []).length > 0)
      productId += 1;
    const placed = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId, quantity: 3 }],
      stateId: 2,
    });
    orderId = placed.order.id;
    detailIds = placed.detailIds;
  });
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  it('records a partial refund as a slip with the refunded line amounts, readable in bulk by order', async () => {
    const detail = emulator.store.get('order_details', detailIds[0]!)!;
    const order = emulator.store.get('orders', orderId)!;
    const slip = emulator.store.refundOrder(orderId, {
      lines: [{ orderDetailId: detailIds[0]!, quantity: 2 }],
      shipping: true,
    });
    const unitExcl = textOf(detail.values.unit_price_tax_excl);
    const twice = (value: string) => Decimal.from(value).mul(2).toFixed(6);

    const [read] = await client.list('order_slip', {
      display: 'full',
      filter: { id_order: filter.oneOf([orderId]) },
    });
    expect(read).toMatchObject({
      id: slip.id,
      id_order: String(orderId),
      total_products_tax_excl: twice(unitExcl),
      total_products_tax_incl: twice(textOf(detail.values.unit_price_tax_incl)),
      total_shipping_tax_excl: textOf(order.values.total_shipping_tax_excl),
      total_shipping_tax_incl: textOf(order.values.total_shipping_tax_incl),
    });
    expect(read?.associations?.order_slip_details).toEqual([
      expect.objectContaining({
        id_order_detail: String(detailIds[0]),
        product_quantity: '2',
        amount_tax_excl: twice(unitExcl),
      }),
    ]);
    expect(textOf(emulator.store.get('order_details', detailIds[0]!)!.values.product_quantity_refunded)).toBe(
      '2',
    );

    const xml = await call(emulator, `order_slip?filter[id_order]=[${orderId}]`);
    expect(xml.text).toContain('<order_slips>');
    expect(xml.text).toContain(`<order_slip id="${slip.id}" xlink:href="${emulator.url}`);
    expect(await callJson(emulator, `order_slip?display=full&filter[id_order]=[${orderId}]`)).toEqual({
      order_slips: [expect.objectContaining({ id: slip.id })],
    });
  });

  it('refuses to refund more than is left of a line', () => {
    expect(() =>
      emulator.store.refundOrder(orderId, { lines: [{ orderDetailId: detailIds[0]!, quantity: 2 }] }),
    ).toThrow(ShopActionError);
  });
});
