import type { OrderRecord, ProductRecord } from '../../src/hub/index.js';

/** Deterministic product records: `count` products from `firstId`, each with `variantsPerProduct` variants. */
export function productRecords(
  count: number,
  options: { firstId?: number; variantsPerProduct?: number; priceOffset?: number } = {},
): ProductRecord[] {
  const firstId = options.firstId ?? 1;
  const perProduct = options.variantsPerProduct ?? 3;
  return Array.from({ length: count }, (_, index) => {
    const id = firstId + index;
    const cents = ((id * 37) % 9000) + 100 + (options.priceOffset ?? 0);
    return {
      externalId: id,
      externalUpdatedAt: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(),
      kind: perProduct > 1 ? 'combinations' : 'simple',
      name: `Product ${id}`,
      names: { en: `Product ${id}`, fr: `Produit ${id}` },
      reference: `REF-${id}`,
      price: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      wholesalePrice: '4.500000',
      weight: '0.250000',
      active: true,
      variants: Array.from({ length: perProduct }, (_, v) => ({
        externalId: `${id}:${perProduct > 1 ? v + 1 : 0}`,
        sku: `SKU-${id}-${v + 1}`,
        barcode: String(2000000000000 + id * 10 + v),
        attributes: [
          { name: { en: 'Size', fr: 'Taille' }, value: { en: ['S', 'M', 'L', 'XL'][v % 4] ?? 'S' } },
        ],
        priceImpact: v === 0 ? '0' : `${v}.50`,
      })),
    };
  });
}

const address = {
  firstName: 'Jane',
  lastName: 'Doe',
  company: null,
  address1: '16, Main street',
  address2: '2nd floor',
  postcode: '75002',
  city: 'Paris',
  countryIso: 'FR',
  phone: '0102030405',
};

/**
 * Deterministic orders shaped like a real store's: `linesPerOrder` product lines on the variants of
 * {@link productRecords} (3 per product), a state history entry and a customer message.
 */
export function orderRecords(
  count: number,
  options: { firstId?: number; linesPerOrder?: number; products?: number; state?: number } = {},
): OrderRecord[] {
  const firstId = options.firstId ?? 1;
  const perOrder = options.linesPerOrder ?? 3;
  const products = options.products ?? 10_000;
  return Array.from({ length: count }, (_, index) => {
    const id = firstId + index;
    const lines = Array.from({ length: perOrder }, (_, l) => {
      const product = ((id * 7 + l * 13) % products) + 1;
      return {
        variantExternalId: `${product}:${(l % 3) + 1}`,
        sku: `SKU-${product}-${(l % 3) + 1}`,
        name: `Product ${product} - Size : ${['S', 'M', 'L'][l % 3] ?? 'S'}`,
        quantity: (l % 2) + 1,
        unitPriceTaxExcl: '19.900000',
        unitPriceTaxIncl: '23.880000',
        taxRate: '20',
      };
    });
    const productsExcl = lines.reduce((sum, line) => sum + line.quantity * 1990, 0);
    const productsIncl = lines.reduce((sum, line) => sum + line.quantity * 2388, 0);
    const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const day = String((id % 28) + 1).padStart(2, '0');
    return {
      externalId: id,
      reference: `REF${String(id).padStart(9, '0')}`,
      customerExternalId: null,
      placedAt: `2026-03-${day} 12:${String(id % 60).padStart(2, '0')}:00`,
      updatedAt: `2026-03-${day} 13:00:00`,
      billingAddress: address,
      deliveryAddress: address,
      currency: 'EUR',
      paymentModule: 'ps_wirepayment',
      paymentLabel: 'Bank wire',
      carrierId: 2,
      storeStateId: options.state ?? 2,
      totals: {
        productsTaxExcl: money(productsExcl),
        productsTaxIncl: money(productsIncl),
        shippingTaxExcl: '7.00',
        shippingTaxIncl: '8.40',
        discountsTaxExcl: '0',
        discountsTaxIncl: '0',
        paidTaxExcl: money(productsExcl + 700),
        paidTaxIncl: money(productsIncl + 840),
        paid: money(productsIncl + 840),
      },
      lines,
      stateHistory: [
        {
          externalId: id * 10,
          stateId: options.state ?? 2,
          stateName: 'Payment accepted',
          changedAt: `2026-03-${day} 13:00:00`,
        },
      ],
      messages: [
        {
          externalId: id * 10,
          author: 'customer',
          body: 'Please deliver after 6 pm.',
          writtenAt: `2026-03-${day} 12:30:00`,
        },
      ],
    };
  });
}
