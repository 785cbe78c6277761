import type { DecimalInput } from '../decimal.js';

/** `combinations`: one variant per combination; `kit`: a pack sold as a bill of materials. */
export type ProductKind = 'simple' | 'combinations' | 'kit' | 'virtual';

export const PRODUCT_KINDS: readonly ProductKind[] = ['simple', 'combinations', 'kit', 'virtual'];

/** Text per language, keyed by ISO code (`{ en: 'Mug', fr: 'Tasse' }`). */
export type LocalizedText = Readonly<Record<string, string>>;

/** One attribute of a variant, e.g. `{ name: { en: 'Size' }, value: { en: 'M' } }`. */
export interface VariantAttribute {
  readonly name: LocalizedText;
  readonly value: LocalizedText;
}

/** A variant as a feed hands it in (mapped from the store's combination, or the product itself). */
export interface VariantRecord {
  /** Convention: `<product id>:<combination id>`, `12:0` for a product without combinations. */
  readonly externalId: string | number;
  readonly sku?: string | null;
  /** EAN-13 (or another GTIN). */
  readonly barcode?: string | null;
  readonly upc?: string | null;
  readonly isbn?: string | null;
  readonly mpn?: string | null;
  readonly attributes?: readonly VariantAttribute[];
  /** Added to the product price (excl. tax). */
  readonly priceImpact?: DecimalInput;
  readonly wholesalePrice?: DecimalInput | null;
  readonly weightImpact?: DecimalInput | null;
  readonly active?: boolean;
}

/** A product as a feed hands it in. Codes name master data (created beforehand). */
export interface ProductRecord {
  readonly externalId: string | number;
  /** The store's `date_upd`, as a UTC instant. */
  readonly externalUpdatedAt?: string | null;
  readonly kind: ProductKind;
  /** The name in the hub's default language (what lists and searches show). */
  readonly name: string;
  readonly names?: LocalizedText;
  readonly description?: LocalizedText;
  readonly summary?: LocalizedText;
  readonly reference?: string | null;
  readonly ean13?: string | null;
  readonly upc?: string | null;
  readonly isbn?: string | null;
  readonly mpn?: string | null;
  /** Price excluding tax. */
  readonly price: DecimalInput;
  readonly wholesalePrice?: DecimalInput | null;
  /** Tax-rate code. */
  readonly taxRate?: string | null;
  /** Family code. */
  readonly family?: string | null;
  /** Unit-of-measure code. */
  readonly unitOfMeasure?: string | null;
  readonly manufacturer?: string | null;
  readonly weight?: DecimalInput | null;
  readonly active?: boolean;
  /** In the store's trash, or deleted there: kept in the hub, marked archived. */
  readonly archived?: boolean;
  /** At least one; exactly one unless `kind` is `combinations`. */
  readonly variants: readonly VariantRecord[];
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertedItem {
  readonly externalId: string;
  readonly localId: number;
  readonly outcome: UpsertOutcome;
}

export interface UpsertCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** What a bulk upsert did, per record (in input order) and in total. */
export interface UpsertResult {
  readonly items: readonly UpsertedItem[];
  readonly counts: UpsertCounts;
}

export interface ProductUpsertResult extends UpsertResult {
  /** Local id of every variant of the page, by its external id. */
  readonly variantIds: ReadonlyMap<string, number>;
  /** Store products new to the store that were bound to a hub product (`catalog.matchBy`), by external id. */
  readonly matched?: ReadonlyMap<string, number>;
  /** Matches refused: the store record got a hub record of its own. */
  readonly conflicts?: readonly CatalogConflict[];
}

/** A store record that matched a hub record it could not be bound to (reported, never merged blindly). */
export interface CatalogConflict {
  /** The store product's id. */
  readonly externalId: string;
  readonly message: string;
}

/** Options of {@link CatalogRepository.upsertProducts}. */
export interface ProductUpsertOptions {
  /** Bind products new to the store to the hub product with the same reference or EAN-13 (default none). */
  readonly matchBy?: 'reference' | 'ean13' | 'none';
}

export interface Variant {
  readonly id: number;
  readonly productId: number;
  readonly position: number;
  readonly sku: string | null;
  /** The hub made the SKU up (the store gave none, or one another variant has). */
  readonly skuDerived: boolean;
  readonly barcode: string | null;
  readonly upc: string | null;
  readonly isbn: string | null;
  readonly mpn: string | null;
  readonly attributes: readonly VariantAttribute[];
  readonly priceImpact: string;
  readonly wholesalePrice: string | null;
  readonly weightImpact: string | null;
  readonly active: boolean;
}

export interface Product {
  readonly id: number;
  readonly kind: ProductKind;
  readonly name: string;
  readonly names: LocalizedText;
  readonly description: LocalizedText;
  readonly summary: LocalizedText;
  readonly reference: string | null;
  readonly ean13: string | null;
  readonly upc: string | null;
  readonly isbn: string | null;
  readonly mpn: string | null;
  readonly price: string;
  readonly wholesalePrice: string | null;
  readonly taxRate: string | null;
  readonly family: string | null;
  readonly unitOfMeasure: string | null;
  readonly manufacturer: string | null;
  readonly weight: string | null;
  readonly active: boolean;
  readonly archivedAt: string | null;
  readonly contentHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly variants: readonly Variant[];
  readonly categoryIds: readonly number[];
}

/** One row of `products list`: a variant with what identifies and prices it. */
export interface VariantListItem {
  readonly variantId: number;
  readonly productId: number;
  readonly sku: string | null;
  /** The hub made the SKU up. */
  readonly skuDerived: boolean;
  readonly barcode: string | null;
  /** Product name in the default language, with the variant's attribute values. */
  readonly name: string;
  /** Product price + variant impact, excl. tax. */
  readonly price: string;
  readonly family: string | null;
  readonly active: boolean;
  /** Stores the variant is bound to. */
  readonly storeIds: readonly number[];
}

export interface VariantListQuery {
  readonly storeId?: number;
  /** Matches SKU, barcode, product name or reference (case-insensitive, anywhere in the text). */
  readonly search?: string;
  readonly afterVariantId?: number;
  readonly limit?: number;
}

/** What export-products must do for one product and store. */
export interface ExportCandidate {
  readonly productId: number;
  readonly status: 'add-to-store' | 'update-store';
  /** The store's id of the product when bound. */
  readonly externalId: string | null;
  readonly contentHash: string;
}

export interface CategoryRecord {
  readonly externalId: string | number;
  /** The parent's external id; null or unknown for a root. */
  readonly parentExternalId?: string | number | null;
  readonly name: string;
  readonly names?: LocalizedText;
  readonly position?: number;
  readonly active?: boolean;
}

/** A category of one store's tree, as {@link CatalogRepository.storeCategories} returns it. */
export interface StoreCategory {
  readonly id: number;
  readonly parentId: number | null;
  readonly name: string;
  readonly names: LocalizedText;
  readonly position: number;
  readonly active: boolean;
  /** The store's id of the category. */
  readonly externalId: string;
  /** The store's id of the parent, when the parent is bound to the same store. */
  readonly parentExternalId: string | null;
  /** The category was deleted in the store (kept in the hub). */
  readonly deletedInStore: boolean;
}

export interface SupplierRecord {
  readonly externalId: string | number;
  readonly name: string;
}

export interface ProductSupplierLink {
  readonly variantId: number;
  readonly supplierId: number;
  readonly reference?: string | null;
  readonly price?: DecimalInput | null;
  readonly currency?: string | null;
}

export interface KitComponentInput {
  readonly variantId: number;
  readonly quantity: number;
}

export interface ProductImageInput {
  /** The blob's hash from {@link CatalogRepository.storeImage}. */
  readonly hash: string;
  readonly position?: number;
  readonly cover?: boolean;
  /** Variants this image illustrates. */
  readonly variantIds?: readonly number[];
}

/** A variant of a product created or edited in the hub (`products add`, `POST /products`). */
export interface HubVariantInput {
  /** When editing: an existing variant of the product (absent: a new variant). */
  readonly id?: number;
  /** Empty or absent: the hub derives one (the product reference with the attribute values). */
  readonly sku?: string | null;
  /** EAN-13; unique in the hub. */
  readonly barcode?: string | null;
  readonly attributes?: readonly VariantAttribute[];
  /** Added to the product price (excl. tax). */
  readonly priceImpact?: DecimalInput;
  readonly wholesalePrice?: DecimalInput | null;
  readonly weightImpact?: DecimalInput | null;
  readonly active?: boolean;
}

/** A product created in the hub; codes name master data. */
export interface HubProductInput {
  /** Default: `kit` with components, `combinations` with several variants or attributes, else `simple`. */
  readonly kind?: ProductKind;
  readonly name: string;
  readonly names?: LocalizedText;
  readonly description?: LocalizedText;
  readonly summary?: LocalizedText;
  /** Needed to create the product in a store (the export finds it again by reference). */
  readonly reference?: string | null;
  readonly ean13?: string | null;
  /** Price excluding tax. */
  readonly price: DecimalInput;
  readonly wholesalePrice?: DecimalInput | null;
  readonly taxRate?: string | null;
  readonly family?: string | null;
  readonly unitOfMeasure?: string | null;
  readonly manufacturer?: string | null;
  readonly weight?: DecimalInput | null;
  readonly active?: boolean;
  /** Default: one variant without attributes. */
  readonly variants?: readonly HubVariantInput[];
  /** Bill of materials (kits): component variants by hub id, with whole quantities. */
  readonly components?: readonly KitComponentInput[];
}

/**
 * Changes to a product: fields given replace the product's. `variants`, when given, is the whole
 * list: listed ones (with `id`) are updated, new ones (without) added, unlisted ones deactivated.
 * `components`, when given, replaces the bill of materials.
 */
export type HubProductPatch = Partial<HubProductInput>;
