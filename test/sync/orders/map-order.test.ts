import { describe, expect, it } from 'vitest';

import { mapCustomer, mapOrder, type OrderMappingLookups } from '../../../src/sync/orders/index.js';
import { StoreDates } from '../../../src/sync/store-dates.js';
import type { PsAddress, PsOrder } from '../../../src/webservice/index.js';
import { recorded } from './support/recorded-orders.js';

function lookups(overrides: Partial<OrderMappingLookups> = {}): OrderMappingLookups {
  return {
    storeName: 'shop-fr',
    dates: new StoreDates('Europe/Paris'),
    currency: (id) => (id === 1 ? { iso: 'EUR', places: 2 } : undefined),
    carrier: (id) => (id === 2 ? { reference: 2, name: 'My carrier' } : undefined),
    carrierMappings: { '2': 'POST' },
    paymentMappings: { ps_checkpayment: 'CHECK' },
    shippingMethods: new Set(['POST']),
    paymentMethods: new Set(['CHECK']),
    countryIso: (id) => (id === 8 ? 'FR' : id === 21 ? 'US' : undefined),
    stateName: (id) => (id === 35 ? 'New York' : undefined),
    orderStateName: (id) => `state ${id}`,
    shippingProduct: null,
    ...overrides,
  };
}

/** Recorded order 1: two t-shirts, check payment, 7.00 + 20 % shipping, cancelled; its address is 5. */
function orderOne(): PsOrder {
  const order = recorded.orders().find((candidate) => candidate.id === 1);
  if (!order) throw new Error('recorded order 1 missing');
  return order;
}

/** A recorded address (supplier address 6, Bayonne) standing in as the order's address 5. */
function addresses(): Map<number, PsAddress> {
  const bayonne = recorded.addresses().find((address) => address.id === 6)!;
  return new Map([[5, { ...bayonne, id: 5, id_customer: '2' }]]);
}

const histories = () => recorded.histories().filter((entry) => entry.id_order === '1');

describe('map an order', () => {
  it("keeps the store's totals exactly and turns rows, shipping, history and addresses into the hub's order", () => {
    const mapped = mapOrder(
      { order: orderOne(), addresses: addresses(), history: histories(), messages: [] },
      lookups(),
    );
    if (!mapped.ok) throw new Error(mapped.reason);
    const { record } = mapped;
    expect(record).toMatchObject({
      externalId: 1,
      reference: 'XKBKNABJK',
      customerExternalId: 2,
      placedAt: '2026-11-22 12:11:13',
      currency: 'EUR',
      paymentModule: 'ps_checkpayment',
      paymentLabel: 'Payment by check',
      paymentMethod: 'CHECK',
      carrierId: 2,
      shippingMethod: 'POST',
      storeStateId: 6,
      totals: { productsTaxIncl: '59.8', shippingTaxIncl: '8.4', paidTaxIncl: '68.2', paid: '61.8' },
      totalsMismatch: false,
    });
    expect(record.lines).toEqual([
      expect.objectContaining({
        kind: 'product',
        variantExternalId: '1:1',
        sku: 'demo_1',
        quantity: 1,
        unitPriceTaxIncl: '23.9',
      }),
      expect.objectContaining({
        kind: 'product',
        variantExternalId: '2:9',
        sku: 'demo_3',
        quantity: 1,
        unitPriceTaxExcl: '35.9',
      }),
      expect.objectContaining({
        kind: 'shipping',
        variantId: null,
        name: 'Shipping: My carrier',
        unitPriceTaxExcl: '7',
        unitPriceTaxIncl: '8.4',
      }),
    ]);
    expect(record.billingAddress).toMatchObject({
      city: 'Bayonne',
      countryIso: 'FR',
      company: 'Accessories and Co',
      phone: '0102030405',
    });
    expect(record.stateHistory?.map((entry) => [entry.externalId, entry.stateId])).toEqual([
      [1, 1],
      [6, 6],
    ]);
    expect(mapped.notices).toEqual([]);
  });

  it('names the setting to add for an unmapped carrier or payment module, and a mapping to a code the hub lacks', () => {
    const mapped = mapOrder(
      { order: orderOne(), addresses: addresses(), history: [], messages: [] },
      lookups({ carrierMappings: {}, paymentMappings: { ps_checkpayment: 'CHEQUE' } }),
    );
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.record.shippingMethod).toBeNull();
    expect(mapped.record.paymentMethod).toBeNull();
    expect(mapped.notices.map((notice) => notice.message)).toEqual([
      "Carrier 'My carrier' (id_reference 2) has no shipping method: orders keep it unmapped. Map it with `prestabridge stores set shop-fr carriers.2=CODE`.",
      "Setting payments.ps_checkpayment names payment method 'CHEQUE', which the hub does not have: create it with `prestabridge payment-methods add CHEQUE --name NAME`, or change the mapping.",
    ]);
  });

  it('puts the shipping cost on the configured product, and the discounts on one negative line', () => {
    const order = {
      ...orderOne(),
      total_discounts_tax_incl: '6.000000',
      total_discounts_tax_excl: '5.000000',
      total_paid_tax_incl: '62.200000',
    };
    const mapped = mapOrder(
      { order, addresses: addresses(), history: [], messages: [] },
      lookups({ shippingProduct: { variantId: 77, sku: 'SHIP' } }),
    );
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.record.lines.slice(2)).toEqual([
      expect.objectContaining({ kind: 'shipping', variantId: 77, sku: 'SHIP', quantity: 1 }),
      expect.objectContaining({
        kind: 'discount',
        quantity: 1,
        unitPriceTaxExcl: '-5',
        unitPriceTaxIncl: '-6',
      }),
    ]);
    expect(mapped.totals.ok).toBe(true);
  });

  it('flags totals that do not add up with what differs, keeping them as sent', () => {
    const order = { ...orderOne(), total_paid_tax_incl: '68.210000' };
    const mapped = mapOrder({ order, addresses: addresses(), history: [], messages: [] }, lookups());
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.record.totalsMismatch).toBe(true);
    expect(mapped.record.totals.paidTaxIncl).toBe('68.21');
    expect(mapped.totals.problem).toBe(
      "lines + shipping + wrapping − discounts = 68.20, the store's total paid is 68.21",
    );
  });

  it('imports an order whose address the store no longer has, and fails one whose currency it does not know', () => {
    const mapped = mapOrder(
      { order: orderOne(), addresses: new Map(), history: [], messages: [] },
      lookups(),
    );
    expect(mapped.ok && mapped.record.deliveryAddress).toEqual({
      firstName: '',
      lastName: '',
      address1: '',
      city: '',
    });
    const foreign = mapOrder(
      { order: { ...orderOne(), id_currency: '9' }, addresses: addresses(), history: [], messages: [] },
      lookups(),
    );
    expect(foreign).toEqual({
      ok: false,
      orderId: 1,
      reason: "its currency 9 is not in the store's currencies",
    });
  });

  it('keeps customer messages in their order, employee answers told apart', () => {
    const mapped = mapOrder(
      {
        order: orderOne(),
        addresses: addresses(),
        history: [],
        messages: [
          {
            id: 9,
            byEmployee: true,
            private: false,
            body: 'Shipped tomorrow.',
            writtenAt: '2026-11-23 09:00:00',
          },
          {
            id: 4,
            byEmployee: false,
            private: false,
            body: 'Door code 4521B.',
            writtenAt: '2026-11-22 12:15:00',
          },
        ],
      },
      lookups(),
    );
    expect(mapped.ok && mapped.record.messages?.map((message) => [message.author, message.body])).toEqual([
      ['customer', 'Door code 4521B.'],
      ['employee', 'Shipped tomorrow.'],
    ]);
  });
});

describe('map a customer', () => {
  const dates = new StoreDates('Europe/Paris');

  it('maps the recorded customers: gender through the setting, newsletter, birthday, inactive anonymous', () => {
    const [anonymous, john] = recorded
      .customers()
      .map((customer) => mapCustomer(customer, { '1': 'male' }, dates));
    expect(john?.record).toMatchObject({
      externalId: 2,
      email: 'pub@prestashop.com',
      firstName: 'John',
      lastName: 'DOE',
      gender: 'male',
      birthday: '1970-01-15',
      newsletter: true,
      active: true,
      externalUpdatedAt: '2026-11-22T11:11:12.000Z',
    });
    expect(anonymous?.record).toMatchObject({ active: false, newsletter: false, birthday: '0000-00-00' });
  });

  it('imports a customer with an unmapped gender as unknown and says which id to map', () => {
    const [customer] = recorded.customers();
    const mapped = mapCustomer({ ...customer!, id_gender: '3' }, { '1': 'male', '2': 'female' }, dates);
    expect(mapped.record.gender).toBe('unknown');
    expect(mapped.unmappedGender).toEqual({ genderId: '3' });
    expect(mapCustomer({ ...customer!, id_gender: '0' }, {}, dates).unmappedGender).toBeUndefined();
  });
});
