import { createHash } from 'node:crypto';

import { type Kysely, sql, type SqlBool } from 'kysely';

import { bulkInsert, chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { hashText } from '../content-hash.js';
import { Decimal, toStoredDecimalOrNull } from '../decimal.js';
import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';
import type { DbProduct, DbVariant, HubDatabase } from '../schema/hub-database.js';
import { resolveBindings, upsertBindings } from './binding.repository.js';
import { planBoundUpsert, upsertBoundRows } from './bound-upsert.js';
import type {
  CategoryRecord,
  ExportCandidate,
  HubProductInput,
  HubProductPatch,
  KitComponentInput,
  LocalizedText,
  Product,
  ProductImageInput,
  ProductKind,
  ProductRecord,
  ProductSupplierLink,
  ProductUpsertOptions,
  ProductUpsertResult,
  StoreCategory,
  SupplierRecord,
  UpsertedItem,
  UpsertResult,
  Variant,
  VariantAttribute,
  VariantListItem,
  VariantListQuery,
} from './catalog.types.js';
import { matchStoreProducts } from './catalog-matching.js';
import { assignSkus } from './derived-sku.js';
import { appendEvents } from './event.repository.js';
import { mergeHubPatch, writeHubProduct } from './hub-product-writer.js';
import { resolveProductCodes } from './product-codes.js';
import { type NormalizedProduct, normalizeProduct } from './product-record.js';
import { queueSellableUpdates } from './stock-sellable.js';

const PRODUCT_UPDATE_COLUMNS = [
  'kind',
  'name',
  'names',
  'descriptions',
  'reference',
  'ean13',
  'upc',
  'isbn',
  'mpn',
  'price',
  'wholesale_price',
  'tax_rate_id',
  'family_id',
  'unit_of_measure_id',
  'manufacturer',
  'weight',
  'active',
  'archived_at',
  'content_hash',
  'updated_at',
] as const;

const VARIANT_UPDATE_COLUMNS = [
  'product_id',
  'position',
  'sku',
  'barcode',
  'upc',
  'isbn',
  'mpn',
  'attributes',
  'price_impact',
  'wholesale_price',
  'weight_impact',
  'active',
  'sku_derived',
  'updated_at',
] as const;

function countOutcomes(items: readonly UpsertedItem[]): UpsertResult['counts'] {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const item of items) counts[item.outcome] += 1;
  return counts;
}

function toVariant(row: DbVariant): Variant {
  return {
    id: row.id,
    productId: row.product_id,
    position: row.position,
    sku: row.sku,
    skuDerived: row.sku_derived === 1,
    barcode: row.barcode,
    upc: row.upc,
    isbn: row.isbn,
    mpn: row.mpn,
    attributes: parseJson<VariantAttribute[]>(row.attributes, []),
    priceImpact: row.price_impact,
    wholesalePrice: row.wholesale_price,
    weightImpact: row.weight_impact,
    active: row.active === 1,
  };
}

function firstText(text: LocalizedText): string | undefined {
  return Object.values(text)[0];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Products, variants, categories, images, suppliers and kits. Imports go through the bulk upserts
 * (one call per page, inside the feed's transaction); lists page by id.
 *
 * @example
 * await hub.transaction(async (tx) => {
 *   const result = await tx.catalog.upsertProducts(storeId, page);
 *   await tx.watermarks.set(storeId, 'import-products', { lastId: page.at(-1)!.externalId });
 * });
 */
export class CatalogRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /**
   * Creates or updates a page of products with their variants, bound to `storeId`. Products whose
   * content is unchanged are not written. A record that breaks a rule (unknown code, empty name…)
   * fails the whole page: nothing of it is written.
   */
  async upsertProducts(
    storeId: number,
    records: readonly ProductRecord[],
    options: ProductUpsertOptions = {},
  ): Promise<ProductUpsertResult> {
    if (records.length === 0) return { items: [], counts: countOutcomes([]), variantIds: new Map() };
    const normalized = dedupeLast(records.map(normalizeProduct));
    return write(this.#ctx, async (db) => {
      const codeIds = await resolveProductCodes(this.#ctx, db, normalized);
      // Products new to this store that another store (or the hub) has: bound to that hub product.
      const matching = await matchStoreProducts(
        this.#ctx,
        db,
        storeId,
        normalized,
        options.matchBy ?? 'none',
      );
      const byExternalId = new Map(normalized.map((product) => [product.externalId, product]));
      const plan = await planBoundUpsert(
        this.#ctx,
        db,
        storeId,
        'products',
        'products',
        [...byExternalId.keys()],
        (externalId) => ({
          externalUpdatedAt: byExternalId.get(externalId)?.externalUpdatedAt ?? null,
          contentHash: byExternalId.get(externalId)?.hash ?? null,
        }),
      );
      const existingIds = [...plan.existing.values()].map((binding) => binding.localId);
      const current = new Map<number, { hash: string; archivedAt: string | null }>();
      for (const chunk of chunked(existingIds, IDS_PER_QUERY)) {
        const rows = await db
          .selectFrom('products')
          .select(['id', 'content_hash', 'archived_at'])
          .where(inList(this.#ctx.engine.kind, 'id', chunk))
          .execute();
        for (const row of rows) current.set(row.id, { hash: row.content_hash, archivedAt: row.archived_at });
      }

      const now = nowIso(this.#ctx);
      const items: UpsertedItem[] = [];
      const changed: { product: NormalizedProduct; id: number }[] = [];
      const touched: { product: NormalizedProduct; id: number }[] = [];
      for (const product of normalized) {
        const createdId = plan.created.get(product.externalId);
        const binding = plan.existing.get(product.externalId);
        const id = createdId ?? binding?.localId ?? 0;
        const existing = current.get(id);
        const matched = matching.matched.has(product.externalId);
        if (createdId === undefined && !matched && existing?.hash === product.hash) {
          items.push({ externalId: product.externalId, localId: id, outcome: 'unchanged' });
          if (binding?.externalUpdatedAt !== product.externalUpdatedAt || binding.deletedAt !== null) {
            touched.push({ product, id });
          }
          continue;
        }
        items.push({
          externalId: product.externalId,
          localId: id,
          outcome: createdId === undefined ? 'updated' : 'created',
        });
        changed.push({ product, id });
        // New bindings were written with their hash when claimed.
        if (createdId === undefined) touched.push({ product, id });
      }

      const productRows = changed.map(({ product, id }) => ({
        id,
        ...product.columns,
        tax_rate_id:
          product.codes.taxRate === null ? null : (codeIds.taxRates.get(product.codes.taxRate) ?? null),
        family_id:
          product.codes.family === null ? null : (codeIds.families.get(product.codes.family) ?? null),
        unit_of_measure_id:
          product.codes.unitOfMeasure === null
            ? null
            : (codeIds.units.get(product.codes.unitOfMeasure) ?? null),
        archived_at: product.archived ? (current.get(id)?.archivedAt ?? now) : null,
        content_hash: product.hash,
        created_at: now,
        updated_at: now,
      }));
      await bulkInsert(db, this.#ctx.engine, 'products', productRows, {
        conflict: ['id'],
        update: PRODUCT_UPDATE_COLUMNS,
      });

      // Products created by this call have fresh ids: no variant of theirs predates it, none is stale.
      const fresh = new Set(plan.created.values());
      const variantIds = await this.#upsertVariants(db, storeId, changed, fresh, now);
      await appendEvents(
        this.#ctx,
        db,
        changed.map(({ product, id }) => ({
          type: 'product.updated' as const,
          storeId,
          subject: `product:${id}`,
          data: {
            productId: id,
            storeId,
            externalId: product.externalId,
            created: plan.created.has(product.externalId),
            name: product.columns.name,
            reference: product.columns.reference,
            variantCount: product.variants.length,
          },
        })),
      );
      await upsertBindings(
        this.#ctx,
        db,
        storeId,
        'products',
        touched.map(({ product, id }) => ({
          externalId: product.externalId,
          localId: id,
          externalUpdatedAt: product.externalUpdatedAt,
          contentHash: product.hash,
        })),
      );
      // Unchanged products keep their variants: report their ids too.
      const written = new Set(changed.map((entry) => entry.product));
      const unchangedVariantIds = normalized
        .filter((product) => !written.has(product))
        .flatMap((product) => product.variants.map((variant) => variant.externalId));
      for (const [externalId, binding] of await resolveBindings(
        this.#ctx,
        db,
        storeId,
        'variants',
        unchangedVariantIds,
      )) {
        variantIds.set(externalId, binding.localId);
      }
      return {
        items,
        counts: countOutcomes(items),
        variantIds,
        matched: matching.matched,
        conflicts: matching.conflicts,
      };
    });
  }

  async #upsertVariants(
    db: Kysely<HubDatabase>,
    storeId: number,
    changed: readonly { product: NormalizedProduct; id: number }[],
    freshProductIds: ReadonlySet<number>,
    now: string,
  ): Promise<Map<string, number>> {
    const variantIds = new Map<string, number>();
    if (changed.length === 0) return variantIds;
    const externalIds = changed.flatMap(({ product }) =>
      product.variants.map((variant) => variant.externalId),
    );
    const plan = await planBoundUpsert(this.#ctx, db, storeId, 'variants', 'variants', externalIds);
    const placed = changed.flatMap(({ product, id }) =>
      product.variants.map((variant) => {
        const variantId =
          plan.created.get(variant.externalId) ?? plan.existing.get(variant.externalId)?.localId ?? 0;
        variantIds.set(variant.externalId, variantId);
        return { product, productId: id, variant, variantId };
      }),
    );
    const skus = await assignSkus(
      this.#ctx,
      db,
      placed.map(({ product, productId, variant, variantId }) => ({
        variantId,
        productId,
        own: variant.columns.sku,
        productReference: product.columns.reference,
        attributes: variant.columns.attributes,
      })),
    );
    const rows = placed.map(({ productId, variant, variantId }) => {
      const sku = skus.get(variantId);
      return {
        id: variantId,
        product_id: productId,
        ...variant.columns,
        sku: sku?.sku ?? variant.columns.sku,
        sku_derived: sku?.derived === true ? 1 : 0,
        created_at: now,
        updated_at: now,
      };
    });
    await bulkInsert(db, this.#ctx.engine, 'variants', rows, {
      conflict: ['id'],
      update: VARIANT_UPDATE_COLUMNS,
    });
    const revived = [...plan.existing.values()].filter((binding) => binding.deletedAt !== null);
    if (revived.length > 0) {
      await upsertBindings(
        this.#ctx,
        db,
        storeId,
        'variants',
        revived.map((b) => ({ externalId: b.externalId, localId: b.localId })),
      );
    }

    // Variants this store no longer lists for an updated product: binding marked deleted, and the
    // variant deactivated unless another store still sells it. Variants the store never had (another
    // store's, the hub's own) are not this store's to retire.
    const kind = this.#ctx.engine.kind;
    const updatedProductIds = changed.map(({ id }) => id).filter((id) => !freshProductIds.has(id));
    const keep = new Set(variantIds.values());
    const stale: number[] = [];
    for (const chunk of chunked(updatedProductIds, IDS_PER_QUERY)) {
      // The product's variants first, then their binding (EXISTS): as a join, SQLite without
      // statistics scanned every variant binding of the store per page — quadratic over an import.
      const rows = await db
        .selectFrom('variants as v')
        .select('v.id')
        .where(inList(kind, 'v.product_id', chunk))
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('bindings as b')
              .select('b.local_id')
              .whereRef('b.local_id', '=', 'v.id')
              .where('b.resource', '=', 'variants')
              .where('b.store_id', '=', storeId)
              .where('b.deleted_at', 'is', null),
          ),
        )
        .execute();
      for (const row of rows) if (!keep.has(row.id)) stale.push(row.id);
    }
    if (stale.length > 0) {
      await db
        .updateTable('bindings')
        .set({ deleted_at: now })
        .where('store_id', '=', storeId)
        .where('resource', '=', 'variants')
        .where(inList(kind, 'local_id', stale))
        .execute();
      await db
        .updateTable('variants')
        .set({ active: 0, updated_at: now })
        .where(inList(kind, 'id', stale))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('bindings as o')
                .select('o.local_id')
                .where('o.resource', '=', 'variants')
                .where('o.deleted_at', 'is', null)
                .whereRef('o.local_id', '=', 'variants.id'),
            ),
          ),
        )
        .execute();
    }
    return variantIds;
  }

  /**
   * Creates a product in the hub (not from a store): variants with their SKUs (derived when not
   * given), barcodes, prices, family and the bill of materials of a kit. export-products adds it to
   * the stores whose `productMaster` is `hub` or `both`; removing a store never archives it.
   *
   * @example
   * const mug = await hub.catalog.createProduct({ name: 'Mug', reference: 'MUG', price: '9.90' });
   */
  async createProduct(input: HubProductInput): Promise<Product> {
    const productId = await write(this.#ctx, async (db) => {
      const written = await writeHubProduct(this.#ctx, db, input);
      if (input.components !== undefined)
        await new CatalogRepository({ ...this.#ctx, db }).#setComponents(written, input.components);
      return written.productId;
    });
    return this.getProduct(productId);
  }

  /**
   * Edits a product of the hub (created in the hub or imported): see {@link HubProductPatch}. The
   * new content hash makes export-products update it in the stores that take the hub's products.
   */
  async updateProduct(productId: number, patch: HubProductPatch): Promise<Product> {
    const product = await this.getProduct(productId);
    const input = mergeHubPatch(product, patch);
    await write(this.#ctx, async (db) => {
      const written = await writeHubProduct(this.#ctx, db, input, productId);
      // The transaction's own repository: a query on the root database would wait for it.
      if (patch.components !== undefined)
        await new CatalogRepository({ ...this.#ctx, db }).#setComponents(written, patch.components);
    });
    return this.getProduct(productId);
  }

  async #setComponents(
    written: { productId: number; variantIds: readonly number[] },
    components: readonly KitComponentInput[],
  ): Promise<void> {
    const [kitVariantId] = written.variantIds;
    if (kitVariantId === undefined || written.variantIds.length !== 1) {
      throw new InvalidRecordError(
        `product ${written.productId}: only a product with one variant (a kit) has components.`,
      );
    }
    const known = await this.variants(components.map((component) => component.variantId));
    const unknown = components.find((component) => !known.has(component.variantId));
    if (unknown !== undefined)
      throw new InvalidRecordError(
        `product ${written.productId}: no variant ${unknown.variantId} to use as a component.`,
      );
    await this.setKitComponents([{ kitVariantId, components }]);
  }

  /** A product with its variants; {@link NotFoundError} if there is none. */
  async getProduct(productId: number): Promise<Product> {
    const row = await this.#ctx.db
      .selectFrom('products')
      .selectAll()
      .where('id', '=', productId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`No product with id ${productId}.`);
    const [variants, categories, codes] = await Promise.all([
      this.#ctx.db
        .selectFrom('variants')
        .selectAll()
        .where('product_id', '=', productId)
        .orderBy('position')
        .execute(),
      this.#ctx.db
        .selectFrom('product_categories')
        .select('category_id')
        .where('product_id', '=', productId)
        .execute(),
      this.#codesOf(row),
    ]);
    const descriptions = parseJson<{ description?: LocalizedText; summary?: LocalizedText }>(
      row.descriptions,
      {},
    );
    return {
      id: row.id,
      kind: row.kind as ProductKind,
      name: row.name,
      names: parseJson<LocalizedText>(row.names, {}),
      description: descriptions.description ?? {},
      summary: descriptions.summary ?? {},
      reference: row.reference,
      ean13: row.ean13,
      upc: row.upc,
      isbn: row.isbn,
      mpn: row.mpn,
      price: row.price,
      wholesalePrice: row.wholesale_price,
      ...codes,
      manufacturer: row.manufacturer,
      weight: row.weight,
      active: row.active === 1,
      archivedAt: row.archived_at,
      contentHash: row.content_hash,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      variants: variants.map(toVariant),
      categoryIds: categories.map((category) => category.category_id).sort((a, b) => a - b),
    };
  }

  async #codesOf(
    row: DbProduct,
  ): Promise<{ taxRate: string | null; family: string | null; unitOfMeasure: string | null }> {
    const codeOf = async (table: 'tax_rates' | 'families' | 'units_of_measure', id: number | null) =>
      id === null
        ? null
        : ((await this.#ctx.db.selectFrom(table).select('code').where('id', '=', id).executeTakeFirst())
            ?.code ?? null);
    return {
      taxRate: await codeOf('tax_rates', row.tax_rate_id),
      family: await codeOf('families', row.family_id),
      unitOfMeasure: await codeOf('units_of_measure', row.unit_of_measure_id),
    };
  }

  /** Variants by id (missing ids are absent). */
  async variants(variantIds: readonly number[]): Promise<Map<number, Variant>> {
    const result = new Map<number, Variant>();
    for (const chunk of chunked([...new Set(variantIds)], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('variants')
        .selectAll()
        .where(inList(this.#ctx.engine.kind, 'id', chunk))
        .execute();
      for (const row of rows) result.set(row.id, toVariant(row));
    }
    return result;
  }

  /**
   * `products list`: one row per variant, in id order, optionally only those bound to a store or
   * matching a text. Page with `afterVariantId` = the last row's `variantId`.
   */
  async listVariants(query: VariantListQuery = {}): Promise<VariantListItem[]> {
    const kind = this.#ctx.engine.kind;
    let select = this.#ctx.db
      .selectFrom('variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .leftJoin('families as f', 'f.id', 'p.family_id')
      .select([
        'v.id as variant_id',
        'v.product_id',
        'v.sku',
        'v.sku_derived',
        'v.barcode',
        'v.attributes',
        'v.price_impact',
        'v.active',
        'p.name',
        'p.price',
        'f.code as family',
      ])
      .where('v.id', '>', query.afterVariantId ?? 0);
    if (query.storeId !== undefined) {
      const storeId = query.storeId;
      select = select.where((eb) =>
        eb.exists(
          eb
            .selectFrom('bindings as b')
            .select('b.local_id')
            .where('b.store_id', '=', storeId)
            .where('b.resource', '=', 'variants')
            .whereRef('b.local_id', '=', 'v.id'),
        ),
      );
    }
    const search = query.search?.trim();
    if (search) {
      const pattern = `%${escapeLike(search.toLowerCase())}%`;
      const like = (column: string) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      select = select.where((eb) =>
        eb.or([like('v.sku'), like('v.barcode'), like('p.name'), like('p.reference')]),
      );
    }
    const rows = await select
      .orderBy('v.id')
      .limit(query.limit ?? 100)
      .execute();
    const bound = new Map<number, number[]>();
    if (rows.length > 0) {
      const bindings = await this.#ctx.db
        .selectFrom('bindings')
        .select(['local_id', 'store_id'])
        .where('resource', '=', 'variants')
        .where(
          inList(
            kind,
            'local_id',
            rows.map((row) => row.variant_id),
          ),
        )
        .orderBy('store_id')
        .execute();
      for (const binding of bindings)
        bound.set(binding.local_id, [...(bound.get(binding.local_id) ?? []), binding.store_id]);
    }
    return rows.map((row) => {
      const values = parseJson<VariantAttribute[]>(row.attributes, [])
        .map((attribute) => firstText(attribute.value))
        .filter((value): value is string => value !== undefined && value !== '');
      return {
        variantId: row.variant_id,
        productId: row.product_id,
        sku: row.sku,
        skuDerived: row.sku_derived === 1,
        barcode: row.barcode,
        name: values.length > 0 ? `${row.name} - ${values.join(', ')}` : row.name,
        price: Decimal.from(row.price).add(row.price_impact).toFixed(6),
        family: row.family,
        active: row.active === 1,
        storeIds: bound.get(row.variant_id) ?? [],
      };
    });
  }

  /** Which of these barcodes some variant already has (for generating unique EAN-13s). */
  async existingBarcodes(barcodes: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunked([...new Set(barcodes)], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('variants')
        .select('barcode')
        .where(inList(this.#ctx.engine.kind, 'barcode', chunk))
        .execute();
      for (const row of rows) if (row.barcode !== null) found.add(row.barcode);
    }
    return found;
  }

  /** Variants without a barcode, in id order; with `storeId`, only those bound to that store. */
  async variantsWithoutBarcode(
    options: { afterVariantId?: number; limit?: number; storeId?: number } = {},
  ): Promise<Variant[]> {
    let select = this.#ctx.db
      .selectFrom('variants')
      .selectAll()
      .where('barcode', 'is', null)
      .where('id', '>', options.afterVariantId ?? 0);
    if (options.storeId !== undefined) {
      const storeId = options.storeId;
      select = select.where((eb) =>
        eb.exists(
          eb
            .selectFrom('bindings as b')
            .select('b.local_id')
            .where('b.store_id', '=', storeId)
            .where('b.resource', '=', 'variants')
            .where('b.deleted_at', 'is', null)
            .whereRef('b.local_id', '=', 'variants.id'),
        ),
      );
    }
    const rows = await select
      .orderBy('id')
      .limit(options.limit ?? 500)
      .execute();
    return rows.map(toVariant);
  }

  /**
   * Reserves `count` consecutive numbers of the barcode sequence of `prefix` (hub-wide, so two
   * generators never hand out the same number) and returns the first. Inside a transaction the
   * reservation is kept only if the transaction commits.
   */
  async reserveBarcodeNumbers(prefix: string, count: number): Promise<number> {
    if (!Number.isInteger(count) || count < 1) {
      throw new InvalidRecordError(`reserve a whole number ≥ 1 of barcode numbers, got ${count}`);
    }
    return write(this.#ctx, async (db) => {
      const [sequence] = await bulkInsert<{ next_value: number }>(
        db,
        this.#ctx.engine,
        'number_sequences',
        [{ name: `barcode:${prefix}`, next_value: count }],
        {
          conflict: ['name'],
          updateRaw: [`"next_value" = "number_sequences"."next_value" + ${count}`],
          returning: ['next_value'],
        },
      );
      return Number(sequence?.next_value ?? count) - count + 1;
    });
  }

  /** Sets barcodes; refuses one that another variant already has. */
  async setBarcodes(assignments: readonly { variantId: number; barcode: string }[]): Promise<void> {
    await write(this.#ctx, async (db) => {
      const now = nowIso(this.#ctx);
      for (const { variantId, barcode } of assignments) {
        const taken = await db
          .selectFrom('variants')
          .select('id')
          .where('barcode', '=', barcode)
          .where('id', '!=', variantId)
          .executeTakeFirst();
        if (taken) throw new InvalidRecordError(`Barcode ${barcode} already belongs to variant ${taken.id}.`);
        await db
          .updateTable('variants')
          .set({ barcode, updated_at: now })
          .where('id', '=', variantId)
          .execute();
      }
    });
  }

  /**
   * Products to write to a store: never bound there (`add-to-store`) or changed in the hub since they
   * were last synced with it (`update-store`). Archived products are left out. Pages by product id;
   * `productIds` keeps only those products (an export of a selection).
   */
  async exportCandidates(
    storeId: number,
    options: { afterProductId?: number; limit?: number; productIds?: readonly number[] } = {},
  ): Promise<ExportCandidate[]> {
    let query = this.#ctx.db
      .selectFrom('products as p')
      .leftJoin('bindings as b', (join) =>
        join
          .onRef('b.local_id', '=', 'p.id')
          .on('b.store_id', '=', storeId)
          .on('b.resource', '=', 'products'),
      )
      .select(['p.id', 'p.content_hash', 'b.external_id', 'b.content_hash as bound_hash'])
      .where('p.id', '>', options.afterProductId ?? 0)
      .where('p.archived_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('b.external_id', 'is', null),
          eb('b.content_hash', 'is', null),
          eb('b.content_hash', '!=', eb.ref('p.content_hash')),
        ]),
      );
    if (options.productIds !== undefined) {
      if (options.productIds.length === 0) return [];
      query = query.where('p.id', 'in', [...options.productIds]);
    }
    const rows = await query
      .orderBy('p.id')
      .limit(options.limit ?? 500)
      .execute();
    return rows.map((row) => ({
      productId: row.id,
      status: row.external_id === null ? 'add-to-store' : 'update-store',
      externalId: row.external_id,
      contentHash: row.content_hash,
    }));
  }

  /** After an export: binds the products to their store ids with the content just written. */
  async markExported(
    storeId: number,
    exported: readonly {
      productId: number;
      externalId: string | number;
      externalUpdatedAt?: string | null;
    }[],
  ): Promise<void> {
    if (exported.length === 0) return;
    await write(this.#ctx, async (db) => {
      const hashes = new Map<number, string>();
      for (const chunk of chunked(
        exported.map((item) => item.productId),
        5000,
      )) {
        const rows = await db
          .selectFrom('products')
          .select(['id', 'content_hash'])
          .where(inList(this.#ctx.engine.kind, 'id', chunk))
          .execute();
        for (const row of rows) hashes.set(row.id, row.content_hash);
      }
      await upsertBindings(
        this.#ctx,
        db,
        storeId,
        'products',
        exported.map((item) => ({
          externalId: item.externalId,
          localId: item.productId,
          externalUpdatedAt: item.externalUpdatedAt ?? null,
          contentHash: hashes.get(item.productId) ?? null,
        })),
      );
    });
  }

  /** Creates or updates a page of categories (a tree: parents by external id, in the page or bound before). */
  async upsertCategories(storeId: number, records: readonly CategoryRecord[]): Promise<UpsertResult> {
    if (records.length === 0) return { items: [], counts: countOutcomes([]) };
    const unique = [...new Map(records.map((record) => [String(record.externalId), record])).values()];
    return write(this.#ctx, async (db) => {
      const now = nowIso(this.#ctx);
      const plan = await planBoundUpsert(
        this.#ctx,
        db,
        storeId,
        'categories',
        'categories',
        unique.map((r) => String(r.externalId)),
      );
      const parentIds = unique.flatMap((r) =>
        r.parentExternalId == null ? [] : [String(r.parentExternalId)],
      );
      const parents = await resolveBindings(this.#ctx, db, storeId, 'categories', parentIds);
      const idOf = (externalId: string) =>
        plan.created.get(externalId) ?? plan.existing.get(externalId)?.localId;
      const rows = unique.map((record, index) => {
        const externalId = String(record.externalId);
        const parent = record.parentExternalId == null ? undefined : String(record.parentExternalId);
        return {
          id: idOf(externalId) ?? 0,
          parent_id: parent === undefined ? null : (parents.get(parent)?.localId ?? null),
          deferredParent: parent !== undefined && !parents.has(parent) ? idOf(parent) : undefined,
          name: record.name,
          names: JSON.stringify(record.names ?? {}),
          position: record.position ?? index,
          active: record.active === false ? 0 : 1,
          created_at: now,
          updated_at: now,
        };
      });
      await bulkInsert(
        db,
        this.#ctx.engine,
        'categories',
        rows.map(({ deferredParent: _deferred, ...row }) => row),
        { conflict: ['id'], update: ['parent_id', 'name', 'names', 'position', 'active', 'updated_at'] },
      );
      // Parents created in this same page are linked once every row exists.
      for (const row of rows) {
        if (row.deferredParent !== undefined) {
          await db
            .updateTable('categories')
            .set({ parent_id: row.deferredParent })
            .where('id', '=', row.id)
            .execute();
        }
      }
      await upsertBindings(
        this.#ctx,
        db,
        storeId,
        'categories',
        rows.map((row, index) => ({ externalId: String(unique[index]?.externalId), localId: row.id })),
      );
      const items: UpsertedItem[] = unique.map((record, index) => ({
        externalId: String(record.externalId),
        localId: rows[index]?.id ?? 0,
        outcome: plan.created.has(String(record.externalId)) ? 'created' : 'updated',
      }));
      return { items, counts: countOutcomes(items) };
    });
  }

  /** The category tree of a store: every category bound to it, with the store's ids, parents first by id. */
  async storeCategories(storeId: number): Promise<StoreCategory[]> {
    const rows = await this.#ctx.db
      .selectFrom('bindings as b')
      .innerJoin('categories as c', 'c.id', 'b.local_id')
      .leftJoin('bindings as pb', (join) =>
        join
          .onRef('pb.local_id', '=', 'c.parent_id')
          .on('pb.store_id', '=', storeId)
          .on('pb.resource', '=', 'categories'),
      )
      .select([
        'c.id',
        'c.parent_id',
        'c.name',
        'c.names',
        'c.position',
        'c.active',
        'b.external_id',
        'b.deleted_at',
        'pb.external_id as parent_external_id',
      ])
      .where('b.store_id', '=', storeId)
      .where('b.resource', '=', 'categories')
      .orderBy('c.id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      parentId: row.parent_id,
      name: row.name,
      names: parseJson<LocalizedText>(row.names, {}),
      position: row.position,
      active: row.active === 1,
      externalId: row.external_id,
      parentExternalId: row.parent_external_id,
      deletedInStore: row.deleted_at !== null,
    }));
  }

  /**
   * Records that products were deleted in a store: their bindings and their variants' bindings are
   * marked deleted (kept, so history stays readable), and with `archive` the hub products are
   * archived too (left out of exports and lists of live products).
   * @returns the local ids of the products found.
   */
  async markProductsDeleted(
    storeId: number,
    externalIds: readonly (string | number)[],
    options: { archive: boolean },
  ): Promise<number[]> {
    if (externalIds.length === 0) return [];
    return write(this.#ctx, async (db) => {
      const kind = this.#ctx.engine.kind;
      const now = nowIso(this.#ctx);
      const bound = await resolveBindings(this.#ctx, db, storeId, 'products', externalIds);
      const productIds = [...bound.values()].map((binding) => binding.localId);
      if (productIds.length === 0) return [];
      for (const chunk of chunked(productIds, IDS_PER_QUERY)) {
        await db
          .updateTable('bindings')
          .set({ deleted_at: now })
          .where('store_id', '=', storeId)
          .where('resource', '=', 'products')
          .where(inList(kind, 'local_id', chunk))
          .where('deleted_at', 'is', null)
          .execute();
        await db
          .updateTable('bindings')
          .set({ deleted_at: now })
          .where('store_id', '=', storeId)
          .where('resource', '=', 'variants')
          .where('deleted_at', 'is', null)
          .where((eb) =>
            eb(
              'local_id',
              'in',
              eb
                .selectFrom('variants')
                .select('id')
                .where(inList(kind, 'product_id', chunk)),
            ),
          )
          .execute();
        if (options.archive) {
          await db
            .updateTable('products')
            .set({ archived_at: now, updated_at: now })
            .where(inList(kind, 'id', chunk))
            .where('archived_at', 'is', null)
            .execute();
        }
      }
      return productIds;
    });
  }

  /** Replaces the categories of each product given. */
  async setProductCategories(
    links: readonly { productId: number; categoryIds: readonly number[] }[],
  ): Promise<void> {
    if (links.length === 0) return;
    await write(this.#ctx, async (db) => {
      for (const chunk of chunked(
        links.map((link) => link.productId),
        5000,
      )) {
        await db
          .deleteFrom('product_categories')
          .where(inList(this.#ctx.engine.kind, 'product_id', chunk))
          .execute();
      }
      const rows = links.flatMap((link) =>
        [...new Set(link.categoryIds)].map((categoryId) => ({
          product_id: link.productId,
          category_id: categoryId,
        })),
      );
      await bulkInsert(db, this.#ctx.engine, 'product_categories', rows);
    });
  }

  /** Stores image bytes once per content; returns their hash (SHA-256, hex). */
  async storeImage(bytes: Buffer, mime: string): Promise<string> {
    const hash = createHash('sha256').update(bytes).digest('hex');
    await write(this.#ctx, (db) =>
      db
        .insertInto('image_blobs')
        .values({ hash, mime, size: bytes.length, bytes, created_at: nowIso(this.#ctx) })
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute(),
    );
    return hash;
  }

  async imageBytes(hash: string): Promise<{ mime: string; bytes: Buffer } | undefined> {
    const row = await this.#ctx.db
      .selectFrom('image_blobs')
      .select(['mime', 'bytes'])
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row ? { mime: row.mime, bytes: Buffer.from(row.bytes) } : undefined;
  }

  /**
   * Sets a product's images: kept when their content is unchanged (same ids), added, or removed.
   * @returns image ids by content hash.
   */
  async setProductImages(
    productId: number,
    images: readonly ProductImageInput[],
  ): Promise<Map<string, number>> {
    return write(this.#ctx, async (db) => {
      const now = nowIso(this.#ctx);
      const existing = await db
        .selectFrom('product_images')
        .select(['id', 'blob_hash'])
        .where('product_id', '=', productId)
        .execute();
      const byHash = new Map(existing.map((row) => [row.blob_hash, row.id]));
      const wanted = new Set(images.map((image) => image.hash));
      const removed = existing.filter((row) => !wanted.has(row.blob_hash)).map((row) => row.id);
      if (removed.length > 0)
        await db
          .deleteFrom('product_images')
          .where(inList(this.#ctx.engine.kind, 'id', removed))
          .execute();
      const ids = new Map<string, number>();
      for (const [index, image] of images.entries()) {
        const values = { position: image.position ?? index, is_cover: image.cover ? 1 : 0 };
        let id = byHash.get(image.hash);
        if (id === undefined) {
          const row = await db
            .insertInto('product_images')
            .values({ product_id: productId, blob_hash: image.hash, ...values, created_at: now })
            .returning('id')
            .executeTakeFirstOrThrow();
          id = row.id;
        } else {
          await db.updateTable('product_images').set(values).where('id', '=', id).execute();
          await db.deleteFrom('variant_images').where('image_id', '=', id).execute();
        }
        ids.set(image.hash, id);
        const imageId = id;
        const links = [...new Set(image.variantIds ?? [])].map((variantId) => ({
          variant_id: variantId,
          image_id: imageId,
        }));
        if (links.length > 0) await db.insertInto('variant_images').values(links).execute();
      }
      return ids;
    });
  }

  /** Creates or updates a page of suppliers bound to the store. */
  async upsertSuppliers(storeId: number, records: readonly SupplierRecord[]): Promise<UpsertResult> {
    const rows = records.map((record) => ({
      externalId: String(record.externalId),
      externalUpdatedAt: null,
      hash: hashText(record.name),
      columns: { name: record.name },
    }));
    return write(this.#ctx, (db) => upsertBoundRows(this.#ctx, db, storeId, 'suppliers', 'suppliers', rows));
  }

  /** The suppliers bound to a store, with the store's ids, in hub id order. */
  async storeSuppliers(storeId: number): Promise<{ id: number; name: string; externalId: string }[]> {
    const rows = await this.#ctx.db
      .selectFrom('bindings as b')
      .innerJoin('suppliers as s', 's.id', 'b.local_id')
      .select(['s.id', 's.name', 'b.external_id'])
      .where('b.store_id', '=', storeId)
      .where('b.resource', '=', 'suppliers')
      .orderBy('s.id')
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, externalId: row.external_id }));
  }

  /** Creates or updates product-supplier links (one per variant and supplier: reference and price). */
  async upsertProductSuppliers(links: readonly ProductSupplierLink[]): Promise<void> {
    if (links.length === 0) return;
    const now = nowIso(this.#ctx);
    const rows = [
      ...new Map(links.map((link) => [`${link.variantId}|${link.supplierId}`, link])).values(),
    ].map((link) => ({
      variant_id: link.variantId,
      supplier_id: link.supplierId,
      reference: link.reference ?? null,
      price: toStoredDecimalOrNull(link.price),
      currency: link.currency ?? null,
      updated_at: now,
    }));
    await write(this.#ctx, (db) =>
      bulkInsert(db, this.#ctx.engine, 'product_suppliers', rows, {
        conflict: ['variant_id', 'supplier_id'],
        update: ['reference', 'price', 'currency', 'updated_at'],
      }),
    );
  }

  async productSuppliers(
    variantId: number,
  ): Promise<(Omit<ProductSupplierLink, 'price'> & { price: string | null })[]> {
    const rows = await this.#ctx.db
      .selectFrom('product_suppliers')
      .select(['variant_id', 'supplier_id', 'reference', 'price', 'currency'])
      .where('variant_id', '=', variantId)
      .orderBy('supplier_id')
      .execute();
    return rows.map((row) => ({
      variantId: row.variant_id,
      supplierId: row.supplier_id,
      reference: row.reference,
      price: row.price,
      currency: row.currency,
    }));
  }

  /** Replaces the bill of materials of each kit variant given. */
  async setKitComponents(
    kits: readonly { kitVariantId: number; components: readonly KitComponentInput[] }[],
  ): Promise<void> {
    if (kits.length === 0) return;
    for (const kit of kits) {
      for (const component of kit.components) {
        if (!Number.isInteger(component.quantity) || component.quantity < 1) {
          throw new InvalidRecordError(
            `kit variant ${kit.kitVariantId}: component quantity must be a whole number ≥ 1, got ${component.quantity}`,
          );
        }
        if (component.variantId === kit.kitVariantId) {
          throw new InvalidRecordError(`kit variant ${kit.kitVariantId}: a kit cannot contain itself`);
        }
      }
    }
    await write(this.#ctx, async (db) => {
      const kind = this.#ctx.engine.kind;
      const kitIds = kits.map((kit) => kit.kitVariantId);
      const before = new Map<number, string[]>();
      const existing = await db
        .selectFrom('kit_components')
        .select(['kit_variant_id', 'component_variant_id', 'quantity'])
        .where(inList(kind, 'kit_variant_id', kitIds))
        .execute();
      for (const row of existing)
        before.set(row.kit_variant_id, [
          ...(before.get(row.kit_variant_id) ?? []),
          `${row.component_variant_id}×${row.quantity}`,
        ]);
      await db
        .deleteFrom('kit_components')
        .where(
          inList(
            this.#ctx.engine.kind,
            'kit_variant_id',
            kits.map((kit) => kit.kitVariantId),
          ),
        )
        .execute();
      const rows = kits.flatMap((kit) =>
        kit.components.map((component) => ({
          kit_variant_id: kit.kitVariantId,
          component_variant_id: component.variantId,
          quantity: component.quantity,
        })),
      );
      await bulkInsert(db, this.#ctx.engine, 'kit_components', rows);
      // A new bill of materials is a new sellable quantity for the kit in every store that sells it.
      const changed = kits.filter(
        (kit) =>
          [...(before.get(kit.kitVariantId) ?? [])].sort().join() !==
          kit.components
            .map((component) => `${component.variantId}×${component.quantity}`)
            .sort()
            .join(),
      );
      await queueSellableUpdates(
        this.#ctx,
        db,
        changed.map((kit) => kit.kitVariantId),
      );
    });
  }

  async kitComponents(kitVariantId: number): Promise<KitComponentInput[]> {
    const rows = await this.#ctx.db
      .selectFrom('kit_components')
      .select(['component_variant_id', 'quantity'])
      .where('kit_variant_id', '=', kitVariantId)
      .orderBy('component_variant_id')
      .execute();
    return rows.map((row) => ({ variantId: row.component_variant_id, quantity: row.quantity }));
  }

  /** Local variant ids of a store's variants, by their external ids. */
  async variantIdsByExternal(
    storeId: number,
    externalIds: readonly (string | number)[],
  ): Promise<Map<string, number>> {
    const bindings = await resolveBindings(this.#ctx, this.#ctx.db, storeId, 'variants', externalIds);
    return new Map([...bindings].map(([externalId, binding]) => [externalId, binding.localId]));
  }
}

function dedupeLast(products: readonly NormalizedProduct[]): NormalizedProduct[] {
  return [...new Map(products.map((product) => [product.externalId, product])).values()];
}
