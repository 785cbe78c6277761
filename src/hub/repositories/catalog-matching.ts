import { type Kysely, sql } from 'kysely';

import { chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { type HubContext, parseJson } from '../hub-context.js';
import type { HubDatabase } from '../schema/hub-database.js';
import type { CatalogMatch } from '../settings/store-settings.js';
import { resolveBindings, upsertBindings } from './binding.repository.js';
import type { CatalogConflict, LocalizedText, VariantAttribute } from './catalog.types.js';
import type { NormalizedProduct } from './product-record.js';

/** What {@link matchStoreProducts} did: store products bound to existing hub products, and conflicts. */
export interface CatalogMatchOutcome {
  /** Store product external id → the hub product it was bound to. */
  readonly matched: Map<string, number>;
  readonly conflicts: CatalogConflict[];
}

/**
 * The PostgreSQL advisory lock (`pg_advisory_xact_lock(space, 0)`) a page with store products new to
 * its store holds while it matches and binds them: stores sharing a catalog that import at once would
 * otherwise each find no hub product yet and create one apiece. SQLite has one writer at a time.
 */
const CATALOG_MATCH_LOCK_SPACE = 7402;

interface HubVariantRow {
  readonly id: number;
  readonly product_id: number;
  readonly sku: string | null;
  readonly sku_derived: number;
  readonly barcode: string | null;
  readonly attributes: string;
}

/**
 * Binds store products that are new to this store to the hub product another store (or the hub)
 * already has — by reference or by EAN-13 (`catalog.matchBy`) — and their variants to that product's
 * variants (by barcode, own SKU, attribute values, or the one variant of a simple product). Only the
 * bindings are written here; the upsert that follows updates the product like any bound one.
 *
 * Nothing is merged blindly: a store product matching several hub products, a hub product already
 * bound to another product of this store, or a hub variant two store variants claim is a conflict —
 * reported, and the store record gets a hub record of its own.
 */
export async function matchStoreProducts(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
  products: readonly NormalizedProduct[],
  matchBy: CatalogMatch,
): Promise<CatalogMatchOutcome> {
  const outcome: CatalogMatchOutcome = { matched: new Map(), conflicts: [] };
  if (matchBy === 'none' || products.length === 0) return outcome;
  const kind = ctx.engine.kind;
  const bound = await resolveBindings(
    ctx,
    db,
    storeId,
    'products',
    products.map((product) => product.externalId),
  );
  const fresh = products.filter((product) => !bound.has(product.externalId));
  if (fresh.length === 0) return outcome;
  // Held until the page commits, so the next matcher sees the hub products this page creates. Only
  // pages with products new to their store take it: first imports, not the runs after.
  if (kind === 'postgres')
    await sql`select pg_advisory_xact_lock(${CATALOG_MATCH_LOCK_SPACE}, 0)`.execute(db);

  // Candidate hub products per store product, by the chosen key.
  const candidates = new Map<string, number[]>();
  const keyOf = new Map<string, string>();
  if (matchBy === 'reference') {
    const references = new Map<string, NormalizedProduct[]>();
    for (const product of fresh) {
      const reference = product.columns.reference;
      if (reference === null) continue;
      keyOf.set(product.externalId, `reference '${reference}'`);
      references.set(reference, [...(references.get(reference) ?? []), product]);
    }
    for (const chunk of chunked([...references.keys()], IDS_PER_QUERY)) {
      const rows = await db
        .selectFrom('products')
        .select(['id', 'reference'])
        .where(inList(kind, 'reference', chunk))
        .where('archived_at', 'is', null)
        .orderBy('id')
        .execute();
      for (const row of rows)
        for (const product of references.get(row.reference ?? '') ?? [])
          candidates.set(product.externalId, [...(candidates.get(product.externalId) ?? []), row.id]);
    }
  } else {
    const barcodes = new Map<string, NormalizedProduct[]>();
    for (const product of fresh) {
      const codes = new Set(
        [product.columns.ean13, ...product.variants.map((variant) => variant.columns.barcode)].filter(
          (code): code is string => code !== null,
        ),
      );
      if (codes.size > 0) keyOf.set(product.externalId, `EAN-13 ${[...codes].slice(0, 3).join(', ')}`);
      for (const code of codes) barcodes.set(code, [...(barcodes.get(code) ?? []), product]);
    }
    for (const chunk of chunked([...barcodes.keys()], IDS_PER_QUERY)) {
      const rows = await db
        .selectFrom('variants as v')
        .innerJoin('products as p', 'p.id', 'v.product_id')
        .select(['p.id', 'v.barcode'])
        .where(inList(kind, 'v.barcode', chunk))
        .where('p.archived_at', 'is', null)
        .orderBy('p.id')
        .execute();
      for (const row of rows)
        for (const product of barcodes.get(row.barcode ?? '') ?? []) {
          const list = candidates.get(product.externalId) ?? [];
          if (!list.includes(row.id)) candidates.set(product.externalId, [...list, row.id]);
        }
    }
  }
  if (candidates.size === 0) return outcome;

  // Which candidate hub products this store already binds (to other store products).
  const hubIds = [...new Set([...candidates.values()].flat())];
  const ownedHere = new Map<number, string>();
  for (const chunk of chunked(hubIds, IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('bindings')
      .select(['local_id', 'external_id'])
      .where('store_id', '=', storeId)
      .where('resource', '=', 'products')
      .where('deleted_at', 'is', null)
      .where(inList(kind, 'local_id', chunk))
      .execute();
    for (const row of rows) ownedHere.set(row.local_id, row.external_id);
  }

  const chosen = new Map<string, number>();
  for (const product of fresh) {
    const ids = candidates.get(product.externalId);
    if (ids === undefined) continue;
    const key = keyOf.get(product.externalId) ?? '';
    const [only] = ids;
    if (ids.length > 1 || only === undefined) {
      outcome.conflicts.push({
        externalId: product.externalId,
        message:
          `store product ${product.externalId} matches hub products ${ids.join(', ')} by ${key}: ` +
          'imported as a new hub product. Give them distinct references (or EAN-13s), or set catalog.matchBy=none.',
      });
      continue;
    }
    const claimedBy = ownedHere.get(only) ?? [...chosen].find(([, productId]) => productId === only)?.[0];
    if (claimedBy !== undefined) {
      outcome.conflicts.push({
        externalId: product.externalId,
        message:
          `store product ${product.externalId} matches hub product ${only} by ${key}, which store product ` +
          `${claimedBy} of the same store already has: imported as a new hub product. Give them distinct ` +
          'references (or EAN-13s) in the store.',
      });
      continue;
    }
    chosen.set(product.externalId, only);
  }
  if (chosen.size === 0) return outcome;

  await upsertBindings(
    ctx,
    db,
    storeId,
    'products',
    [...chosen].map(([externalId, localId]) => ({ externalId, localId })),
  );
  const variants = await hubVariants(ctx, db, [...chosen.values()]);
  const variantBindings: { externalId: string; localId: number }[] = [];
  const takenHere = await variantsBoundHere(
    ctx,
    db,
    storeId,
    variants.map((variant) => variant.id),
  );
  for (const product of fresh) {
    const productId = chosen.get(product.externalId);
    if (productId === undefined) continue;
    outcome.matched.set(product.externalId, productId);
    const free = variants.filter((variant) => variant.product_id === productId && !takenHere.has(variant.id));
    const ownCounts = new Map<string, number>();
    for (const variant of product.variants)
      if (variant.columns.sku !== null)
        ownCounts.set(variant.columns.sku, (ownCounts.get(variant.columns.sku) ?? 0) + 1);
    const claimed = new Map<number, string>();
    for (const variant of product.variants) {
      const { barcode, sku, attributes } = variant.columns;
      const hit =
        (barcode === null ? undefined : free.find((row) => row.barcode === barcode)) ??
        (sku === null || ownCounts.get(sku) !== 1
          ? undefined
          : free.find((row) => row.sku === sku && row.sku_derived === 0)) ??
        (attributes === '[]'
          ? undefined
          : free.find((row) => attributeSignature(row.attributes) === attributeSignature(attributes))) ??
        (product.variants.length === 1 && free.length === 1 ? free[0] : undefined);
      if (hit === undefined) continue;
      const other = claimed.get(hit.id);
      if (other !== undefined) {
        outcome.conflicts.push({
          externalId: product.externalId,
          message:
            `store variants ${other} and ${variant.externalId} both match hub variant ${hit.id}: ` +
            `${variant.externalId} gets a hub variant of its own. Give them distinct barcodes or attributes in the store.`,
        });
        continue;
      }
      claimed.set(hit.id, variant.externalId);
      variantBindings.push({ externalId: variant.externalId, localId: hit.id });
    }
  }
  await upsertBindings(ctx, db, storeId, 'variants', variantBindings);
  return outcome;
}

async function hubVariants(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  productIds: readonly number[],
): Promise<HubVariantRow[]> {
  const rows: HubVariantRow[] = [];
  for (const chunk of chunked([...new Set(productIds)], IDS_PER_QUERY)) {
    rows.push(
      ...(await db
        .selectFrom('variants')
        .select(['id', 'product_id', 'sku', 'sku_derived', 'barcode', 'attributes'])
        .where(inList(ctx.engine.kind, 'product_id', chunk))
        .orderBy('position')
        .orderBy('id')
        .execute()),
    );
  }
  return rows;
}

/** Hub variants among these that this store already binds (live bindings). */
async function variantsBoundHere(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
  variantIds: readonly number[],
): Promise<Set<number>> {
  const bound = new Set<number>();
  for (const chunk of chunked(variantIds, IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('bindings')
      .select('local_id')
      .where('store_id', '=', storeId)
      .where('resource', '=', 'variants')
      .where('deleted_at', 'is', null)
      .where(inList(ctx.engine.kind, 'local_id', chunk))
      .execute();
    for (const row of rows) bound.add(row.local_id);
  }
  return bound;
}

/** Attribute names and values, independent of JSON formatting and key order (jsonb reorders them). */
export function attributeSignature(attributes: string): string {
  const parsed = parseJson<VariantAttribute[]>(attributes, []);
  const sorted = (text: LocalizedText) =>
    Object.entries(text).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(parsed.map((attribute) => [sorted(attribute.name), sorted(attribute.value)]));
}
