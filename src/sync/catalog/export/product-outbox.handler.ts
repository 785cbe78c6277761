import { type Binding, Decimal } from '../../../hub/index.js';
import {
  filter,
  instantToStoreDate,
  NotFoundError,
  PermissionError,
  type PrestaShopClient,
  PrestaShopError,
  type PsCombination,
  type PsProduct,
  type PsRecord,
  storeDateToInstant,
} from '../../../webservice/index.js';
import { classifyOutboxError, UndeliverableError } from '../../outbox/outbox-failure.js';
import type { DecodedOutboxEntry, OutboxHandler, OutboxSendContext } from '../../outbox/outbox-handler.js';
import { stockRowsOfShop } from '../../stock/stock-row-reader.js';
import { sameInstant } from './export-plan.js';
import {
  decodeProductExportPayload,
  type ProductExportPayload,
  type VariantExportPayload,
} from './product-export-payload.js';
import { optionValuesFor } from './store-option-values.js';

/** The outbox kind of product exports. */
export const PRODUCT_OUTBOX_KIND = 'product';

/** PrestaShop's "Home" category in every default install, when the store's configuration cannot be read. */
const DEFAULT_HOME_CATEGORY = 2;

type ProductEntry = DecodedOutboxEntry<ProductExportPayload>;

/** `12:0` → 0, `12:45` → 45. */
function combinationOf(externalId: string): number {
  return Number(externalId.split(':')[1] ?? Number.NaN);
}

/** The outbox target of a hub product's changes: one at a time, in order, per product. */
export function productTarget(productId: number): string {
  return `product:${productId}`;
}

/** The hub product id of a `product:<id>` target. */
export function productOfTarget(target: string): number {
  return Number(target.slice('product:'.length));
}

/** The bindings of one store that are not marked deleted. */
export function liveBindingsOf(bindings: readonly Binding[], storeId: number): Binding[] {
  return bindings.filter((binding) => binding.storeId === storeId && binding.deletedAt === null);
}

function instantOf(storeDate: string | undefined, timeZone: string): string | null {
  return storeDate === undefined ? null : storeDateToInstant(storeDate, timeZone);
}

const homeCategories = new WeakMap<PrestaShopClient, Promise<number>>();

/** The store's home category (`PS_HOME_CATEGORY`), read once per client. */
function homeCategory(client: PrestaShopClient): Promise<number> {
  let pending = homeCategories.get(client);
  if (pending === undefined) {
    pending = client
      .list('configurations', { display: ['name', 'value'], filter: { name: 'PS_HOME_CATEGORY' } })
      .then(
        (rows) => Number(rows[0]?.value) || DEFAULT_HOME_CATEGORY,
        (error: unknown) => {
          // A key without access to the configuration still creates products, in the usual home.
          if (error instanceof PermissionError) return DEFAULT_HOME_CATEGORY;
          homeCategories.delete(client);
          throw error;
        },
      );
    homeCategories.set(client, pending);
  }
  return pending;
}

/**
 * How far the store's clock may run behind the hub's: a product the store dated this long before the
 * entry was queued still counts as created by the entry's own earlier attempt.
 */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Binds a store product found for the entry to its hub product — unless two store products were
 * found, or the one found is linked to another hub product: then they cannot be told apart from the
 * one to create, and the entry is given up with what to fix.
 */
async function bindFound(
  entry: ProductEntry,
  context: OutboxSendContext,
  found: readonly PsRecord[],
  what: string,
): Promise<number | undefined> {
  const { hub, store } = context;
  const payload = entry.payload;
  if (found.length > 1) {
    throw new UndeliverableError(
      `${payload.label}: ${found.length} store products have ${what} ` +
        `(ids ${found.map((product) => product.id).join(', ')}); keep one, or make them distinct.`,
    );
  }
  const existing = found[0];
  if (existing === undefined) return undefined;
  const other = await hub.bindings.get(store.id, 'products', existing.id);
  if (other !== undefined && other.localId !== payload.productId) {
    throw new UndeliverableError(
      `${payload.label}: the store product ${existing.id} with ${what} is already linked to hub ` +
        `product ${other.localId}; two hub products share it.`,
    );
  }
  await hub.bindings.upsert(store.id, 'products', [{ externalId: existing.id, localId: payload.productId }]);
  return existing.id;
}

/**
 * The store product that already stands for the entry's hub product, as `catalog.matchBy` says: the
 * one with its reference (`reference`), or with its EAN-13 (`ean13`, when the product has one);
 * none is looked for with `none`.
 */
async function productMatched(entry: ProductEntry, context: OutboxSendContext): Promise<number | undefined> {
  const payload = entry.payload;
  const matchBy = context.store.settings.catalog.matchBy;
  if (matchBy === 'reference' && payload.reference !== null) {
    const found = await context.client.list('products', {
      display: ['id'],
      filter: { reference: payload.reference },
    });
    return bindFound(entry, context, found, `the reference '${payload.reference}'`);
  }
  const ean13 = ean13Of(entry);
  if (matchBy === 'ean13' && ean13 !== undefined) {
    const found = await context.client.list('products', { display: ['id'], filter: { ean13 } });
    return bindFound(entry, context, found, `the EAN-13 '${ean13}'`);
  }
  return undefined;
}

/**
 * The store product an earlier attempt of this very entry created, when its answer was lost: the one
 * with the entry's reference that the store created after the entry was queued (less
 * {@link CLOCK_SKEW_MS}). Needed where {@link productMatched} does not look by reference (`ean13`
 * without an EAN-13, `none`); older store products with that reference are not this entry's and are
 * left alone, as `none` wants.
 */
async function productCreatedByEntry(
  entry: ProductEntry,
  context: OutboxSendContext,
): Promise<number | undefined> {
  const payload = entry.payload;
  if (payload.reference === null) return undefined;
  const matchBy = context.store.settings.catalog.matchBy;
  if (matchBy === 'reference' || (matchBy === 'ean13' && ean13Of(entry) !== undefined)) {
    return undefined;
  }
  const since = new Date(Date.parse(entry.createdAt) - CLOCK_SKEW_MS);
  const found = await context.client.list('products', {
    display: ['id'],
    filter: {
      reference: payload.reference,
      date_add: filter.after(instantToStoreDate(since, context.store.timeZone)),
    },
  });
  return bindFound(
    entry,
    context,
    found,
    `the reference '${payload.reference}', created since it was queued,`,
  );
}

/** The entry's EAN-13 (a product field is text, or multilingual text), if it has one. */
function ean13Of(entry: ProductEntry): string | undefined {
  const value = entry.payload.fields.ean13;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A store product for the entry that exists already: matched, or created by an earlier attempt. */
async function productFound(
  entry: ProductEntry,
  context: OutboxSendContext,
  attemptedBefore: boolean,
): Promise<number | undefined> {
  return (
    (await productMatched(entry, context)) ??
    (attemptedBefore ? await productCreatedByEntry(entry, context) : undefined)
  );
}

/**
 * The store product a `create` entry writes to: the one already bound (an earlier attempt created
 * it), else the one `catalog.matchBy` finds (an existing store product, or an earlier POST that
 * reached the store without an answer), else — after an earlier attempt — the one with its reference
 * the store created since the entry was queued, else a new one: bound at once, before anything else
 * is written. A POST that fails may still have created the product (a lost answer, a PHP warning
 * after the save): it is looked up the same way before the failure is reported.
 */
async function productToCreate(entry: ProductEntry, context: OutboxSendContext): Promise<number> {
  const { client, hub, store } = context;
  const payload = entry.payload;
  const bound = liveBindingsOf(await hub.bindings.forLocal('products', [payload.productId]), store.id)[0];
  if (bound !== undefined) return Number(bound.externalId);
  const existing = await productFound(entry, context, entry.attempts > 1);
  if (existing !== undefined) return existing;
  const categories = payload.categoryIds.length > 0 ? payload.categoryIds : [await homeCategory(client)];
  let created: PsProduct;
  try {
    created = await client.create('products', {
      ...payload.fields,
      id_category_default: String(categories[0]),
      associations: { categories: categories.map((id) => ({ id })) },
    });
  } catch (error) {
    if (!(error instanceof PrestaShopError) || classifyOutboxError(error).permanent) throw error;
    const createdAnyway = await productFound(entry, context, true);
    if (createdAnyway === undefined) throw error;
    return createdAnyway;
  }
  // Bound with no hash: "in the store, not in sync yet" until the delivery completes.
  await hub.bindings.upsert(store.id, 'products', [
    {
      externalId: created.id,
      localId: payload.productId,
      externalUpdatedAt: instantOf(created.date_upd, store.timeZone),
    },
  ]);
  return created.id;
}

/**
 * Writes the chosen product fields of an `update` entry — unless, in `both` mode, the store product
 * changed since the plan: that is a conflict now, never overwritten. A product gone from the store
 * is unlinked.
 */
async function updateProduct(
  entry: ProductEntry,
  productId: number,
  context: OutboxSendContext,
): Promise<void> {
  const { client, hub, store } = context;
  const payload = entry.payload;
  const gone = async (): Promise<never> => {
    await hub.bindings.markDeleted(store.id, 'products', [productId]);
    throw new UndeliverableError(
      `${payload.label}: the store product ${productId} no longer exists; its link is marked deleted.`,
    );
  };
  if (payload.storeUpdatedAt !== null) {
    const [current] = await client.list('products', { display: ['date_upd'], filter: { id: productId } });
    if (current === undefined) return gone();
    if (!sameInstant(instantOf(current.date_upd, store.timeZone), payload.storeUpdatedAt)) {
      throw new UndeliverableError(
        `${payload.label}: the store product ${productId} changed in the store after the plan; it is not ` +
          'overwritten. Run export-products again: the plan shows it as a conflict.',
      );
    }
  }
  if (Object.keys(payload.fields).length === 0) return;
  try {
    await client.update('products', productId, payload.fields);
  } catch (error) {
    if (error instanceof NotFoundError) return gone();
    throw error;
  }
}

/**
 * The store combination of each variant: bound ones are updated (chosen fields), new ones found by
 * reference or by their option values (an earlier attempt created them) or created, and bound at once.
 * @returns the combination id of each variant (0: the product itself).
 */
async function writeVariants(
  entry: ProductEntry,
  productId: number,
  context: OutboxSendContext,
): Promise<Map<number, number>> {
  const { client, hub, store } = context;
  const variants = entry.payload.variants;
  const bound = new Map(
    liveBindingsOf(
      await hub.bindings.forLocal(
        'variants',
        variants.map((variant) => variant.variantId),
      ),
      store.id,
    )
      .filter((binding) => binding.externalId.startsWith(`${productId}:`))
      .map((binding) => [binding.localId, combinationOf(binding.externalId)]),
  );
  const combinationIds = new Map<number, number>();
  const toBind: { externalId: string; localId: number }[] = [];
  // The product's combinations, read once (one request) when a variant needs them.
  let listed: Promise<PsCombination[]> | undefined;
  const storeCombinations = (): Promise<PsCombination[]> =>
    (listed ??= client.list('combinations', { display: 'full', filter: { id_product: productId } }));

  for (const variant of variants) {
    const known = variant.combinationId ?? bound.get(variant.variantId);
    if (known !== undefined) {
      combinationIds.set(variant.variantId, known);
      if (!bound.has(variant.variantId))
        toBind.push({ externalId: `${productId}:${known}`, localId: variant.variantId });
      if (known > 0 && variant.combinationId !== null && Object.keys(variant.fields).length > 0) {
        const current = (await storeCombinations()).find((combination) => combination.id === known);
        // A combination that already has these values is not written again (a GET and a PUT saved).
        if (current === undefined || !hasValues(current, variant.fields)) {
          await client.update('combinations', known, variant.fields);
        }
      }
      continue;
    }
    const combinationId = await combinationToCreate(variant, productId, await storeCombinations(), context);
    combinationIds.set(variant.variantId, combinationId);
    await hub.bindings.upsert(store.id, 'variants', [
      { externalId: `${productId}:${combinationId}`, localId: variant.variantId },
    ]);
  }
  if (toBind.length > 0) await hub.bindings.upsert(store.id, 'variants', toBind);
  return combinationIds;
}

/** Whether a record already holds these values (amounts compared as decimals: `1.5` is `1.500000`). */
export function hasValues(record: PsRecord, fields: Readonly<Record<string, string>>): boolean {
  return Object.entries(fields).every(([name, wanted]) => {
    const value = record[name];
    if (typeof value !== 'string') return false;
    if (value === wanted) return true;
    const [left, right] = [Decimal.tryParse(value), Decimal.tryParse(wanted)];
    return left !== undefined && right !== undefined && left.eq(right);
  });
}

async function combinationToCreate(
  variant: VariantExportPayload,
  productId: number,
  existing: readonly PsCombination[],
  context: OutboxSendContext,
): Promise<number> {
  const optionValueIds = await optionValuesFor(context.client).resolve(variant.attributes);
  const wanted = [...optionValueIds].sort((a, b) => a - b).join(',');
  const found = existing.find(
    (combination) =>
      (variant.reference !== null && combination.reference === variant.reference) ||
      (optionValueIds.length > 0 &&
        (combination.associations?.product_option_values ?? [])
          .map((value) => value.id)
          .sort((a, b) => a - b)
          .join(',') === wanted),
  );
  if (found !== undefined) return found.id;
  const created = await context.client.create('combinations', {
    ...variant.fields,
    id_product: String(productId),
    associations: { product_option_values: optionValueIds.map((id) => ({ id })) },
  });
  return created.id;
}

/**
 * Sets the sellable quantities in `stock_availables` (never `product.quantity`, which the store
 * computes). Rows driven by the store's warehouse (`depends_on_stock`) and rows already right are
 * left alone.
 */
async function writeQuantities(
  entry: ProductEntry,
  productId: number,
  combinationIds: ReadonlyMap<number, number>,
  context: OutboxSendContext,
): Promise<void> {
  const { client, store } = context;
  const wanted = entry.payload.variants.filter((variant) => variant.quantity !== null);
  if (wanted.length === 0) return;
  // The shop's own rows (id_shop), or its group's shared rows (id_shop 0), one row for all the
  // group's shops: named in the filter, as the store's list holds every shop's rows.
  const rows = await client.list('stock_availables', {
    display: 'full',
    filter: { id_product: productId, ...stockRowsOfShop(store) },
  });
  for (const variant of wanted) {
    const attribute = combinationIds.get(variant.variantId);
    const row = rows.find((candidate) => Number(candidate.id_product_attribute) === attribute);
    if (row === undefined || row.depends_on_stock === '1' || row.quantity === String(variant.quantity))
      continue;
    await client.update('stock_availables', row.id, { quantity: String(variant.quantity) });
  }
}

/**
 * Delivers `product` entries: creates a product with its combinations (from the store's blank
 * schema, looked up by reference first so that an unconfirmed POST is never repeated), or updates
 * the chosen fields (read-merge-PUT), then the quantities, then binds the product with the hub
 * content it now carries and the store's new `date_upd` — so that the next plan sees it in sync.
 */
export const productOutboxHandler: OutboxHandler<ProductExportPayload> = {
  kind: PRODUCT_OUTBOX_KIND,
  purpose: 'export products',
  needs: [
    { resource: 'products', verb: 'GET' },
    { resource: 'products', verb: 'POST' },
    { resource: 'products', verb: 'PUT' },
    { resource: 'combinations', verb: 'GET' },
    { resource: 'combinations', verb: 'POST' },
    { resource: 'combinations', verb: 'PUT' },
    { resource: 'stock_availables', verb: 'GET' },
    { resource: 'stock_availables', verb: 'PUT' },
    // A combination whose attribute group or value the store lacks creates it (store-option-values.ts).
    { resource: 'product_options', verb: 'GET' },
    { resource: 'product_options', verb: 'POST' },
    { resource: 'product_option_values', verb: 'GET' },
    { resource: 'product_option_values', verb: 'POST' },
  ],
  decode: decodeProductExportPayload,
  async send(entry, context) {
    const { client, hub, store } = context;
    const payload = entry.payload;
    let productId: number;
    if (payload.op === 'create') {
      productId = await productToCreate(entry, context);
    } else {
      productId = payload.externalId ?? Number.NaN;
      await updateProduct(entry, productId, context);
    }
    const combinationIds = await writeVariants(entry, productId, context);
    await writeQuantities(entry, productId, combinationIds, context);
    const [written] = await client.list('products', { display: ['date_upd'], filter: { id: productId } });
    if (written === undefined) {
      throw new UndeliverableError(
        `${payload.label}: the store product ${productId} disappeared while it was written.`,
      );
    }
    await hub.bindings.upsert(store.id, 'products', [
      {
        externalId: productId,
        localId: payload.productId,
        externalUpdatedAt: instantOf(written.date_upd, store.timeZone),
        contentHash: payload.contentHash,
      },
    ]);
    return 'done';
  },
};
