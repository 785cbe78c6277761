import { describe, expect, it } from 'vitest';

import type { Product, Store, Variant } from '../../../src/hub/index.js';
import { defaultStoreSettings } from '../../../src/hub/index.js';
import { exportsQuantityOf, quantityExport } from '../../../src/sync/catalog/export/export-quantities.js';
import {
  buildCreatePayload,
  buildUpdatePayload,
  decodeProductExportPayload,
  linkRewrite,
  type PayloadContext,
  whyNotCreatable,
} from '../../../src/sync/catalog/export/product-export-payload.js';
import { differsOnChosenFields } from '../../../src/sync/catalog/export/store-product-states.js';

function variant(id: number, changes: Partial<Variant> = {}): Variant {
  return {
    id,
    productId: 5,
    position: id,
    sku: `TEE-${id}`,
    skuDerived: false,
    barcode: null,
    upc: null,
    isbn: null,
    mpn: null,
    attributes: [{ name: { en: 'Size', fr: 'Taille' }, value: { en: `S${id}` } }],
    priceImpact: '1.500000',
    wholesalePrice: '4.000000',
    weightImpact: null,
    active: true,
    ...changes,
  };
}

const tee: Product = {
  id: 5,
  kind: 'combinations',
  name: 'Linen tee',
  names: { en: 'Linen tee', fr: 'Tee-shirt en lin' },
  description: { en: '<p>Soft</p>' },
  summary: {},
  reference: 'TEE',
  ean13: '4006381333931',
  upc: null,
  isbn: null,
  mpn: null,
  price: '20.000000',
  wholesalePrice: '8.000000',
  taxRate: null,
  family: null,
  unitOfMeasure: null,
  manufacturer: null,
  weight: '0.300000',
  active: true,
  archivedAt: null,
  contentHash: 'hash-5',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  variants: [variant(51), variant(52, { active: false }), variant(53, { sku: null })],
  categoryIds: [3],
};

const context: PayloadContext = {
  languages: [
    { id: 1, iso: 'en' },
    { id: 2, iso: 'fr' },
  ],
  fields: { price: true, wholesalePrice: false },
  quantities: new Map([[51, 7]]),
  combinationIds: new Map(),
  categoryIds: [4],
};

describe('product export payloads', () => {
  it('creates a product with every field a new product needs, in every store language', () => {
    const payload = buildCreatePayload(tee, context);
    expect(payload).toMatchObject({
      op: 'create',
      productId: 5,
      externalId: null,
      contentHash: 'hash-5',
      reference: 'TEE',
      label: '"Linen tee" (TEE)',
      categoryIds: [4],
    });
    expect(payload.fields).toMatchObject({
      name: { 1: 'Linen tee', 2: 'Tee-shirt en lin' },
      link_rewrite: { 1: 'linen-tee', 2: 'tee-shirt-en-lin' },
      description: { 1: '<p>Soft</p>', 2: '' },
      reference: 'TEE',
      ean13: '4006381333931',
      price: '20.000000',
      wholesale_price: '8.000000',
      weight: '0.300000',
      active: '1',
    });
    expect(payload.fields).not.toHaveProperty('upc');
    expect(payload.fields).not.toHaveProperty('description_short');
  });

  it('creates the active combinations, the first as default, with their attributes and quantities', () => {
    const { variants } = buildCreatePayload(tee, context);
    expect(variants.map((each) => each.variantId)).toEqual([51, 53]);
    expect(variants[0]).toEqual({
      variantId: 51,
      combinationId: null,
      reference: 'TEE-51',
      fields: {
        reference: 'TEE-51',
        price: '1.500000',
        wholesale_price: '4.000000',
        weight: '0',
        minimal_quantity: '1',
        default_on: '1',
      },
      attributes: [{ group: { 1: 'Size', 2: 'Taille' }, value: { 1: 'S51', 2: 'S51' } }],
      quantity: 7,
    });
    expect(variants[1]).toMatchObject({ reference: null, quantity: null, fields: { default_on: '' } });
  });

  it('creates a simple product as the product itself (combination 0)', () => {
    const mug: Product = { ...tee, kind: 'simple', variants: [variant(60)] };
    expect(buildCreatePayload(mug, context).variants).toEqual([
      { variantId: 60, combinationId: 0, reference: null, fields: {}, attributes: [], quantity: null },
    ]);
  });

  it('updates only the chosen fields, of the product and of its bound combinations', () => {
    const payload = buildUpdatePayload(
      tee,
      { externalId: 70, updatedAt: '2026-02-01T10:00:00.000Z' },
      { ...context, combinationIds: new Map([[51, 700]]) },
    );
    expect(payload).toMatchObject({
      op: 'update',
      externalId: 70,
      storeUpdatedAt: '2026-02-01T10:00:00.000Z',
    });
    expect(payload.fields).toEqual({ price: '20.000000' });
    expect(payload.variants[0]).toEqual({
      variantId: 51,
      combinationId: 700,
      reference: 'TEE-51',
      fields: { price: '1.500000' },
      attributes: [],
      quantity: 7,
    });
    // A variant the store does not have yet is created, never as the default.
    expect(payload.variants[1]).toMatchObject({
      variantId: 53,
      combinationId: null,
      fields: { default_on: '' },
    });

    const wholesaleOnly = buildUpdatePayload(
      tee,
      { externalId: 70, updatedAt: null },
      { ...context, fields: { price: false, wholesalePrice: true } },
    );
    expect(wholesaleOnly.fields).toEqual({ wholesale_price: '8.000000' });
  });

  it('keeps products it could not find again out of creation', () => {
    expect(whyNotCreatable({ kind: 'simple', reference: null })).toMatch(/no reference/);
    expect(whyNotCreatable({ kind: 'simple', reference: 'A|B' })).toMatch(/cannot search/);
    expect(whyNotCreatable({ kind: 'kit', reference: 'KIT' })).toMatch(/pack/);
    expect(whyNotCreatable({ kind: 'combinations', reference: 'TEE' })).toBeNull();
  });

  it('makes slugs PrestaShop accepts', () => {
    expect(linkRewrite('Crème brûlée — 50 cl!')).toBe('creme-brulee-50-cl');
    expect(linkRewrite('***')).toBe('product');
  });

  it('reads back what it wrote, and refuses a payload that is not one', () => {
    const payload = buildCreatePayload(tee, context);
    expect(decodeProductExportPayload(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
    expect(() => decodeProductExportPayload({ ...payload, op: 'update' })).toThrow(/store product/);
    expect(() => decodeProductExportPayload({ ...payload, productId: 'five' })).toThrow(/productId/);
  });
});

describe('store fields that differ from the hub', () => {
  it('compares amounts as decimals, only for the chosen fields', () => {
    const hub = { price: '23.900000', wholesalePrice: '10.000000' };
    expect(
      differsOnChosenFields(
        hub,
        { price: '23.9', wholesalePrice: '12.000000' },
        { price: true, wholesalePrice: false },
      ),
    ).toBe(false);
    expect(
      differsOnChosenFields(
        hub,
        { price: '23.9', wholesalePrice: '12.000000' },
        { price: true, wholesalePrice: true },
      ),
    ).toBe(true);
    expect(
      differsOnChosenFields(
        hub,
        { price: '24.000000', wholesalePrice: '10' },
        { price: true, wholesalePrice: true },
      ),
    ).toBe(true);
    expect(
      differsOnChosenFields(hub, { price: '', wholesalePrice: '' }, { price: false, wholesalePrice: false }),
    ).toBe(false);
  });
});

describe('quantity export', () => {
  function store(changes: {
    quantity?: boolean;
    bomQuantity?: boolean;
    locations?: string[];
    imported?: boolean;
  }) {
    const settings = defaultStoreSettings();
    return {
      name: 'shop',
      settings: {
        ...settings,
        exportFields: {
          ...settings.exportFields,
          quantity: changes.quantity ?? false,
          bomQuantity: changes.bomQuantity ?? false,
        },
        stockExportLocations: changes.locations ?? ['MAIN'],
      },
      initialStockImportedAt: changes.imported === false ? null : '2026-01-10T00:00:00.000Z',
    } satisfies Pick<Store, 'name' | 'settings' | 'initialStockImportedAt'>;
  }

  it('is refused before the initial stock import, saying why', () => {
    const policy = quantityExport(store({ quantity: true, imported: false }));
    expect(policy).toMatchObject({ plain: false, kits: false });
    expect(policy.blocked).toMatch(/until its initial stock import has run/);
  });

  it('needs stock export locations', () => {
    expect(quantityExport(store({ quantity: true, locations: [] })).blocked).toMatch(/stockExportLocations=/);
  });

  it('exports plain quantities and pack (BOM) quantities as chosen', () => {
    const policy = quantityExport(store({ quantity: true, bomQuantity: false }));
    expect(policy).toEqual({ plain: true, kits: false, blocked: null });
    expect(exportsQuantityOf('simple', policy)).toBe(true);
    expect(exportsQuantityOf('kit', policy)).toBe(false);
    expect(quantityExport(store({}))).toEqual({ plain: false, kits: false, blocked: null });
  });
});
