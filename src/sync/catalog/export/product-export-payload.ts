import { z } from 'zod';

import type { LocalizedText, Product, StoreLanguage, Variant } from '../../../hub/index.js';

/**
 * The payload of a `product` outbox entry: everything the handler writes, computed from the hub
 * when the change was queued, so that the outbox shows what was sent and a rerun of the feed
 * compares against it.
 */

/** Text for a store: one per store language id, or one text for every language. */
const storeText = z.union([z.string(), z.record(z.string().regex(/^\d+$/), z.string())]);

const variantPayload = z.strictObject({
  variantId: z.int().min(1),
  /** The store's combination id when bound, 0 for the product itself, null to create. */
  combinationId: z.int().min(0).nullable(),
  /** Finds a combination already in the store (a retry after an unconfirmed write). */
  reference: z.string().nullable(),
  /** Combination fields: every field for a new one, the chosen ones for an update. */
  fields: z.record(z.string(), z.string()),
  /** Attribute groups and values of a new combination, in store languages. */
  attributes: z.array(z.strictObject({ group: storeText, value: storeText })),
  /** Sellable quantity for `stock_availables`, or null to leave the stock alone. */
  quantity: z.int().min(0).nullable(),
});

export const productExportPayloadSchema = z
  .strictObject({
    op: z.enum(['create', 'update']),
    productId: z.int().min(1),
    /** The store's product id (update), or null (create). */
    externalId: z.int().min(1).nullable(),
    /**
     * `both` mode: the store product's `date_upd` (UTC) when the plan was made. A product changed
     * in the store since is not overwritten (it is a conflict now); null: the hub wins whatever happened.
     */
    storeUpdatedAt: z.string().nullable(),
    /** The hub content hash this change carries; the binding gets it once delivered. */
    contentHash: z.string().min(1),
    /** Name and reference, for the console and the messages. */
    label: z.string(),
    /** A created product is looked up by it first, so that a retry never creates it twice. */
    reference: z.string().nullable(),
    /** Product fields: everything a new product needs, or the chosen fields of an update. */
    fields: z.record(z.string(), storeText),
    /** Store category ids of a new product (empty: the store's home category). */
    categoryIds: z.array(z.int().min(1)),
    variants: z.array(variantPayload),
  })
  .refine((payload) => payload.op === 'create' || payload.externalId !== null, {
    message: 'an update names the store product (externalId)',
  });

export type ProductExportPayload = z.output<typeof productExportPayloadSchema>;
export type VariantExportPayload = ProductExportPayload['variants'][number];
export type StoreText = z.output<typeof storeText>;

/** Checks a stored payload (the handler's `decode`). */
export function decodeProductExportPayload(payload: unknown): ProductExportPayload {
  const result = productExportPayloadSchema.safeParse(payload);
  if (!result.success) throw new Error(z.prettifyError(result.error));
  return result.data;
}

/** Which product fields an update writes (the store's "export product fields"). */
export interface ChosenFields {
  readonly price: boolean;
  readonly wholesalePrice: boolean;
}

/** What the payload builders need to know about the store and the hub's state for it. */
export interface PayloadContext {
  readonly languages: readonly StoreLanguage[];
  readonly fields: ChosenFields;
  /** Sellable quantity per variant when quantities are exported (absent: leave the stock alone). */
  readonly quantities: ReadonlyMap<number, number>;
  /** The store's combination id of each bound variant (0: the product itself). */
  readonly combinationIds: ReadonlyMap<number, number>;
  /** Store category ids of the product. */
  readonly categoryIds: readonly number[];
}

/** Hub text per ISO code → store text per language id (the hub's default name where a language is missing). */
export function toStoreText(
  text: LocalizedText,
  fallback: string,
  languages: readonly StoreLanguage[],
): StoreText {
  if (languages.length === 0) return text.en ?? Object.values(text)[0] ?? fallback;
  return Object.fromEntries(
    languages.map((language) => [String(language.id), text[language.iso] ?? fallback]),
  );
}

/** A URL slug PrestaShop accepts (`isLinkRewrite`: letters, digits, `-`, `_`). */
export function linkRewrite(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 128);
  return slug === '' ? 'product' : slug;
}

/** A product name as a label: `"Mug" (MUG-1)`. */
export function productLabel(product: Pick<Product, 'name' | 'reference'>): string {
  return `"${product.name}"${product.reference === null ? '' : ` (${product.reference})`}`;
}

/** Why a hub product cannot be created in the store, or null. */
export function whyNotCreatable(product: Pick<Product, 'kind' | 'reference'>): string | null {
  if (product.reference === null) {
    return 'no reference: a product is created in the store only with a reference, so that a retry finds it instead of creating it twice';
  }
  if (product.reference.includes('|') || product.reference.includes(']')) {
    return `its reference '${product.reference}' holds '|' or ']', which the webservice cannot search for`;
  }
  if (product.kind === 'kit')
    return 'a pack is not created by the export: create it in the store, with the same reference, and it is linked';
  return null;
}

/** The product codes that are set (an empty code is not sent). */
function identifiers(
  codes: Readonly<Record<'ean13' | 'upc' | 'isbn' | 'mpn', string | null>>,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(codes)) if (value !== null) fields[name] = value;
  return fields;
}

function variantQuantity(variant: Variant, context: PayloadContext): number | null {
  return context.quantities.get(variant.id) ?? null;
}

function newCombination(variant: Variant, first: boolean, context: PayloadContext) {
  return {
    variantId: variant.id,
    combinationId: null,
    reference: variant.sku,
    fields: {
      ...(variant.sku === null ? {} : { reference: variant.sku }),
      ...identifiers({ ean13: variant.barcode, upc: variant.upc, isbn: variant.isbn, mpn: variant.mpn }),
      price: variant.priceImpact,
      wholesale_price: variant.wholesalePrice ?? '0',
      weight: variant.weightImpact ?? '0',
      minimal_quantity: '1',
      // Empty, not '0', for the others: PrestaShop keeps one default per product (NULL elsewhere).
      default_on: first ? '1' : '',
    },
    attributes: variant.attributes.map((attribute) => ({
      group: toStoreText(attribute.name, Object.values(attribute.name)[0] ?? '', context.languages),
      value: toStoreText(attribute.value, Object.values(attribute.value)[0] ?? '', context.languages),
    })),
    quantity: variantQuantity(variant, context),
  } satisfies VariantExportPayload;
}

/** The only variant of a product without combinations: the product's own row (combination 0). */
function productRow(variant: Variant, context: PayloadContext): VariantExportPayload {
  return {
    variantId: variant.id,
    combinationId: 0,
    reference: null,
    fields: {},
    attributes: [],
    quantity: variantQuantity(variant, context),
  };
}

/** The price fields an update sends: those chosen for export (no wholesale price when the hub has none). */
function chosenPrices(
  price: string,
  wholesalePrice: string | null,
  context: PayloadContext,
): Record<string, string> {
  return {
    ...(context.fields.price ? { price } : {}),
    ...(context.fields.wholesalePrice && wholesalePrice !== null ? { wholesale_price: wholesalePrice } : {}),
  };
}

function activeVariants(product: Product): Variant[] {
  return product.variants.filter((variant) => variant.active);
}

/**
 * A new product with its combinations: every field the store needs, from the hub's product.
 *
 * @example
 * buildCreatePayload(product, { languages, fields, quantities, combinationIds: new Map(), categoryIds: [3] });
 */
export function buildCreatePayload(product: Product, context: PayloadContext): ProductExportPayload {
  const name = toStoreText(product.names, product.name, context.languages);
  const slugs = toStoreText(
    Object.fromEntries(Object.entries(product.names).map(([iso, text]) => [iso, linkRewrite(text)])),
    linkRewrite(product.name),
    context.languages,
  );
  const description = Object.keys(product.description).length > 0;
  const summary = Object.keys(product.summary).length > 0;
  const fields: Record<string, StoreText> = {
    name,
    link_rewrite: slugs,
    ...(product.reference === null ? {} : { reference: product.reference }),
    ...identifiers({ ean13: product.ean13, upc: product.upc, isbn: product.isbn, mpn: product.mpn }),
    price: product.price,
    wholesale_price: product.wholesalePrice ?? '0',
    ...(product.weight === null ? {} : { weight: product.weight }),
    active: product.active ? '1' : '0',
    is_virtual: product.kind === 'virtual' ? '1' : '0',
    state: '1',
    minimal_quantity: '1',
    visibility: 'both',
    condition: 'new',
    available_for_order: '1',
    show_price: '1',
    ...(description ? { description: toStoreText(product.description, '', context.languages) } : {}),
    ...(summary ? { description_short: toStoreText(product.summary, '', context.languages) } : {}),
  };
  const variants =
    product.kind === 'combinations'
      ? activeVariants(product).map((variant, index) => newCombination(variant, index === 0, context))
      : product.variants.slice(0, 1).map((variant) => productRow(variant, context));
  return {
    op: 'create',
    productId: product.id,
    externalId: null,
    storeUpdatedAt: null,
    contentHash: product.contentHash,
    label: productLabel(product),
    reference: product.reference,
    fields,
    categoryIds: [...context.categoryIds],
    variants,
  };
}

/**
 * An update of a product already in the store: only the chosen fields (price, wholesale price)
 * of the product and of its bound combinations, the quantities when exported, and the
 * combinations the hub has and the store does not yet. `store.updatedAt` guards against
 * overwriting a change made in the store after the plan (`both` mode; null in `hub` mode).
 */
export function buildUpdatePayload(
  product: Product,
  store: { readonly externalId: number; readonly updatedAt: string | null },
  context: PayloadContext,
): ProductExportPayload {
  const fields = chosenPrices(product.price, product.wholesalePrice, context);
  const variants: VariantExportPayload[] = [];
  if (product.kind === 'combinations') {
    for (const variant of activeVariants(product)) {
      const combinationId = context.combinationIds.get(variant.id);
      if (combinationId === undefined || combinationId === 0) {
        // Added to a product that already has its default combination.
        variants.push(newCombination(variant, false, context));
        continue;
      }
      variants.push({
        variantId: variant.id,
        combinationId,
        reference: variant.sku,
        fields: chosenPrices(variant.priceImpact, variant.wholesalePrice, context),
        attributes: [],
        quantity: variantQuantity(variant, context),
      });
    }
  } else {
    const variant = product.variants[0];
    if (variant !== undefined) variants.push(productRow(variant, context));
  }
  return {
    op: 'update',
    productId: product.id,
    externalId: store.externalId,
    storeUpdatedAt: store.updatedAt,
    contentHash: product.contentHash,
    label: productLabel(product),
    reference: product.reference,
    fields,
    categoryIds: [...context.categoryIds],
    variants,
  };
}
