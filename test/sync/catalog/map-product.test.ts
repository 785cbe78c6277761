import { describe, expect, it } from 'vitest';

import { buildAttributeLookup } from '../../../src/sync/catalog/attribute-lookup.js';
import { isRetired, mapProduct, type ProductLookups } from '../../../src/sync/catalog/map-product.js';
import { StoreDates } from '../../../src/sync/store-dates.js';
import { StoreLanguages } from '../../../src/sync/store-languages.js';
import type { PsProduct } from '../../../src/webservice/index.js';
import {
  recordedCombinations,
  recordedList,
  recordedProducts,
  recordedProductsJson,
  recordedProductsXml,
  recordedSingleLanguageProducts,
} from './support/recorded-catalog.js';

const languages = new StoreLanguages(
  [
    { id: 1, iso: 'en' },
    { id: 2, iso: 'fr' },
  ],
  1,
);

function lookups(overrides: Partial<ProductLookups> = {}): ProductLookups {
  return {
    languages,
    dates: new StoreDates('Europe/Paris'),
    attributes: buildAttributeLookup(
      recordedList('product_options'),
      recordedList('product_option_values'),
      languages,
    ),
    taxRateOf: (group) => (group === 9 ? 'VAT20' : null),
    familyOf: (category) => (category === 4 ? 'MEN' : null),
    unitOfMeasure: 'PCS',
    ...overrides,
  };
}

function product(id: number): PsProduct {
  const found = recordedProducts().find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no recorded product ${id}`);
  return found;
}

function mapped(source: PsProduct, combinations = recordedCombinations(), with_ = lookups()) {
  const outcome = mapProduct(source, combinations, with_);
  if (!outcome.ok) throw new Error(`product ${source.id} failed: ${outcome.reason}`);
  return outcome.product;
}

describe('mapProduct on the recorded store', () => {
  it('maps a product with combinations: names in each language, prices as written, a variant per combination', () => {
    const { record, defaultCategoryId, categoryIds, bundle } = mapped(product(1));
    expect(record).toMatchObject({
      externalId: 1,
      externalUpdatedAt: '2026-11-22T11:11:13.000Z',
      kind: 'combinations',
      name: 'Hummingbird printed t-shirt',
      names: { en: 'Hummingbird printed t-shirt', fr: 'Hummingbird printed t-shirt' },
      reference: 'demo_1',
      ean13: null,
      price: '23.900000',
      wholesalePrice: '5.490000',
      taxRate: 'VAT20',
      family: 'MEN',
      unitOfMeasure: 'PCS',
      manufacturer: 'Studio Design',
      weight: '0.300000',
      active: true,
      archived: false,
    });
    expect(record.description?.en).toMatch(/^<p>Symbol of lightness/);
    expect(record.summary?.fr).toMatch(/^<p>Regular fit/);
    // The recording holds the first three of its eight combinations.
    expect(record.variants.map((variant) => variant.externalId)).toEqual(['1:1', '1:2', '1:3']);
    expect(record.variants[0]).toEqual({
      externalId: '1:1',
      sku: 'demo_1',
      barcode: null,
      upc: null,
      isbn: null,
      mpn: null,
      // Value 8 (White) is not among the three recorded option values: only Size is known.
      attributes: [{ name: { en: 'Size', fr: 'Size' }, value: { en: 'S', fr: 'S' } }],
      priceImpact: '0.000000',
      wholesalePrice: '0.000000',
      weightImpact: '0.000000',
      active: true,
    });
    expect(record.variants[2]?.attributes).toEqual([
      { name: { en: 'Size', fr: 'Size' }, value: { en: 'M', fr: 'M' } },
    ]);
    expect(defaultCategoryId).toBe(4);
    expect(categoryIds).toEqual([2, 3, 4]);
    expect(bundle).toEqual([]);
  });

  it('maps a product without combinations to one variant carrying its codes', () => {
    const { record } = mapped(product(6));
    expect(record.kind).toBe('simple');
    expect(record.variants).toEqual([
      {
        externalId: '6:0',
        sku: 'demo_11',
        barcode: null,
        upc: null,
        isbn: null,
        mpn: null,
        attributes: [],
        priceImpact: '0',
        wholesalePrice: record.wholesalePrice,
        weightImpact: null,
        active: true,
      },
    ]);
    expect(record.price).toBe('11.900000');
  });

  it('maps a pack to a kit with its components, and a virtual product as virtual', () => {
    const pack = mapped(product(15));
    expect(pack.record.kind).toBe('kit');
    expect(pack.record.manufacturer).toBeNull();
    expect(pack.record.variants.map((variant) => variant.externalId)).toEqual(['15:0']);
    expect(pack.bundle).toEqual([
      { productId: 5, combinationId: 19, quantity: 5 },
      { productId: 7, combinationId: 0, quantity: 5 },
    ]);
    expect(mapped(product(12)).record.kind).toBe('virtual');
  });

  it('fails a product whose combinations could not be read, naming them', () => {
    const outcome = mapProduct(product(2), [], lookups());
    expect(outcome).toEqual({
      ok: false,
      productId: 2,
      reason: 'the store lists combinations 10, 11, 12, 9 but none could be read',
    });
  });

  it('fails a product with a malformed price or no name, and marks retired products archived', () => {
    const broken = { ...product(6), price: '12,90' } as PsProduct;
    expect(mapProduct(broken, [], lookups())).toMatchObject({
      ok: false,
      reason: "price '12,90' is not a decimal number",
    });
    const nameless = { ...product(6), name: { 1: '', 2: ' ' } } as PsProduct;
    expect(mapProduct(nameless, [], lookups())).toMatchObject({
      ok: false,
      reason: 'the product has no name in any store language',
    });
    const draft = { ...product(6), state: '0' } as PsProduct;
    const hidden = { ...product(6), active: '0', visibility: 'none' } as PsProduct;
    const disabled = { ...product(6), active: '0' } as PsProduct;
    expect([draft, hidden, disabled].map(isRetired)).toEqual([true, true, false]);
    expect(mapped(hidden, []).record).toMatchObject({ active: false, archived: true });
    expect(mapped(disabled, []).record).toMatchObject({ active: false, archived: false });
  });

  it('gives the same record whichever codec read the product (XML or JSON)', () => {
    const fromXml = recordedProductsXml().map((source) =>
      mapProduct(source, recordedCombinations(), lookups()),
    );
    const fromJson = recordedProductsJson().map((source) =>
      mapProduct(source, recordedCombinations(), lookups()),
    );
    expect(fromXml.map((outcome) => outcome.ok)).toEqual([true, false, false]);
    expect(fromXml).toEqual(fromJson);
  });

  it('reads a one-language store, whose JSON collapses language fields', () => {
    const english = new StoreLanguages([{ id: 1, iso: 'en' }], 1);
    const [first] = recordedSingleLanguageProducts();
    const { record } = mapped(first!, recordedCombinations(), lookups({ languages: english }));
    expect(record.names).toEqual({ en: 'Hummingbird printed t-shirt' });
    expect(record.name).toBe('Hummingbird printed t-shirt');
  });
});
