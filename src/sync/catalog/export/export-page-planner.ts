import type { Binding, ExportCandidate, Product, StoreLanguage } from '../../../hub/index.js';
import { NotFoundError } from '../../../hub/index.js';
import type { FeedContext } from '../../feed.js';
import type { StoreDates } from '../../store-dates.js';
import {
  type ConflictPreference,
  decideExportAction,
  type ExportItemState,
  type ExportMode,
  type ExportPlanEntry,
  sameInstant,
} from './export-plan.js';
import { exportsQuantityOf, type QuantityExport } from './export-quantities.js';
import {
  buildCreatePayload,
  buildUpdatePayload,
  type ChosenFields,
  type ProductExportPayload,
  productLabel,
  whyNotCreatable,
} from './product-export-payload.js';
import {
  liveBindingsOf,
  PRODUCT_OUTBOX_KIND,
  productOfTarget,
  productTarget,
} from './product-outbox.handler.js';
import {
  differsOnChosenFields,
  type MatchField,
  searchableReference,
  storeProductsByField,
  storeProductsById,
  type StoreProductState,
} from './store-product-states.js';

/** What export-products plans with: a run's context, or a plan's (store, client, hub). */
export type ExportReadContext = Pick<FeedContext, 'hub' | 'store' | 'client'>;

/** What one run (or plan) of export-products plans with, read once. */
export interface ExportRun {
  readonly ctx: ExportReadContext;
  readonly mode: ExportMode;
  readonly prefer: ConflictPreference | undefined;
  readonly fields: ChosenFields;
  readonly quantities: QuantityExport;
  readonly languages: readonly StoreLanguage[];
  readonly dates: StoreDates;
}

/** The plan of one page, with what carrying it out writes. */
export interface PlannedPage {
  readonly entries: ExportPlanEntry[];
  /** Product changes to queue (add to store, update store). */
  readonly changes: ProductExportPayload[];
  /** Store products to add to or update in the hub. */
  readonly hubImports: number[];
  /**
   * Store products found by reference or EAN-13 (`catalog.matchBy`) for unbound hub products:
   * decided here, not as new in the store.
   */
  readonly matchedStoreIds: number[];
}

/** A product to write: created when `store` is null, else updated. */
interface ProductWrite {
  readonly product: Product;
  readonly store: { readonly externalId: number; readonly updatedAt: string | null } | null;
}

/** Products read this many at a time from the hub. */
const HUB_READS_AT_ONCE = 8;

/** Hub products by id (archived or deleted ones are absent). */
async function hubProducts(ctx: ExportReadContext, ids: readonly number[]): Promise<Map<number, Product>> {
  const products = new Map<number, Product>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += HUB_READS_AT_ONCE) {
    const slice = unique.slice(start, start + HUB_READS_AT_ONCE);
    const read = await Promise.all(
      slice.map((id) =>
        ctx.hub.catalog.getProduct(id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        }),
      ),
    );
    for (const product of read)
      if (product !== undefined && product.archivedAt === null) products.set(product.id, product);
  }
  return products;
}

async function queuedProducts(ctx: ExportReadContext, productIds: readonly number[]): Promise<Set<number>> {
  const open = await ctx.hub.outbox.openEntries(
    ctx.store.id,
    PRODUCT_OUTBOX_KIND,
    productIds.map(productTarget),
  );
  return new Set(open.map((entry) => productOfTarget(entry.target)));
}

function bindingState(binding: Binding | undefined): ExportItemState['binding'] {
  return binding === undefined
    ? null
    : {
        contentHash: binding.contentHash,
        externalUpdatedAt: binding.externalUpdatedAt,
        deleted: binding.deletedAt !== null,
      };
}

function hubState(product: Product): NonNullable<ExportItemState['hub']> {
  return { productId: product.id, contentHash: product.contentHash, notCreatable: whyNotCreatable(product) };
}

/**
 * The payloads of the products to write: store category ids, combination ids of bound variants
 * and sellable quantities read for the whole page at once.
 */
async function buildPayloads(
  run: ExportRun,
  writes: readonly ProductWrite[],
): Promise<ProductExportPayload[]> {
  if (writes.length === 0) return [];
  const { hub, store } = run.ctx;
  const variantIds = writes.flatMap(({ product }) => product.variants.map((variant) => variant.id));
  const categoryIds = [...new Set(writes.flatMap(({ product }) => product.categoryIds))];
  const [variantBindings, categoryBindings] = await Promise.all([
    hub.bindings.forLocal('variants', variantIds),
    hub.bindings.forLocal('categories', categoryIds),
  ]);
  const storeCategory = new Map(
    liveBindingsOf(categoryBindings, store.id).map((binding) => [
      binding.localId,
      Number(binding.externalId),
    ]),
  );
  const variantExternal = new Map(
    liveBindingsOf(variantBindings, store.id).map((binding) => [binding.localId, binding.externalId]),
  );
  const counted = writes
    .filter(({ product }) => exportsQuantityOf(product.kind, run.quantities))
    .flatMap(({ product }) => product.variants.map((variant) => variant.id));
  const quantities =
    counted.length > 0 ? await hub.stock.sellable(store.id, counted) : new Map<number, number>();

  return writes.map(({ product, store: storeProduct }) => {
    const externalId = storeProduct?.externalId ?? null;
    const combinationIds = new Map<number, number>();
    for (const variant of product.variants) {
      const [boundProduct, combination] = (variantExternal.get(variant.id) ?? '').split(':');
      if (externalId !== null && boundProduct === String(externalId) && combination !== undefined) {
        combinationIds.set(variant.id, Number(combination));
      }
    }
    const context = {
      languages: run.languages,
      fields: run.fields,
      quantities,
      combinationIds,
      categoryIds: product.categoryIds.flatMap((id) => {
        const external = storeCategory.get(id);
        return external === undefined ? [] : [external];
      }),
    };
    return storeProduct === null
      ? buildCreatePayload(product, context)
      : buildUpdatePayload(product, storeProduct, context);
  });
}

/** The store product an update writes to; in `both` mode with the `date_upd` a delivery checks first. */
function guardOf(run: ExportRun, state: StoreProductState): NonNullable<ProductWrite['store']> {
  return { externalId: state.id, updatedAt: run.mode === 'both' ? state.updatedAt : null };
}

function entryOf(
  decision: ReturnType<typeof decideExportAction>,
  productId: number | null,
  externalId: number | null,
  label: string,
): ExportPlanEntry {
  return { ...decision, productId, externalId, label };
}

/** The field and value an unbound hub product is looked up by in the store, per `catalog.matchBy`. */
function matchKeyOf(
  product: Product,
  matchBy: 'reference' | 'ean13' | 'none',
): { field: MatchField; value: string } | null {
  if (matchBy === 'none') return null;
  const value = matchBy === 'ean13' ? product.ean13 : product.reference;
  return searchableReference(value) ? { field: matchBy, value } : null;
}

/**
 * Plans a page of hub products that changed since they were last synced with the store, or were
 * never synced (`exportCandidates`): reads their bound store products by id and looks the unbound
 * ones up in bulk as `catalog.matchBy` says — by reference, by EAN-13, or not at all (`none`: an
 * unbound hub product is always added to the store).
 */
export async function planHubPage(
  run: ExportRun,
  candidates: readonly ExportCandidate[],
): Promise<PlannedPage> {
  const { ctx } = run;
  const { hub, store, client } = ctx;
  const products = await hubProducts(
    ctx,
    candidates.map((candidate) => candidate.productId),
  );
  const bound = candidates.filter((candidate) => candidate.externalId !== null);
  const boundIds = new Set(bound.map((candidate) => candidate.productId));
  const unbound = [...products.values()].filter((product) => !boundIds.has(product.id));
  const matchBy = store.settings.catalog.matchBy;
  const matchField = matchBy === 'none' ? null : matchBy;
  const [bindings, queued, boundStore, byKey] = await Promise.all([
    hub.bindings.resolve(
      store.id,
      'products',
      bound.map((candidate) => candidate.externalId ?? ''),
    ),
    queuedProducts(ctx, [...products.keys()]),
    storeProductsById(
      client,
      bound.map((candidate) => Number(candidate.externalId)),
      run.dates,
    ),
    matchField === null
      ? new Map<string, StoreProductState[]>()
      : storeProductsByField(
          client,
          matchField,
          unbound.flatMap((product) => {
            const key = matchKeyOf(product, matchBy);
            return key === null ? [] : [key.value];
          }),
          run.dates,
        ),
  ]);
  const referenced = [...byKey.values()].flat();
  const referencedBindings = await hub.bindings.resolve(
    store.id,
    'products',
    referenced.map((state) => state.id),
  );

  const entries: ExportPlanEntry[] = [];
  const writes: ProductWrite[] = [];
  const matchedStoreIds: number[] = [];
  for (const candidate of candidates) {
    const product = products.get(candidate.productId);
    if (product === undefined) continue;
    const label = productLabel(product);
    let storeProduct: StoreProductState | undefined;
    const binding = candidate.externalId === null ? undefined : bindings.get(candidate.externalId);
    const key = matchKeyOf(product, matchBy);
    if (binding !== undefined) {
      storeProduct = boundStore.get(Number(binding.externalId));
    } else if (key !== null) {
      const what = key.field === 'ean13' ? 'EAN-13' : 'reference';
      const matches = byKey.get(key.value) ?? [];
      const free = matches.filter((match) => !referencedBindings.has(String(match.id)));
      matchedStoreIds.push(...matches.map((match) => match.id));
      if (free.length > 1 || (free.length === 0 && matches.length > 0)) {
        const reason =
          free.length > 1
            ? `${free.length} store products (${free.map((match) => match.id).join(', ')}) have its ${what}; keep one`
            : `the store product ${matches[0]?.id} with its ${what} is linked to another hub product`;
        entries.push(entryOf({ action: 'skip', reason }, product.id, null, label));
        continue;
      }
      storeProduct = free[0];
    }
    const decision = decideExportAction(
      {
        hub: hubState(product),
        binding: bindingState(binding),
        store:
          storeProduct === undefined
            ? null
            : {
                externalId: storeProduct.id,
                updatedAt: storeProduct.updatedAt,
                differs: differsOnChosenFields(product, storeProduct, run.fields),
              },
        queued: queued.has(product.id),
      },
      run.mode,
      run.prefer,
    );
    entries.push(entryOf(decision, product.id, storeProduct?.id ?? null, label));
    if (decision.action === 'add-to-store') writes.push({ product, store: null });
    if (decision.action === 'update-store' && storeProduct !== undefined) {
      writes.push({ product, store: guardOf(run, storeProduct) });
    }
  }
  return {
    entries,
    changes: await buildPayloads(run, writes),
    hubImports: entries.flatMap((entry) =>
      entry.action === 'update-hub' && entry.externalId !== null ? [entry.externalId] : [],
    ),
    matchedStoreIds,
  };
}

/**
 * Plans a page of store products changed since the last export: bound ones whose hub product did
 * not change (the hub page decided the others) — update hub in `both` mode, update store in `hub`
 * mode when the exported fields differ — and, in `both` mode, new ones (add to hub).
 */
export async function planStorePage(
  run: ExportRun,
  page: readonly StoreProductState[],
  decidedByHubPage: ReadonlySet<number>,
  matchedStoreIds: ReadonlySet<number>,
): Promise<PlannedPage> {
  const { ctx } = run;
  const bindings = await ctx.hub.bindings.resolve(
    ctx.store.id,
    'products',
    page.map((state) => state.id),
  );
  const changed = page.filter((state) => {
    const binding = bindings.get(String(state.id));
    if (binding === undefined) return run.mode === 'both' && !matchedStoreIds.has(state.id);
    if (decidedByHubPage.has(binding.localId)) return false;
    return binding.externalUpdatedAt === null || !sameInstant(binding.externalUpdatedAt, state.updatedAt);
  });
  const localIds = changed.flatMap((state) => {
    const binding = bindings.get(String(state.id));
    return binding === undefined ? [] : [binding.localId];
  });
  const [products, queued] = await Promise.all([hubProducts(ctx, localIds), queuedProducts(ctx, localIds)]);

  const entries: ExportPlanEntry[] = [];
  const writes: ProductWrite[] = [];
  for (const state of changed) {
    const binding = bindings.get(String(state.id));
    const product = binding === undefined ? undefined : products.get(binding.localId);
    const label = product === undefined ? `(${state.reference || 'no reference'})` : productLabel(product);
    const decision = decideExportAction(
      {
        hub: product === undefined ? null : hubState(product),
        binding: bindingState(binding),
        store: {
          externalId: state.id,
          updatedAt: state.updatedAt,
          differs: product === undefined ? false : differsOnChosenFields(product, state, run.fields),
        },
        queued: product !== undefined && queued.has(product.id),
      },
      run.mode,
      run.prefer,
    );
    if (decision.action === 'unchanged') continue;
    entries.push(entryOf(decision, product?.id ?? null, state.id, label));
    if (decision.action === 'update-store' && product !== undefined) {
      writes.push({ product, store: guardOf(run, state) });
    }
  }
  return {
    entries,
    changes: await buildPayloads(run, writes),
    hubImports: entries.flatMap((entry) =>
      (entry.action === 'add-to-hub' || entry.action === 'update-hub') && entry.externalId !== null
        ? [entry.externalId]
        : [],
    ),
    matchedStoreIds: [],
  };
}
