import { type BoundProduct, NotFoundError } from '../../hub/index.js';
import { filter, type PsFilter, type PsProduct } from '../../webservice/index.js';
import type { ActionContext } from './action-context.js';
import { withStoreClient } from './action-context.js';
import { decodeCursor } from './action-cursor.js';
import { actionPage, hubPage, pageLimit, pageSource } from './action-paging.js';
import type {
  ActionItem,
  ActionPage,
  ActionPaging,
  ActionProduct,
  ActionSource,
  UpdatedWindow,
} from './action-types.js';
import { hubInstant, money, storeInstant, text, textOrNull } from './action-values.js';
import { type CheckedWindow, checkWindow, storeDateFilter } from './action-window.js';
import { readStorePage } from './store-page-reader.js';

/** Filters of the product listing. */
export interface ProductFilters extends UpdatedWindow {
  /** Exactly this reference. */
  readonly reference?: string;
  readonly active?: boolean;
}

const FIELDS = ['reference', 'name', 'price', 'active', 'date_upd'];

/**
 * Products of a store, in id order, filtered by reference, active flag and `date_upd` window: one
 * store request per page (`source: 'store'`, the default), or the hub's copy (`source: 'hub'`).
 *
 * @example
 * const page = await listProducts({ hub, store }, { active: true, updatedFrom: '2026-12-01T00:00:00Z' });
 * const next = await listProducts({ hub, store }, { active: true, updatedFrom: '2026-12-01T00:00:00Z' }, { cursor: page.next! });
 */
export async function listProducts(
  ctx: ActionContext,
  filters: ProductFilters,
  paging: ActionPaging = {},
): Promise<ActionPage<ActionProduct>> {
  const limit = pageLimit(paging);
  const window = checkWindow(filters);
  const said = { reference: filters.reference, active: filters.active, ...window };
  const afterId = decodeCursor(paging.cursor, 'products', said);
  const source = pageSource(paging);
  if (source === 'hub') {
    const rows = await ctx.hub.boundRecords.products(ctx.store.id, {
      ...hubFilters(filters, window),
      afterExternalId: afterId,
      limit: limit + 1,
    });
    return hubPage(rows.map(productFromHub), limit, 'products', said);
  }
  return withStoreClient(ctx, 'listing products', async (client) => {
    const page = await readStorePage({
      fetch: (after, count) =>
        client.list('products', {
          display: FIELDS,
          filter: { ...storeFilters(ctx, filters, window), id: filter.gt(after) },
          sort: 'id_ASC',
          limit: count,
        }),
      convert: (records) => Promise.resolve(records.map((record) => productFromStore(ctx, record))),
      afterId,
      limit,
    });
    return actionPage(source, page.items, page.nextAfterId, limit, 'products', said);
  });
}

/** One product by its store id. */
export async function getProduct(
  ctx: ActionContext,
  id: number,
  options: { readonly source?: ActionSource } = {},
): Promise<ActionItem<ActionProduct>> {
  if (options.source === 'hub') {
    const [row] = await ctx.hub.boundRecords.products(ctx.store.id, { externalId: id, limit: 1 });
    if (row === undefined) throw notInHub(ctx, id);
    return { source: 'hub', item: productFromHub(row) };
  }
  return withStoreClient(ctx, 'reading a product', async (client) => {
    const [record] = await client.list('products', { display: FIELDS, filter: { id } });
    if (record === undefined) throw new NotFoundError(`Store '${ctx.store.name}' has no product ${id}.`);
    return { source: 'store', item: productFromStore(ctx, record) };
  });
}

function storeFilters(
  ctx: ActionContext,
  filters: ProductFilters,
  window: CheckedWindow,
): Record<string, PsFilter> {
  const dates = storeDateFilter(ctx.store, window);
  return {
    ...(filters.reference === undefined ? {} : { reference: filters.reference }),
    ...(filters.active === undefined ? {} : { active: filters.active ? '1' : '0' }),
    ...(dates === undefined ? {} : { date_upd: dates }),
  };
}

function hubFilters(filters: ProductFilters, window: CheckedWindow) {
  return {
    ...(filters.reference === undefined ? {} : { reference: filters.reference }),
    ...(filters.active === undefined ? {} : { active: filters.active }),
    ...window,
  };
}

function productFromStore(ctx: ActionContext, record: PsProduct): ActionProduct {
  return {
    id: record.id,
    reference: textOrNull(text(record, 'reference')),
    name: text(record, 'name', ctx.store.languageId ?? undefined),
    price: money(text(record, 'price')),
    active: text(record, 'active') === '1',
    updatedAt: storeInstant(text(record, 'date_upd'), ctx.store.timeZone),
  };
}

function productFromHub(row: BoundProduct): ActionProduct {
  return {
    id: row.externalId,
    reference: textOrNull(row.reference),
    name: row.name,
    price: money(row.price),
    active: row.active,
    updatedAt: hubInstant(row.storeUpdatedAt),
  };
}

function notInHub(ctx: ActionContext, id: number): NotFoundError {
  return new NotFoundError(
    `The hub has no product ${id} of store '${ctx.store.name}': read it from the store (source=store), or import the catalog first.`,
  );
}
