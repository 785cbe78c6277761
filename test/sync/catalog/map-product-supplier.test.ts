import { describe, expect, it } from 'vitest';

import { wantedImages } from '../../../src/sync/catalog/image-selection.js';
import { mapProductSupplier } from '../../../src/sync/catalog/map-product-supplier.js';
import type { PsProduct, PsProductSupplier } from '../../../src/webservice/index.js';

const currencies = new Map([[1, 'EUR']]);

function row(fields: Partial<Record<keyof PsProductSupplier, string>>): PsProductSupplier {
  return {
    id: 7,
    id_product: '12',
    id_product_attribute: '0',
    id_supplier: '2',
    id_currency: '1',
    product_supplier_reference: 'SUP-12',
    product_supplier_price_te: '4.760000',
    ...fields,
  };
}

describe('product suppliers', () => {
  it('links a variant to a supplier with its reference, price excl. tax and currency', () => {
    expect(mapProductSupplier(row({ id_product_attribute: '31' }), currencies)).toEqual({
      kind: 'link',
      refs: { variantExternalId: '12:31', supplierExternalId: '2' },
      link: { reference: 'SUP-12', price: '4.760000', currency: 'EUR' },
    });
    expect(
      mapProductSupplier(
        row({ product_supplier_reference: ' ', product_supplier_price_te: '', id_currency: '9' }),
        currencies,
      ),
    ).toMatchObject({
      kind: 'link',
      link: { reference: null, price: null, currency: null },
    });
  });

  it('skips rows without a supplier and fails a malformed price', () => {
    expect(mapProductSupplier(row({ id_supplier: '0' }), currencies)).toEqual({
      kind: 'skip',
      reason: 'no supplier on the link',
    });
    expect(mapProductSupplier(row({ product_supplier_price_te: '4,76' }), currencies)).toEqual({
      kind: 'fail',
      reason: "product_supplier_price_te '4,76' is not a decimal number",
    });
  });
});

describe('images kept of a product', () => {
  const product = (cover: string, images: number[]) =>
    ({
      id: 3,
      id_default_image: cover,
      associations: { images: images.map((id) => ({ id })) },
    }) as unknown as PsProduct;

  it('keeps the cover only, or every image in the store order', () => {
    expect(wantedImages(product('9', [4, 9, 5]), false)).toEqual({ ids: [9], cover: 9 });
    expect(wantedImages(product('9', [4, 9, 5]), true)).toEqual({ ids: [4, 9, 5], cover: 9 });
    expect(wantedImages(product('0', [4, 5]), false)).toEqual({ ids: [4], cover: 4 });
    expect(wantedImages(product('0', []), false)).toEqual({ ids: [], cover: null });
  });
});
