import {
  type CatalogConflict,
  type HubTransaction,
  InvalidRecordError,
  type KitComponentInput,
  type ProductRecord,
  type ProductUpsertResult,
  type Store,
  type UpsertedItem,
} from '../../hub/index.js';
import type { FeedNotice, PageTally } from '../feed.js';
import { type BundleItem, type MappedProduct, variantExternalId } from './map-product.js';

/**
 * What a committed page leaves to do: packs whose components are not in the hub yet; and what to
 * report: store products that matched a hub product they could not be bound to (`catalog.matchBy`).
 */
export interface PageWriteOutcome {
  readonly pendingKits: readonly number[];
  readonly conflicts: readonly CatalogConflict[];
}

/** Reports catalog match conflicts as notices (kind `catalog-conflict`, one per store product). */
export function reportConflicts(
  conflicts: readonly CatalogConflict[],
  notice: (notice: FeedNotice) => void,
): void {
  for (const conflict of conflicts)
    notice({ kind: 'catalog-conflict', key: conflict.externalId, message: conflict.message });
}

/**
 * Writes a page of mapped products in the caller's transaction: products and variants (a product
 * the hub refuses is reported and the rest of the page still goes in), generated barcodes kept,
 * product categories (when categories are synced), and the bills of materials of packs whose
 * components are all in the hub. Counts go to `tally`.
 */
export async function writeProducts(
  tx: HubTransaction,
  tally: PageTally,
  store: Store,
  mapped: readonly MappedProduct[],
): Promise<PageWriteOutcome> {
  if (mapped.length === 0) return { pendingKits: [], conflicts: [] };
  const records = store.settings.extras.autoCreateBarcodes
    ? await keepGeneratedBarcodes(tx, store.id, mapped)
    : mapped.map((product) => product.record);
  const result = await upsertIsolating(tx, store, records, tally);
  tally.created(result.counts.created);
  tally.updated(result.counts.updated);
  tally.unchanged(result.counts.unchanged);
  const written = new Map(result.items.map((item) => [item.externalId, item.localId]));
  const kept = mapped.filter((product) => written.has(String(product.record.externalId)));
  if (store.settings.extras.syncCategories) await linkCategories(tx, store.id, kept, written);
  const kits = kept.flatMap((product) => {
    const productId = Number(product.record.externalId);
    const kitVariantId = result.variantIds.get(variantExternalId(productId, 0));
    return product.bundle.length > 0 && kitVariantId !== undefined
      ? [{ productId, kitVariantId, bundle: product.bundle }]
      : [];
  });
  const resolved = await resolveKits(tx, store.id, kits);
  const pendingKits = resolved.filter((kit) => kit.missing.length > 0).map((kit) => kit.productId);
  await tx.catalog.setKitComponents(resolved.filter((kit) => kit.missing.length === 0));
  return { pendingKits, conflicts: result.conflicts ?? [] };
}

/**
 * Sets the bills of materials of packs left pending by earlier pages (their components came later in
 * the sweep). A component still missing is reported in a notice; the pack keeps no components.
 */
export async function writePendingKits(
  tx: HubTransaction,
  store: Store,
  packs: readonly { readonly productId: number; readonly bundle: readonly BundleItem[] }[],
  notice: (notice: FeedNotice) => void,
): Promise<void> {
  const kitVariants = await tx.catalog.variantIdsByExternal(
    store.id,
    packs.map((pack) => variantExternalId(pack.productId, 0)),
  );
  const kits = packs.flatMap((pack) => {
    const kitVariantId = kitVariants.get(variantExternalId(pack.productId, 0));
    return kitVariantId === undefined ? [] : [{ ...pack, kitVariantId }];
  });
  const resolved = await resolveKits(tx, store.id, kits);
  await tx.catalog.setKitComponents(resolved.filter((kit) => kit.missing.length === 0));
  for (const { productId, missing } of resolved) {
    if (missing.length === 0) continue;
    const names = missing.map(
      (item) =>
        `product ${item.productId}${item.combinationId === 0 ? '' : ` combination ${item.combinationId}`}`,
    );
    notice({
      kind: 'kit-components',
      key: String(productId),
      message:
        `Pack ${productId}: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not in the hub ` +
        '(not in the store, or not importable), so its bill of materials is not set.',
    });
  }
}

/** A pack's bill of materials resolved to hub variants: the components found, and those not in the hub. */
interface ResolvedKit {
  readonly productId: number;
  readonly kitVariantId: number;
  readonly components: KitComponentInput[];
  readonly missing: BundleItem[];
}

/**
 * Hub variant ids of the packs' components, in one look-up for all of them (a page can hold hundreds
 * of packs: one query each cost more than the page's products). A pack named twice keeps its last
 * bill of materials, as writing them one after another did.
 */
async function resolveKits(
  tx: HubTransaction,
  storeId: number,
  kits: readonly { productId: number; kitVariantId: number; bundle: readonly BundleItem[] }[],
): Promise<ResolvedKit[]> {
  if (kits.length === 0) return [];
  const ids = await tx.catalog.variantIdsByExternal(
    storeId,
    kits.flatMap((kit) => kit.bundle.map((item) => variantExternalId(item.productId, item.combinationId))),
  );
  const byKit = new Map<number, ResolvedKit>();
  for (const kit of kits) {
    const components: KitComponentInput[] = [];
    const missing: BundleItem[] = [];
    for (const item of kit.bundle) {
      const variantId = ids.get(variantExternalId(item.productId, item.combinationId));
      if (variantId === undefined) missing.push(item);
      else components.push({ variantId, quantity: item.quantity });
    }
    byKit.delete(kit.kitVariantId);
    byKit.set(kit.kitVariantId, {
      productId: kit.productId,
      kitVariantId: kit.kitVariantId,
      components,
      missing,
    });
  }
  return [...byKit.values()];
}

/** Upserts a page; when the hub refuses a record, the page is written record by record to isolate it. */
async function upsertIsolating(
  tx: HubTransaction,
  store: Store,
  records: readonly ProductRecord[],
  tally: PageTally,
): Promise<ProductUpsertResult> {
  const options = { matchBy: store.settings.catalog.matchBy };
  try {
    return await tx.catalog.upsertProducts(store.id, records, options);
  } catch (error) {
    // The hub checks a page before it writes anything, so the transaction is still clean here.
    if (!(error instanceof InvalidRecordError)) throw error;
  }
  const items: UpsertedItem[] = [];
  const variantIds = new Map<string, number>();
  const conflicts: CatalogConflict[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const record of records) {
    try {
      const one = await tx.catalog.upsertProducts(store.id, [record], options);
      items.push(...one.items);
      conflicts.push(...(one.conflicts ?? []));
      for (const [key, value] of one.variantIds) variantIds.set(key, value);
      counts.created += one.counts.created;
      counts.updated += one.counts.updated;
      counts.unchanged += one.counts.unchanged;
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      tally.failed(record.externalId, error.message);
    }
  }
  return { items, variantIds, counts, conflicts };
}

/**
 * Barcodes the hub generated for variants the store has none for are kept when the product is
 * written again (the store still has none; a barcode must not change).
 */
async function keepGeneratedBarcodes(
  tx: HubTransaction,
  storeId: number,
  mapped: readonly MappedProduct[],
): Promise<ProductRecord[]> {
  const withoutBarcode = mapped.flatMap((product) =>
    product.record.variants
      .filter((variant) => !variant.barcode)
      .map((variant) => String(variant.externalId)),
  );
  if (withoutBarcode.length === 0) return mapped.map((product) => product.record);
  const localIds = await tx.catalog.variantIdsByExternal(storeId, withoutBarcode);
  const variants = await tx.catalog.variants([...localIds.values()]);
  const kept = new Map<string, string>();
  for (const [externalId, localId] of localIds) {
    const barcode = variants.get(localId)?.barcode;
    if (barcode) kept.set(externalId, barcode);
  }
  if (kept.size === 0) return mapped.map((product) => product.record);
  return mapped.map(({ record }) => ({
    ...record,
    variants: record.variants.map((variant) => {
      const barcode = variant.barcode ? undefined : kept.get(String(variant.externalId));
      return barcode === undefined ? variant : { ...variant, barcode };
    }),
  }));
}

/** Files each product under the hub copies of its store categories (those imported so far). */
async function linkCategories(
  tx: HubTransaction,
  storeId: number,
  products: readonly MappedProduct[],
  localIds: ReadonlyMap<string, number>,
): Promise<void> {
  const categoryIds = [...new Set(products.flatMap((product) => product.categoryIds))];
  const bound = await tx.bindings.resolve(storeId, 'categories', categoryIds);
  const links = products.flatMap((product) => {
    const productId = localIds.get(String(product.record.externalId));
    if (productId === undefined) return [];
    const categories = product.categoryIds.flatMap((id) => {
      const binding = bound.get(String(id));
      return binding === undefined || binding.deletedAt !== null ? [] : [binding.localId];
    });
    return [{ productId, categoryIds: categories }];
  });
  await tx.catalog.setProductCategories(links);
}
