import { Decimal, type ProductKind, type ProductRecord, type VariantRecord } from '../../hub/index.js';
import { InvalidRequestError, type PsCombination, type PsProduct } from '../../webservice/index.js';
import type { StoreDates } from '../store-dates.js';
import type { StoreLanguages } from '../store-languages.js';
import { storeInstant, StoreValueError } from '../store-values.js';
import type { AttributeLookup } from './attribute-lookup.js';
import { scalar } from './ps-scalar.js';

/** What mapping a product needs besides the product: everything read once per run. */
export interface ProductLookups {
  readonly languages: StoreLanguages;
  readonly dates: StoreDates;
  readonly attributes: AttributeLookup;
  /** Hub tax-rate code for a tax rules group (the fallback already applied), or null. */
  taxRateOf(taxRulesGroupId: number): string | null;
  /** Hub family code for the product's default category, or null (unmapped, or categories not synced). */
  familyOf(categoryId: number): string | null;
  /** The store's default unit of measure, when the hub has it. */
  readonly unitOfMeasure: string | null;
}

/** One component of a pack, as the store names it. */
export interface BundleItem {
  readonly productId: number;
  /** 0 for a product without combinations. */
  readonly combinationId: number;
  readonly quantity: number;
}

/** A product mapped for `hub.catalog.upsertProducts`, with what the feed still needs to link. */
export interface MappedProduct {
  readonly record: ProductRecord;
  readonly defaultCategoryId: number;
  /** Store category ids the product is filed under. */
  readonly categoryIds: readonly number[];
  /** Components of a pack (empty for other products). */
  readonly bundle: readonly BundleItem[];
}

export type ProductMapOutcome =
  | { readonly ok: true; readonly product: MappedProduct }
  | { readonly ok: false; readonly productId: number; readonly reason: string };

/** Variant external id convention of the hub: `<product id>:<combination id>`, `12:0` without combinations. */
export function variantExternalId(productId: number, combinationId: number): string {
  return `${productId}:${combinationId}`;
}

/** Why a product cannot be mapped: reported on the product, the rest of the page goes on. */
export class MapFailure extends Error {}

/** A decimal field as the store wrote it; a malformed one fails the product. */
function decimal(value: unknown, field: string): string {
  const raw = scalar(value).trim();
  if (raw === '') return '0';
  if (Decimal.tryParse(raw) === undefined) throw new MapFailure(`${field} '${raw}' is not a decimal number`);
  return raw;
}

function optional(value: unknown): string | null {
  const raw = scalar(value).trim();
  return raw === '' ? null : raw;
}

/** Whether the store keeps the product out of sight for good (PrestaShop 8 has no product trash). */
export function isRetired(product: PsProduct): boolean {
  // state 0: a draft the back office created and never saved; disabled and visible nowhere: retired.
  return (
    scalar(product.state) === '0' || (scalar(product.active) === '0' && scalar(product.visibility) === 'none')
  );
}

function productKind(product: PsProduct, combinations: readonly PsCombination[]): ProductKind {
  const type = scalar(product.type);
  const productType = scalar(product.product_type);
  if (type === 'pack' || productType === 'pack' || scalar(product.cache_is_pack) === '1') return 'kit';
  if (combinations.length > 0) return 'combinations';
  if (type === 'virtual' || productType === 'virtual' || scalar(product.is_virtual) === '1') return 'virtual';
  return 'simple';
}

/**
 * The components of a pack (`product_bundle`): product, combination (0 for a product without
 * combinations) and a whole quantity ≥ 1; a component with another quantity fails the pack.
 */
export function packBundle(product: PsProduct): BundleItem[] {
  return (product.associations?.product_bundle ?? []).map((entry) => {
    const quantity = Number(entry.quantity);
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new MapFailure(`pack component ${entry.id} has quantity '${scalar(entry.quantity)}'`);
    }
    return { productId: entry.id, combinationId: Number(entry.id_product_attribute ?? 0) || 0, quantity };
  });
}

function combinationVariant(
  product: PsProduct,
  combination: PsCombination,
  lookups: ProductLookups,
): VariantRecord {
  const attributes = (combination.associations?.product_option_values ?? []).flatMap((value) => {
    const attribute = lookups.attributes.get(value.id);
    return attribute === undefined ? [] : [attribute];
  });
  return {
    externalId: variantExternalId(product.id, combination.id),
    sku: optional(combination.reference),
    barcode: optional(combination.ean13),
    upc: optional(combination.upc),
    isbn: optional(combination.isbn),
    mpn: optional(combination.mpn),
    attributes,
    priceImpact: decimal(combination.price, `combination ${combination.id} price`),
    wholesalePrice: decimal(combination.wholesale_price, `combination ${combination.id} wholesale_price`),
    weightImpact: decimal(combination.weight, `combination ${combination.id} weight`),
    active: true,
  };
}

/**
 * Maps a store product and its combinations to a hub product: names and descriptions in every store
 * language, prices excl. tax as the store wrote them, the tax rate and family through the lookups;
 * each combination a variant with its attributes, codes and price impact, a product without
 * combinations one variant (`<id>:0`); a pack a kit with its components listed in `bundle`. A
 * product the hub cannot take (no name, a malformed price) is a failed outcome with the reason.
 *
 * @example
 * const outcome = mapProduct(product, combinationsOfProduct, lookups);
 * if (outcome.ok) await tx.catalog.upsertProducts(store.id, [outcome.product.record]);
 */
export function mapProduct(
  product: PsProduct,
  combinations: readonly PsCombination[],
  lookups: ProductLookups,
): ProductMapOutcome {
  try {
    const own = combinations
      .filter((combination) => Number(combination.id_product) === product.id)
      .sort((a, b) => a.id - b.id);
    const listed = product.associations?.combinations ?? [];
    if (listed.length > 0 && own.length === 0 && productKind(product, own) !== 'kit') {
      throw new MapFailure(
        `the store lists combinations ${listed.map((entry) => entry.id).join(', ')} but none could be read`,
      );
    }
    const kind = productKind(product, own);
    const name = lookups.languages.defaultText(product.name).trim();
    if (name === '') throw new MapFailure('the product has no name in any store language');
    const defaultCategoryId = Number(product.id_category_default) || 0;
    const reference = optional(product.reference);
    const ean13 = optional(product.ean13);
    const upc = optional(product.upc);
    const isbn = optional(product.isbn);
    const mpn = optional(product.mpn);
    const wholesalePrice = decimal(product.wholesale_price, 'wholesale_price');
    const variants: VariantRecord[] =
      kind === 'combinations'
        ? own.map((combination) => combinationVariant(product, combination, lookups))
        : [
            {
              externalId: variantExternalId(product.id, 0),
              sku: reference,
              barcode: ean13,
              upc,
              isbn,
              mpn,
              attributes: [],
              priceImpact: '0',
              wholesalePrice,
              weightImpact: null,
              active: true,
            },
          ];
    const record: ProductRecord = {
      externalId: product.id,
      externalUpdatedAt: storeInstant(lookups.dates, product.date_upd, 'date_upd'),
      kind,
      name,
      names: lookups.languages.text(product.name),
      description: lookups.languages.text(product.description),
      summary: lookups.languages.text(product.description_short),
      reference,
      ean13,
      upc,
      isbn,
      mpn,
      price: decimal(product.price, 'price'),
      wholesalePrice,
      taxRate: lookups.taxRateOf(Number(product.id_tax_rules_group) || 0),
      family: lookups.familyOf(defaultCategoryId),
      unitOfMeasure: lookups.unitOfMeasure,
      manufacturer: optional(product.manufacturer_name),
      weight: decimal(product.weight, 'weight'),
      active: scalar(product.active) === '1',
      archived: isRetired(product),
      variants,
    };
    return {
      ok: true,
      product: {
        record,
        defaultCategoryId,
        categoryIds: (product.associations?.categories ?? []).map((entry) => entry.id),
        bundle: kind === 'kit' ? packBundle(product) : [],
      },
    };
  } catch (error) {
    if (error instanceof MapFailure || error instanceof StoreValueError)
      return { ok: false, productId: product.id, reason: error.message };
    // A malformed store date is the store's data, not a bug: report it on the product.
    if (error instanceof InvalidRequestError) {
      return { ok: false, productId: product.id, reason: error.message };
    }
    throw error;
  }
}
