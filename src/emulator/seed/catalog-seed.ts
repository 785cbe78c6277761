/**
 * The generated catalog: products (with combinations, simple, virtual, packs), their stock rows
 * (one per combination plus the product-level row holding their sum; one per simple product),
 * images, specific prices, product-supplier links and the category tree's product lists.
 *
 * Only a few typed arrays are kept per product and combination; each record is built on demand
 * from the seed and its id (`BaseRows`), so 100,000 products cost megabytes, not gigabytes.
 */
import { formatCents } from '../decimal.js';
import { rngFor } from '../prng.js';
import type { AssociationEntry, EmuRecord } from '../record.js';
import type { BaseRows } from '../record-table.js';
import { formatWallClock } from '../wall-clock.js';
import { CATEGORIES, categoryPath, optionValueLabel, optionValuesOf } from './reference-seed.js';
import type { SeedTables } from './seed-tables.js';
import { MOTIFS, PRODUCT_NOUNS, VIRTUAL_NOUNS } from './word-lists.js';

export const KIND_STANDARD = 0;
export const KIND_COMBINATIONS = 1;
export const KIND_VIRTUAL = 2;
export const KIND_PACK = 3;

export interface CatalogModel {
  readonly products: number;
  readonly combinations: number;
  readonly kind: Uint8Array;
  readonly noun: Uint8Array;
  readonly motif: Uint8Array;
  readonly priceCents: Int32Array;
  /** Combinations of product p: comboStart[p] … comboStart[p + 1] − 1. */
  readonly comboStart: Int32Array;
  readonly comboProduct: Int32Array;
  /** Position of a combination within its product (0-based). */
  readonly comboIndex: Int32Array;
  readonly comboQuantity: Int32Array;
  /** 1 when product p's combinations carry the product's reference (PrestaShop's demo catalog does). */
  readonly sharedReference: Uint8Array;
  readonly productQuantity: Int32Array;
  /** Images of product p: imageStart[p] … imageStart[p + 1] − 1. */
  readonly imageStart: Int32Array;
  /** Product of specific price s. */
  readonly specificProduct: Int32Array;
  readonly createdAt: Float64Array;
}

/** A valid EAN-13 built from a number (12 digits + check digit). */
export function ean13(seed: number): string {
  const digits = `2${String(seed).padStart(11, '0')}`.slice(0, 12);
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return digits + String((10 - (sum % 10)) % 10);
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Option value ids of combination `index` of a product whose noun varies on `options`. */
function combinationValues(options: readonly number[], motif: number, index: number): number[] {
  if (options.length === 0) return [];
  const lists = options.map((group) => {
    const values = optionValuesOf(group);
    if (group !== 2) return values;
    // Each motif comes in three colours, not in all fourteen.
    return [0, 1, 2].map((k) => values[(motif * 5 + k * 3) % values.length] ?? 5);
  });
  const out: number[] = [];
  let rest = index;
  for (let i = lists.length - 1; i >= 0; i -= 1) {
    const list = lists[i] ?? [];
    out.unshift(list[rest % list.length] ?? 0);
    rest = Math.floor(rest / list.length);
  }
  return out;
}

function combinationCapacity(options: readonly number[]): number {
  return options.reduce(
    (product, group) => product * (group === 2 ? 3 : optionValuesOf(group).length),
    options.length > 0 ? 1 : 0,
  );
}

export function buildCatalogModel(
  key: string,
  products: number,
  combinationsPerProduct: number,
  start: number,
  end: number,
  sharedReferences = 0,
): CatalogModel {
  const kind = new Uint8Array(products + 1);
  const noun = new Uint8Array(products + 1);
  const motif = new Uint8Array(products + 1);
  const priceCents = new Int32Array(products + 1);
  const comboStart = new Int32Array(products + 2);
  const imageStart = new Int32Array(products + 2);
  const productQuantity = new Int32Array(products + 1);
  const createdAt = new Float64Array(products + 1);
  const sharedReference = new Uint8Array(products + 1);
  const specific: number[] = [];
  let combos = 0;
  let images = 0;
  for (let p = 1; p <= products; p += 1) {
    const rng = rngFor(key, 'product', p);
    const roll = rng.next();
    let k: number;
    if (roll < 0.08 && p > 3) k = KIND_PACK;
    else if (roll < 0.18) k = KIND_VIRTUAL;
    else if (roll < 0.45) k = KIND_STANDARD;
    else k = KIND_COMBINATIONS;
    motif[p] = rng.int(0, MOTIFS.length - 1);
    if (k === KIND_VIRTUAL) {
      noun[p] = rng.int(0, VIRTUAL_NOUNS.length - 1);
      priceCents[p] = rng.int(5, 15) * 100;
    } else {
      let n = rng.int(0, PRODUCT_NOUNS.length - 1);
      if (k === KIND_COMBINATIONS && (PRODUCT_NOUNS[n]?.options.length ?? 0) === 0) n = 0;
      noun[p] = n;
      const [low, high] = PRODUCT_NOUNS[n]?.price ?? [1000, 2000];
      priceCents[p] = Math.round(rng.int(low, high) / 100) * 100 - 10;
    }
    if (k === KIND_COMBINATIONS && combinationsPerProduct === 0) k = KIND_STANDARD;
    kind[p] = k;
    // Its own stream: the rest of the catalog is the same whatever the share.
    if (k === KIND_COMBINATIONS && sharedReferences > 0)
      sharedReference[p] = rngFor(key, 'shared-reference', p).next() < sharedReferences ? 1 : 0;
    comboStart[p] = combos + 1;
    if (k === KIND_COMBINATIONS) {
      combos += Math.max(
        1,
        Math.min(combinationsPerProduct, combinationCapacity(PRODUCT_NOUNS[noun[p] ?? 0]?.options ?? [])),
      );
    }
    imageStart[p] = images + 1;
    images += rng.int(1, 3);
    productQuantity[p] =
      k === KIND_VIRTUAL ? rng.int(0, 1) * 500 : rng.int(0, 12) === 0 ? 0 : rng.int(5, 300);
    createdAt[p] =
      start + Math.floor(((p - 1) / Math.max(1, products)) * (end - start) * 0.5) + rng.int(0, 86_400);
    if (rng.chance(0.1)) specific.push(p);
  }
  comboStart[products + 1] = combos + 1;
  imageStart[products + 1] = images + 1;
  const comboProduct = new Int32Array(combos + 1);
  const comboIndex = new Int32Array(combos + 1);
  const comboQuantity = new Int32Array(combos + 1);
  for (let p = 1; p <= products; p += 1) {
    for (let c = comboStart[p] ?? 0; c < (comboStart[p + 1] ?? 0); c += 1) {
      comboProduct[c] = p;
      comboIndex[c] = c - (comboStart[p] ?? 0);
      const rng = rngFor(key, 'combination-stock', c);
      comboQuantity[c] = rng.int(0, 9) === 0 ? 0 : rng.int(1, 60);
    }
  }
  return {
    products,
    combinations: combos,
    kind,
    noun,
    motif,
    priceCents,
    comboStart,
    comboProduct,
    comboIndex,
    comboQuantity,
    sharedReference,
    productQuantity,
    imageStart,
    specificProduct: Int32Array.from([0, ...specific]),
    createdAt,
  };
}

export interface ProductFacts {
  readonly name: { en: string; fr: string };
  readonly reference: string;
  readonly category: number;
  readonly priceCents: number;
  readonly taxRulesGroup: number;
  readonly combinations: readonly number[];
}

/** What order generation needs to know of a product without building it. */
export function productFacts(model: CatalogModel, p: number): ProductFacts {
  const k = model.kind[p] ?? 0;
  const m = MOTIFS[model.motif[p] ?? 0] ?? { en: '', fr: '' };
  const isVirtual = k === KIND_VIRTUAL;
  const n = isVirtual ? VIRTUAL_NOUNS[model.noun[p] ?? 0] : PRODUCT_NOUNS[model.noun[p] ?? 0];
  const base = { en: `${m.en} ${n?.en ?? ''}`, fr: `${capitalize(n?.fr ?? '')} ${m.fr.toLowerCase()}` };
  const name = k === KIND_PACK ? { en: `Pack ${base.en}`, fr: `Pack ${base.fr}` } : base;
  const category = isVirtual ? 9 : (PRODUCT_NOUNS[model.noun[p] ?? 0]?.category ?? 2);
  const combinations: number[] = [];
  for (let c = model.comboStart[p] ?? 0; c < (model.comboStart[p + 1] ?? 0); c += 1) combinations.push(c);
  const taxRulesGroup = category === 7 ? 3 : 1;
  return {
    name,
    reference: `PB-${String(p).padStart(6, '0')}`,
    category,
    priceCents: model.priceCents[p] ?? 0,
    taxRulesGroup,
    combinations,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Price impact (cents, excl. tax) of a combination: larger sizes and dimensions cost more. */
export function combinationImpactCents(model: CatalogModel, c: number): number {
  const p = model.comboProduct[c] ?? 0;
  const noun = PRODUCT_NOUNS[model.noun[p] ?? 0];
  const values = combinationValues(noun?.options ?? [], model.motif[p] ?? 0, model.comboIndex[c] ?? 0);
  if (values.includes(21)) return 2000;
  if (values.includes(20)) return 1000;
  if (values.includes(4)) return 200;
  return 0;
}

/** The order-row name of a combination (`Hummingbird printed t-shirt - Size : S, Color : White`). */
export function combinationLabel(model: CatalogModel, c: number): string {
  const p = model.comboProduct[c] ?? 0;
  const noun = PRODUCT_NOUNS[model.noun[p] ?? 0];
  return combinationValues(noun?.options ?? [], model.motif[p] ?? 0, model.comboIndex[c] ?? 0)
    .map(optionValueLabel)
    .join(', ');
}

function price(cents: number): string {
  return formatCents(cents);
}

export function seedCatalog(t: SeedTables, key: string, model: CatalogModel, anchor: number): void {
  const P = model.products;
  const imageOf = (p: number): number => model.imageStart[p] ?? 0;

  const packItems = (p: number): AssociationEntry[] => {
    const rng = rngFor(key, 'pack', p);
    const items: AssociationEntry[] = [];
    for (let n = 0; n < 2; n += 1) {
      let other = rng.int(1, Math.max(1, p - 1));
      while (model.kind[other] === KIND_PACK && other > 1) other -= 1;
      if (items.some((item) => item.id === String(other))) continue;
      const combo = model.kind[other] === KIND_COMBINATIONS ? (model.comboStart[other] ?? 0) : 0;
      items.push({ id: String(other), id_product_attribute: String(combo), quantity: String(rng.int(1, 3)) });
    }
    return items;
  };

  /**
   * A product's creation and last change (epoch seconds), from the first draws of its details
   * generator — also answered by the fast column path, so date filters and sorts need no records.
   */
  const productDates = (
    p: number,
    rng = rngFor(key, 'product-details', p),
  ): { created: number; updated: number } => {
    const created = model.createdAt[p] ?? anchor;
    return { created, updated: Math.min(anchor, created + rng.int(0, 120) * 86_400 + rng.int(0, 86_399)) };
  };

  const productsBase: BaseRows = {
    count: P,
    build(p: number): EmuRecord {
      const facts = productFacts(model, p);
      const k = model.kind[p] ?? 0;
      const rng = rngFor(key, 'product-details', p);
      const combos = facts.combinations;
      const images: AssociationEntry[] = [];
      for (let i = model.imageStart[p] ?? 0; i < (model.imageStart[p + 1] ?? 0); i += 1)
        images.push({ id: String(i) });
      const noun = PRODUCT_NOUNS[model.noun[p] ?? 0];
      const optionValues = new Set<number>();
      for (const c of combos) {
        for (const v of combinationValues(noun?.options ?? [], model.motif[p] ?? 0, model.comboIndex[c] ?? 0))
          optionValues.add(v);
      }
      const manufacturer = facts.category >= 7 ? 2 : 1;
      const { created, updated } = productDates(p, rng);
      const stock: AssociationEntry[] = [{ id: String(p), id_product_attribute: '0' }];
      for (const c of combos) stock.push({ id: String(P + c), id_product_attribute: String(c) });
      const firstCombo = combos[0] ?? 0;
      const values = t.complete('products', {
        id_manufacturer: k === KIND_PACK ? '0' : String(manufacturer),
        id_supplier: k === KIND_PACK ? '0' : String(facts.category <= 5 ? 1 : 2),
        id_category_default: String(facts.category),
        new: null,
        cache_default_attribute: String(firstCombo),
        id_default_image: String(imageOf(p)),
        id_default_combination: String(firstCombo),
        id_tax_rules_group: String(facts.taxRulesGroup),
        position_in_category: String(1 + (p % 50)),
        manufacturer_name: k === KIND_PACK ? false : manufacturer === 1 ? 'Studio Design' : 'Graphic Corner',
        quantity: '0',
        type: k === KIND_PACK ? 'pack' : k === KIND_VIRTUAL ? 'virtual' : 'simple',
        id_shop_default: '1',
        reference: facts.reference,
        supplier_reference: k === KIND_PACK ? '' : `SUP-${p}`,
        location: '',
        width: '0.000000',
        height: '0.000000',
        depth: '0.000000',
        weight: k === KIND_VIRTUAL ? '0.000000' : (noun?.weight ?? '0.000000'),
        quantity_discount: '0',
        ean13: k === KIND_VIRTUAL ? '' : ean13(p),
        isbn: '',
        upc: '',
        mpn: '',
        cache_is_pack: k === KIND_PACK ? '1' : '0',
        cache_has_attachments: '0',
        is_virtual: k === KIND_VIRTUAL ? '1' : '0',
        state: '1',
        additional_delivery_times: '1',
        product_type: ['standard', 'combinations', 'virtual', 'pack'][k] ?? 'standard',
        on_sale: '0',
        online_only: '0',
        ecotax: '0.000000',
        minimal_quantity: '1',
        low_stock_threshold: '0',
        low_stock_alert: '0',
        price: price(facts.priceCents),
        wholesale_price: price(Math.round(facts.priceCents * 0.4)),
        unity: '',
        unit_price: '0.000000',
        unit_price_ratio: '0.000000',
        additional_shipping_cost: '0.000000',
        customizable: '0',
        text_fields: '0',
        uploadable_files: '0',
        active: rng.int(0, 29) === 0 ? '0' : '1',
        redirect_type: '301-category',
        id_type_redirected: '0',
        available_for_order: '1',
        available_date: '0000-00-00',
        show_condition: '0',
        condition: 'new',
        show_price: '1',
        indexed: '1',
        visibility: 'both',
        advanced_stock_management: '0',
        date_add: formatWallClock(created),
        date_upd: formatWallClock(updated),
        pack_stock_type: '3',
        link_rewrite: { en: slug(facts.name.en), fr: slug(facts.name.fr) },
        name: facts.name,
        description: {
          en: `<p>${facts.name.en}: designed in our studio, made to last.</p>`,
          fr: `<p>${facts.name.fr} : conçu dans notre atelier, fait pour durer.</p>`,
        },
        description_short: { en: `<p>${facts.name.en}.</p>`, fr: `<p>${facts.name.fr}.</p>` },
      });
      const features: AssociationEntry[] =
        k === KIND_PACK || k === KIND_VIRTUAL ? [] : [{ id: '1', id_feature_value: String(1 + (p % 6)) }];
      return {
        id: p,
        values,
        associations: {
          categories: [...new Set([2, ...categoryPath(facts.category)])].map((id) => ({ id: String(id) })),
          images,
          combinations: combos.map((c) => ({ id: String(c) })),
          product_option_values: [...optionValues].map((id) => ({ id: String(id) })),
          product_features: features,
          tags: [],
          stock_availables: stock,
          attachments: [],
          accessories: [],
          product_bundle: k === KIND_PACK ? packItems(p) : [],
        },
      };
    },
    column(p: number, field: string): string | undefined {
      if (field === 'id_category_default') return String(productFacts(model, p).category);
      if (field === 'price') return price(model.priceCents[p] ?? 0);
      if (field === 'reference') return `PB-${String(p).padStart(6, '0')}`;
      if (field === 'date_add') return formatWallClock(productDates(p).created);
      if (field === 'date_upd') return formatWallClock(productDates(p).updated);
      return undefined;
    },
  };
  t.base('products', productsBase);

  t.base('combinations', {
    count: model.combinations,
    build(c: number): EmuRecord {
      const p = model.comboProduct[c] ?? 0;
      const index = model.comboIndex[c] ?? 0;
      const noun = PRODUCT_NOUNS[model.noun[p] ?? 0];
      const values = combinationValues(noun?.options ?? [], model.motif[p] ?? 0, index);
      return {
        id: c,
        values: t.complete('combinations', {
          id_product: String(p),
          ean13: ean13(1_000_000 + c),
          reference:
            model.sharedReference[p] === 1
              ? `PB-${String(p).padStart(6, '0')}`
              : `PB-${String(p).padStart(6, '0')}-${index + 1}`,
          supplier_reference: '',
          wholesale_price: '0.000000',
          price: price(combinationImpactCents(model, c)),
          ecotax: '0.000000',
          weight: '0.000000',
          unit_price_impact: '0.000000',
          minimal_quantity: '1',
          low_stock_threshold: '0',
          low_stock_alert: '0',
          default_on: index === 0 ? '1' : null,
          available_date: '0000-00-00',
        }),
        associations: {
          product_option_values: values.map((id) => ({ id: String(id) })),
          images: [{ id: String(model.imageStart[p] ?? 0) }],
        },
      };
    },
    column(c: number, field: string): string | undefined {
      return field === 'id_product' ? String(model.comboProduct[c] ?? 0) : undefined;
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      if (field !== 'id_product') return undefined;
      return productFacts(model, Number(value)).combinations;
    },
  });

  const stockProduct = (id: number): number => (id <= P ? id : (model.comboProduct[id - P] ?? 0));
  const stockAttribute = (id: number): number => (id <= P ? 0 : id - P);
  const stockQuantity = (id: number): number => {
    if (id > P) return model.comboQuantity[id - P] ?? 0;
    if (model.kind[id] !== KIND_COMBINATIONS) return model.productQuantity[id] ?? 0;
    let sum = 0;
    for (let c = model.comboStart[id] ?? 0; c < (model.comboStart[id + 1] ?? 0); c += 1)
      sum += model.comboQuantity[c] ?? 0;
    return sum;
  };
  t.base('stock_availables', {
    count: P + model.combinations,
    build(id: number): EmuRecord {
      return {
        id,
        values: t.complete('stock_availables', {
          id_product: String(stockProduct(id)),
          id_product_attribute: String(stockAttribute(id)),
          id_shop: '1',
          id_shop_group: '0',
          quantity: String(stockQuantity(id)),
          depends_on_stock: '0',
          out_of_stock: '2',
          location: '',
        }),
        associations: {},
      };
    },
    column(id: number, field: string): string | undefined {
      if (field === 'id_product') return String(stockProduct(id));
      if (field === 'id_product_attribute') return String(stockAttribute(id));
      if (field === 'quantity') return String(stockQuantity(id));
      return undefined;
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      const n = Number(value);
      if (field === 'id_product') {
        if (!(n >= 1 && n <= P)) return [];
        return [n, ...productFacts(model, n).combinations.map((c) => P + c)];
      }
      if (field === 'id_product_attribute' && n > 0) return n <= model.combinations ? [P + n] : [];
      return undefined;
    },
  });

  t.base('product_suppliers', {
    count: P + model.combinations,
    build(id: number): EmuRecord {
      const p = stockProduct(id);
      const k = model.kind[p] ?? 0;
      return {
        id,
        values: t.complete('product_suppliers', {
          id_product: String(p),
          id_product_attribute: String(stockAttribute(id)),
          id_supplier: k === KIND_PACK ? '0' : String(productFacts(model, p).category <= 5 ? 1 : 2),
          id_currency: '1',
          product_supplier_reference: id <= P ? `SUP-${p}` : `SUP-${p}-${stockAttribute(id)}`,
          product_supplier_price_te: price(Math.round((model.priceCents[p] ?? 0) * 0.4)),
        }),
        associations: {},
      };
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      const n = Number(value);
      if (field !== 'id_product') return undefined;
      if (!(n >= 1 && n <= P)) return [];
      return [n, ...productFacts(model, n).combinations.map((c) => P + c)];
    },
  });

  t.base('specific_prices', {
    count: model.specificProduct.length - 1,
    build(id: number): EmuRecord {
      const p = model.specificProduct[id] ?? 0;
      const rng = rngFor(key, 'specific-price', id);
      const percentage = rng.chance(0.7);
      return {
        id,
        values: t.complete('specific_prices', {
          id_shop_group: '0',
          id_shop: '0',
          id_cart: '0',
          id_product: String(p),
          id_product_attribute: '0',
          id_currency: '0',
          id_country: '0',
          id_group: '0',
          id_customer: '0',
          id_specific_price_rule: '0',
          price: '-1.000000',
          from_quantity: '1',
          reduction: percentage
            ? `0.${rng.pick(['100000', '150000', '200000', '300000'])}`
            : `${rng.int(2, 10)}.000000`,
          reduction_tax: '1',
          reduction_type: percentage ? 'percentage' : 'amount',
          from: '0000-00-00 00:00:00',
          to: '0000-00-00 00:00:00',
        }),
        associations: {},
      };
    },
    lookup(field: string, value: string): readonly number[] | undefined {
      if (field !== 'id_product') return undefined;
      const out: number[] = [];
      for (let id = 1; id < model.specificProduct.length; id += 1)
        if (model.specificProduct[id] === Number(value)) out.push(id);
      return out;
    },
  });

  // The category tree with each category's products (products are filed under Home and their path).
  const members = new Map<number, number[]>(CATEGORIES.map(([id]) => [id, []]));
  const counts = new Map<number, number>();
  for (let p = 1; p <= P; p += 1) {
    const category = productFacts(model, p).category;
    for (const id of new Set([2, ...categoryPath(category)])) members.get(id)?.push(p);
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  const recursive = (id: number): number =>
    (counts.get(id) ?? 0) +
    CATEGORIES.filter(([, parent]) => parent === id).reduce((sum, [child]) => sum + recursive(child), 0);
  for (const [id, parent, depth, name, rewrite] of CATEGORIES) {
    t.put(
      'categories',
      id,
      {
        id_parent: String(parent),
        level_depth: String(depth),
        nb_products_recursive: String(recursive(id)),
        active: '1',
        id_shop_default: '1',
        is_root_category: id === 2 ? '1' : '0',
        position: String(CATEGORIES.filter(([, p]) => p === parent).findIndex(([cid]) => cid === id)),
        date_add: formatWallClock(model.createdAt[1] ?? anchor),
        date_upd: formatWallClock(model.createdAt[1] ?? anchor),
        name,
        link_rewrite: { en: rewrite, fr: rewrite },
        description: '',
      },
      {
        categories: CATEGORIES.filter(([, p]) => p === id).map(([child]) => ({ id: String(child) })),
        products: (members.get(id) ?? []).map((p) => ({ id: String(p) })),
      },
    );
  }
}
