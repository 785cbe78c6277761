import type { Binding, PlanMatch, PlannedHubProduct, ProductMaster } from '../../hub/index.js';
import type { PsRecord } from '../../webservice/index.js';
import {
  countImportPlan,
  type ImportPlan,
  type ImportPlanContext,
  type ImportPlanEntry,
  type ImportPlanner,
  type ImportPlanRequest,
  planFilter,
} from '../import-plan.js';
import { StoreDates } from '../store-dates.js';
import { StoreLanguages } from '../store-languages.js';
import { sameInstant } from './export/export-plan.js';
import { searchableReference } from './export/store-product-states.js';

/** Store products per request of the plan (only a few fields each: pages can be large). */
const PLAN_PAGE_SIZE = 1000;
/** Hub products checked per page of the hub side (`add to store`). */
const HUB_PAGE_SIZE = 1000;

/** What the plan reads of a store product. */
export interface PlannedStoreProduct {
  readonly id: number;
  readonly reference: string;
  readonly name: string;
  /** `date_upd` as a UTC instant. */
  readonly updatedAt: string | null;
}

/** What is known of one store product on the hub's side. */
export interface ProductImportState {
  readonly store: PlannedStoreProduct;
  /** Its binding in this store (none: never imported). */
  readonly binding: Pick<Binding, 'localId' | 'externalUpdatedAt' | 'contentHash' | 'deletedAt'> | null;
  /** The bound hub product (undefined when the binding points at a product the hub no longer has). */
  readonly hub: PlannedHubProduct | undefined;
  /** Live hub products with the same reference, with what they are bound to in this store. */
  readonly sameReference: readonly PlanMatch[];
}

function labelOf(product: { reference: string | null; name: string }): string {
  const name = product.name === '' ? '' : `"${product.name}"`;
  const reference =
    product.reference === null || product.reference === '' ? '(no reference)' : `(${product.reference})`;
  return name === '' ? reference : `${name} ${reference}`;
}

/**
 * What import-products (with `--only`) does with one store product, and what else is pending.
 *
 * Assumptions, kept here in one place:
 * - a store product is the hub product it is bound to (store, `products`, store id); an unbound one
 *   is new: the import adds a hub product for it (store products are matched by their store id only);
 * - "conflict" for an unbound product: a live hub product with the same reference is already bound to
 *   another product of this store — importing it would give the hub a second product with that
 *   reference;
 * - for a bound product: changed in the store = its `date_upd` is not the one recorded when it was
 *   last synced; changed in the hub = the hub product's content hash is not the one recorded then
 *   (only weighed when the hub is a product master: `hub` or `both`, where export-products writes it
 *   back). Both changed: conflict; store only: update hub; hub only: update store (export-products'
 *   job); neither: up to date.
 *
 * @example
 * decideProductImport({ store, binding: null, hub: undefined, sameReference: [] }, 'store');
 * // { action: 'add-to-hub', reason: 'new in the store' }
 */
export function decideProductImport(
  state: ProductImportState,
  master: ProductMaster,
): Pick<ImportPlanEntry, 'action' | 'reason'> {
  const { store, binding, hub } = state;
  if (binding === null) {
    const taken = state.sameReference.filter(
      (match) => match.externalId !== null && match.externalId !== String(store.id),
    );
    const first = taken[0];
    if (first !== undefined) {
      return {
        action: 'conflict',
        reason:
          `reference ${store.reference} is hub product ${first.localId}'s, already bound to store product ` +
          `${first.externalId}: importing would add a second hub product with it (fix the reference in the store, or leave it out)`,
      };
    }
    const elsewhere = state.sameReference[0];
    return {
      action: 'add-to-hub',
      reason:
        elsewhere === undefined
          ? 'new in the store'
          : `new in the store (hub product ${elsewhere.localId} from another store has the same reference; not merged)`,
    };
  }
  if (hub === undefined) return { action: 'add-to-hub', reason: 'its hub product is gone; imported again' };
  if (binding.deletedAt !== null)
    return { action: 'update-hub', reason: 'back in the store after being deleted' };
  const storeChanged =
    binding.externalUpdatedAt === null || !sameInstant(binding.externalUpdatedAt, store.updatedAt);
  const hubChanged = master !== 'store' && binding.contentHash !== hub.contentHash;
  if (storeChanged && hubChanged)
    return { action: 'conflict', reason: 'changed in the hub and in the store since the last sync' };
  if (storeChanged) return { action: 'update-hub', reason: 'changed in the store since the last sync' };
  if (hubChanged)
    return {
      action: 'update-store',
      reason: 'changed in the hub since the last sync (export-products writes it)',
    };
  return { action: 'up-to-date', reason: 'in sync' };
}

function text(value: PsRecord[string]): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The plan of import-products: every store product (pages of a few fields, keyset by id, the
 * hub side looked up a page at a time — never one request per product) and, when the hub is a
 * product master, the hub products never bound to this store (`add to store`, export-products' job).
 */
export const productImportPlanner: ImportPlanner = {
  record: 'product',
  async plan(ctx: ImportPlanContext, request: ImportPlanRequest = {}): Promise<ImportPlan> {
    const { store, client, hub } = ctx;
    const master = store.settings.productMaster;
    const dates = StoreDates.of(store);
    const languages = await StoreLanguages.load(store, client);
    const keep = planFilter(request);
    const entries: ImportPlanEntry[] = [];
    let planned = 0;
    for await (const records of client.iterate(
      'products',
      { display: ['reference', 'date_upd', 'name'] },
      { pageSize: PLAN_PAGE_SIZE },
    )) {
      ctx.signal?.throwIfAborted();
      const products: PlannedStoreProduct[] = records.map((record) => ({
        id: record.id,
        reference: text(record.reference),
        name: languages.defaultText(record.name),
        updatedAt: dates.toInstant(text(record.date_upd)),
      }));
      const bindings = await hub.bindings.resolve(
        store.id,
        'products',
        products.map((product) => product.id),
      );
      const unbound = products.filter((product) => !bindings.has(String(product.id)));
      const [hubProducts, byReference] = await Promise.all([
        hub.importPlans.products([...bindings.values()].map((binding) => binding.localId)),
        hub.importPlans.productsByReference(
          store.id,
          unbound.flatMap((product) => (searchableReference(product.reference) ? [product.reference] : [])),
        ),
      ]);
      for (const product of products) {
        const binding = bindings.get(String(product.id)) ?? null;
        const hubProduct = binding === null ? undefined : hubProducts.get(binding.localId);
        const decision = decideProductImport(
          {
            store: product,
            binding,
            hub: hubProduct,
            sameReference: binding === null ? (byReference.get(product.reference) ?? []) : [],
          },
          master,
        );
        const entry: ImportPlanEntry = {
          ...decision,
          externalId: product.id,
          localId: binding?.localId ?? null,
          imported: binding !== null,
          label: labelOf(product),
        };
        if (keep(entry)) entries.push(entry);
      }
      planned += products.length;
      ctx.onProgress?.(planned);
    }
    if (master !== 'store' && request.notImported !== true) {
      // Hub products never bound to this store: export-products adds them (the import does not).
      for (let after = 0; ;) {
        ctx.signal?.throwIfAborted();
        const candidates = await hub.catalog.exportCandidates(store.id, {
          afterProductId: after,
          limit: HUB_PAGE_SIZE,
        });
        const last = candidates.at(-1);
        if (last === undefined) break;
        after = last.productId;
        const fresh = candidates.filter((candidate) => candidate.externalId === null);
        const products = await hub.importPlans.products(fresh.map((candidate) => candidate.productId));
        for (const candidate of fresh) {
          const product = products.get(candidate.productId);
          entries.push({
            action: 'add-to-store',
            reason: 'in the hub, not in the store (export-products adds it)',
            externalId: null,
            localId: candidate.productId,
            imported: false,
            label: product === undefined ? '' : labelOf(product),
          });
        }
        if (candidates.length < HUB_PAGE_SIZE) break;
      }
    }
    return {
      feed: 'import-products',
      store: store.name,
      record: 'product',
      notImportedOnly: request.notImported === true,
      selectBy: 'store',
      entries,
      counts: countImportPlan(entries),
    };
  },
};
