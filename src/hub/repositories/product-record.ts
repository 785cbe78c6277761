import { hashText, localizedJson } from '../content-hash.js';
import { toStoredDecimal, toStoredDecimalOrNull } from '../decimal.js';
import { InvalidRecordError } from '../hub-errors.js';
import { PRODUCT_KINDS, type ProductRecord, type VariantRecord } from './catalog.types.js';

/** A product record checked and turned into column values (money as stored decimals), with its hash. */
export interface NormalizedProduct {
  readonly externalId: string;
  readonly externalUpdatedAt: string | null;
  readonly codes: {
    readonly taxRate: string | null;
    readonly family: string | null;
    readonly unitOfMeasure: string | null;
  };
  readonly columns: ProductColumns;
  readonly archived: boolean;
  readonly variants: readonly NormalizedVariant[];
  readonly hash: string;
}

export interface ProductColumns {
  readonly kind: string;
  readonly name: string;
  readonly names: string;
  readonly descriptions: string;
  readonly reference: string | null;
  readonly ean13: string | null;
  readonly upc: string | null;
  readonly isbn: string | null;
  readonly mpn: string | null;
  readonly price: string;
  readonly wholesale_price: string | null;
  readonly manufacturer: string | null;
  readonly weight: string | null;
  readonly active: number;
}

export interface NormalizedVariant {
  readonly externalId: string;
  readonly columns: {
    readonly position: number;
    readonly sku: string | null;
    readonly barcode: string | null;
    readonly upc: string | null;
    readonly isbn: string | null;
    readonly mpn: string | null;
    readonly attributes: string;
    readonly price_impact: string;
    readonly wholesale_price: string | null;
    readonly weight_impact: string | null;
    readonly active: number;
  };
}

/** Empty strings from the store mean "none". */
function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function normalizeVariant(product: string, variant: VariantRecord, position: number): NormalizedVariant {
  const externalId = String(variant.externalId);
  try {
    return {
      externalId,
      columns: {
        position,
        sku: text(variant.sku),
        barcode: text(variant.barcode),
        upc: text(variant.upc),
        isbn: text(variant.isbn),
        mpn: text(variant.mpn),
        attributes: `[${(variant.attributes ?? [])
          .map(
            (attribute) =>
              `{"name":${localizedJson(attribute.name)},"value":${localizedJson(attribute.value)}}`,
          )
          .join(',')}]`,
        price_impact: toStoredDecimal(variant.priceImpact ?? 0),
        wholesale_price: toStoredDecimalOrNull(variant.wholesalePrice),
        weight_impact: toStoredDecimalOrNull(variant.weightImpact),
        active: variant.active === false ? 0 : 1,
      },
    };
  } catch (error) {
    throw new InvalidRecordError(`product ${product}, variant ${externalId}: ${(error as Error).message}`);
  }
}

/** Checks a product record and computes its columns and content hash (over hub content only). */
export function normalizeProduct(record: ProductRecord): NormalizedProduct {
  const externalId = String(record.externalId);
  const fail = (problem: string): never => {
    throw new InvalidRecordError(`product ${externalId}: ${problem}`);
  };
  if (!PRODUCT_KINDS.includes(record.kind))
    fail(`kind must be one of ${PRODUCT_KINDS.join(', ')}, got '${String(record.kind)}'`);
  const name = text(record.name) ?? fail('the name is empty');
  if (record.variants.length === 0) fail('a product needs at least one variant');
  if (record.kind !== 'combinations' && record.variants.length !== 1) {
    fail(`a ${record.kind} product has exactly one variant, got ${record.variants.length}`);
  }
  const variantIds = new Set(record.variants.map((variant) => String(variant.externalId)));
  if (variantIds.size !== record.variants.length) fail('two variants share an external id');
  let columns: ProductColumns;
  try {
    columns = {
      kind: record.kind,
      name,
      names: localizedJson(record.names),
      descriptions: `{"description":${localizedJson(record.description)},"summary":${localizedJson(record.summary)}}`,
      reference: text(record.reference),
      ean13: text(record.ean13),
      upc: text(record.upc),
      isbn: text(record.isbn),
      mpn: text(record.mpn),
      price: toStoredDecimal(record.price),
      wholesale_price: toStoredDecimalOrNull(record.wholesalePrice),
      manufacturer: text(record.manufacturer),
      weight: toStoredDecimalOrNull(record.weight),
      active: record.active === false ? 0 : 1,
    };
  } catch (error) {
    return fail((error as Error).message);
  }
  const variants = record.variants.map((variant, index) => normalizeVariant(externalId, variant, index + 1));
  const codes = {
    taxRate: text(record.taxRate),
    family: text(record.family),
    unitOfMeasure: text(record.unitOfMeasure),
  };
  const archived = record.archived === true;
  return {
    externalId,
    externalUpdatedAt: record.externalUpdatedAt ?? null,
    codes,
    columns,
    archived,
    variants,
    // Objects built above in a fixed key order, so plain JSON is canonical. Store ids are left out:
    // the same content imported from two stores hashes the same.
    hash: hashText(JSON.stringify([columns, codes, archived, variants.map((variant) => variant.columns)])),
  };
}
