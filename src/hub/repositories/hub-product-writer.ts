import type { Kysely } from 'kysely';

import { bulkInsert, inList } from '../bulk-sql.js';
import { type HubContext, nowIso } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';
import type { HubDatabase } from '../schema/hub-database.js';
import type {
  HubProductInput,
  HubProductPatch,
  HubVariantInput,
  Product,
  ProductKind,
  ProductRecord,
  VariantRecord,
} from './catalog.types.js';
import { assignSkus } from './derived-sku.js';
import { codeColumns, resolveProductCodes } from './product-codes.js';
import { normalizeProduct } from './product-record.js';

/** The product a hub edit starts from: its fields and variants as they are. */
function inputOf(product: Product): HubProductInput {
  return {
    kind: product.kind,
    name: product.name,
    names: product.names,
    description: product.description,
    summary: product.summary,
    reference: product.reference,
    ean13: product.ean13,
    price: product.price,
    wholesalePrice: product.wholesalePrice,
    taxRate: product.taxRate,
    family: product.family,
    unitOfMeasure: product.unitOfMeasure,
    manufacturer: product.manufacturer,
    weight: product.weight,
    active: product.active,
    variants: product.variants.map((variant) => ({
      id: variant.id,
      // A SKU the hub derived stays the hub's to keep: it is not the user's own.
      sku: variant.skuDerived ? null : variant.sku,
      barcode: variant.barcode,
      attributes: variant.attributes,
      priceImpact: variant.priceImpact,
      wholesalePrice: variant.wholesalePrice,
      weightImpact: variant.weightImpact,
      active: variant.active,
    })),
  };
}

function withoutKind(input: HubProductInput): HubProductInput {
  const { kind: _kind, ...rest } = input;
  return rest;
}

function kindOf(input: HubProductInput, variants: readonly HubVariantInput[]): ProductKind {
  if (input.kind !== undefined) return input.kind;
  if ((input.components?.length ?? 0) > 0) return 'kit';
  const live = variants.filter((variant) => variant.active !== false);
  if (live.length > 1 || live.some((variant) => (variant.attributes?.length ?? 0) > 0)) return 'combinations';
  return 'simple';
}

/**
 * Merges a patch over a product: fields given replace; `variants` given is the whole list (listed
 * ones updated, new ones added, the others kept but deactivated).
 */
export function mergeHubPatch(product: Product, patch: HubProductPatch): HubProductInput {
  const base = inputOf(product);
  const { variants: patched, ...fields } = patch;
  let variants = base.variants ?? [];
  if (patched !== undefined) {
    const current = new Map(variants.map((variant) => [variant.id, variant]));
    for (const variant of patched) {
      if (variant.id !== undefined && !current.has(variant.id))
        throw new InvalidRecordError(
          `product ${product.id}: it has no variant ${variant.id} (its variants: ${[...current.keys()].join(', ')}).`,
        );
    }
    // The product's variants keep their order (updated, or deactivated when not listed); new ones follow.
    const byId = new Map(
      patched.flatMap((variant) => (variant.id === undefined ? [] : [[variant.id, variant]])),
    );
    variants = [
      ...variants.map((variant) => {
        const change = variant.id === undefined ? undefined : byId.get(variant.id);
        return change === undefined ? { ...variant, active: false } : { ...variant, ...change };
      }),
      ...patched.filter((variant) => variant.id === undefined),
    ];
  }
  const merged: HubProductInput = { ...base, ...fields, variants };
  // A simple product given a second variant becomes a product with combinations.
  const kind =
    patch.kind ??
    (base.kind === 'simple' && kindOf(withoutKind(merged), variants) === 'combinations'
      ? 'combinations'
      : base.kind);
  return { ...merged, ...(kind === undefined ? {} : { kind }) };
}

/**
 * Creates (no `productId`) or rewrites a product of the hub from a whole input: product row (marked
 * `hub_owned` when created), variants with SKUs decided by {@link assignSkus} (the user's own when
 * unique, derived otherwise), barcodes checked unique. The content hash changes with the content,
 * so export-products sees the product as to add to, or update in, each store that takes the hub's
 * products. Returns the product id; the caller sets kit components.
 */
export async function writeHubProduct(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  input: HubProductInput,
  productId?: number,
): Promise<{ productId: number; variantIds: number[] }> {
  const variants: readonly HubVariantInput[] = input.variants?.length ? input.variants : [{}];
  const kind = kindOf(input, variants);
  const label = productId === undefined ? 'new product' : String(productId);
  // The one variant of a simple product is the product: its SKU and barcode default to the
  // product's reference and EAN-13, as an import from a store makes them.
  const single = variants.length === 1 && kind !== 'combinations';
  const variantRecords: VariantRecord[] = variants.map((variant, index) => ({
    externalId: variant.id === undefined ? `new:${index}` : `id:${variant.id}`,
    sku: variant.sku ?? (single ? (input.reference ?? null) : null),
    barcode: variant.barcode ?? (single ? (input.ean13 ?? null) : null),
    attributes: variant.attributes ?? [],
    priceImpact: variant.priceImpact ?? 0,
    wholesalePrice: variant.wholesalePrice ?? null,
    weightImpact: variant.weightImpact ?? null,
    active: variant.active !== false,
  }));
  const record: ProductRecord = {
    externalId: label,
    kind,
    name: input.name,
    names: input.names ?? {},
    description: input.description ?? {},
    summary: input.summary ?? {},
    reference: input.reference ?? null,
    ean13: input.ean13 ?? null,
    price: input.price,
    wholesalePrice: input.wholesalePrice ?? null,
    taxRate: input.taxRate ?? null,
    family: input.family ?? null,
    unitOfMeasure: input.unitOfMeasure ?? null,
    manufacturer: input.manufacturer ?? null,
    weight: input.weight ?? null,
    active: input.active !== false,
    // Inactive variants are kept, but a simple product still has exactly one live one.
    variants: variantRecords,
  };
  // A simple product keeps its old variants deactivated when given new ones: it has combinations now.
  const kindName = kind === 'simple' && variantRecords.length > 1 ? 'combinations' : kind;
  const normalized = normalizeProduct({ ...record, kind: kindName });
  const codeIds = await resolveProductCodes(ctx, db, [normalized]);
  const now = nowIso(ctx);

  const barcodes = normalized.variants.flatMap((variant) =>
    variant.columns.barcode === null ? [] : [variant.columns.barcode],
  );
  if (new Set(barcodes).size !== barcodes.length)
    throw new InvalidRecordError(`product ${label}: two of its variants have the same barcode.`);
  const ownIds = variants.flatMap((variant) => (variant.id === undefined ? [] : [variant.id]));
  if (barcodes.length > 0) {
    const taken = await db
      .selectFrom('variants')
      .select(['id', 'barcode'])
      .where(inList(ctx.engine.kind, 'barcode', barcodes))
      .execute();
    const other = taken.find((row) => !ownIds.includes(row.id));
    if (other !== undefined)
      throw new InvalidRecordError(`Barcode ${other.barcode} already belongs to variant ${other.id}.`);
  }

  const id = productId ?? (await ctx.engine.allocateIds(db, 'products', 1))[0] ?? 0;
  const row = {
    ...normalized.columns,
    kind: kindName,
    ...codeColumns(normalized, codeIds),
    archived_at: null,
    content_hash: normalized.hash,
    updated_at: now,
  };
  if (productId === undefined) {
    await db
      .insertInto('products')
      .values({ id, ...row, hub_owned: 1, created_at: now })
      .execute();
  } else {
    const updated = await db.updateTable('products').set(row).where('id', '=', id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new NotFoundError(`No product with id ${id}.`);
  }

  const fresh = variants.filter((variant) => variant.id === undefined).length;
  const allocated = fresh === 0 ? [] : await ctx.engine.allocateIds(db, 'variants', fresh);
  let next = 0;
  const variantIds = variants.map((variant) => variant.id ?? allocated[next++] ?? 0);
  const skus = await assignSkus(
    ctx,
    db,
    normalized.variants.map((variant, index) => ({
      variantId: variantIds[index] ?? 0,
      productId: id,
      own: variant.columns.sku,
      productReference: normalized.columns.reference,
      attributes: variant.columns.attributes,
    })),
  );
  const rows = normalized.variants.map((variant, index) => {
    const variantId = variantIds[index] ?? 0;
    const sku = skus.get(variantId);
    return {
      id: variantId,
      product_id: id,
      ...variant.columns,
      sku: sku?.sku ?? variant.columns.sku,
      sku_derived: sku?.derived === true ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
  });
  await bulkInsert(db, ctx.engine, 'variants', rows, {
    conflict: ['id'],
    update: [
      'position',
      'sku',
      'sku_derived',
      'barcode',
      'upc',
      'isbn',
      'mpn',
      'attributes',
      'price_impact',
      'wholesale_price',
      'weight_impact',
      'active',
      'updated_at',
    ],
  });
  return { productId: id, variantIds };
}
