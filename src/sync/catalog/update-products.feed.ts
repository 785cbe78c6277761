import type { Binding } from '../../hub/index.js';
import { filter, type PsProduct } from '../../webservice/index.js';
import type { Feed, FeedContext } from '../feed.js';
import { StoreDates } from '../store-dates.js';
import { IMPORT_PRODUCTS, PRODUCT_NEEDS } from './import-products.feed.js';
import { ProductLookupSession } from './product-lookups.js';
import { writeProducts } from './product-page-writer.js';
import { readProductPages } from './product-pages.js';
import {
  finishPendingKits,
  latestProductUpdate,
  mapPage,
  markIds,
  markNumber,
  markText,
  PAGE_SIZE_OPTION,
  pageSizeOf,
} from './product-sweep.js';
import { scalar } from './ps-scalar.js';

export const UPDATE_PRODUCTS = 'update-products';

/** The upper end of a `date_upd >= from` filter (the webservice's interval form is inclusive). */
const FAR_FUTURE = '9999-12-31 23:59:59';
/** Store product ids per request when looking for deleted products. */
const ID_LIST_PAGE = 50_000;
/** Deleted product ids named in the notice. */
const NAMED_DELETIONS = 10;

/**
 * update-products: products changed in the store since the last run, found by `date_upd`.
 *
 * A sweep reads every product with `date_upd >= from` (keyset by id), where `from` is the newest
 * `date_upd` the store had when the previous sweep began (read with one request). A product changed
 * while a sweep pages gets a `date_upd` at least that late, so the next sweep reads it even if this
 * one had already passed its id; products read twice, or at exactly `from`, are recognised by their
 * binding (same `date_upd`) and counted unchanged without reading their combinations. The first run
 * starts where import-products' first sweep began.
 *
 * After the sweep, the store's id list (one light request per 50,000 products) is compared with the
 * hub's bindings: products gone from the store are marked deleted (and archived when the store is the
 * product master).
 *
 * Watermark: `{ from }` between runs; during a sweep also `until` (the next `from`), `lastId` and `full`,
 * so a killed run resumes where it stopped.
 */
export const updateProductsFeed: Feed = {
  name: UPDATE_PRODUCTS,
  description: 'Update products changed in the store since the last run (by date_upd); mark deleted ones.',
  direction: 'import',
  cadence: 'frequency',
  needs: PRODUCT_NEEDS,
  writes: ['products', 'variants', 'kit components', 'product categories', 'product bindings (deleted)'],
  options: [
    PAGE_SIZE_OPTION,
    {
      name: 'full',
      flag: 'full',
      kind: 'boolean',
      description:
        'Read and map every product, changed or not (after changing category families or tax rates, or ' +
        'to pick up combination edits the store did not date).',
    },
  ],
  async run(ctx) {
    const { store, client, hub } = ctx;
    const mark = (await hub.watermarks.get(store.id, UPDATE_PRODUCTS))?.value;
    const resuming = markText(mark, 'until') !== undefined && ctx.options.full !== true;
    const full = resuming ? mark?.full === true : ctx.options.full === true;
    let from: string;
    let until: string;
    let lastId: number;
    if (resuming) {
      from = markText(mark, 'from') ?? '';
      until = markText(mark, 'until') ?? '';
      lastId = markNumber(mark, 'lastId');
    } else {
      const importMark = (await hub.watermarks.get(store.id, IMPORT_PRODUCTS))?.value;
      from = full ? '' : (markText(mark, 'from') ?? markText(importMark, 'since') ?? '');
      until = await latestProductUpdate(client);
      lastId = 0;
    }
    let pendingKits = markIds(mark, 'pendingKits');
    const sweepMark = (values: { lastId: number; pendingKits: readonly number[] }) => ({
      from,
      until,
      full,
      lastId: values.lastId,
      pendingKits: values.pendingKits.join(','),
    });

    const dates = StoreDates.of(store);
    const session = new ProductLookupSession(ctx);
    const select = async (products: readonly PsProduct[]): Promise<PsProduct[]> => {
      if (full) return [...products];
      const bound = await hub.bindings.resolve(
        store.id,
        'products',
        products.map((product) => product.id),
      );
      return products.filter((product) => !isUnchanged(bound.get(String(product.id)), product, dates));
    };
    await ctx.progress({ step: 'changed products', done: 0 });
    const pages = readProductPages(client, {
      pageSize: pageSizeOf(ctx.options),
      afterId: lastId,
      select,
      ...(from === '' ? {} : { filter: { date_upd: filter.between(from, FAR_FUTURE) } }),
    });
    for await (const page of pages) {
      ctx.throwIfStopped();
      const pageUnchanged = page.products.length - page.toMap.length;
      const { mapped, failed } =
        page.toMap.length === 0 ? { mapped: [], failed: [] } : mapPage(page, await session.lookups());
      const pageLastId = page.products.at(-1)?.id ?? lastId;
      pendingKits = await ctx.commit(async (tx, tally) => {
        tally.unchanged(pageUnchanged);
        for (const failure of failed) tally.failed(failure.productId, failure.reason);
        const outcome = await writeProducts(tx, tally, store, mapped);
        const pending = [...new Set([...pendingKits, ...outcome.pendingKits])];
        await tx.watermarks.set(
          store.id,
          UPDATE_PRODUCTS,
          sweepMark({ lastId: pageLastId, pendingKits: pending }),
        );
        return pending;
      });
      lastId = pageLastId;
      await session.reportCategoryNotices();
      await ctx.progress({ done: page.products.length, increment: true });
    }
    if (pendingKits.length > 0) {
      await ctx.progress({ step: 'packs' });
      await finishPendingKits(ctx, pendingKits, (tx) =>
        tx.watermarks.set(store.id, UPDATE_PRODUCTS, sweepMark({ lastId, pendingKits: [] })),
      );
    }

    await ctx.progress({ step: 'deleted products' });
    const deleted = await productsGoneFromStore(ctx);
    const archive = store.settings.productMaster === 'store';
    await ctx.commit(async (tx, tally) => {
      const marked = await tx.catalog.markProductsDeleted(store.id, deleted, { archive });
      tally.updated(marked.length);
      // The sweep is complete: the next one starts from the newest date_upd seen when this one began.
      await tx.watermarks.set(store.id, UPDATE_PRODUCTS, { from: until === '' ? from : until });
    });
    if (deleted.length > 0) {
      const named = deleted.slice(0, NAMED_DELETIONS).join(', ');
      const more = deleted.length > NAMED_DELETIONS ? ` and ${deleted.length - NAMED_DELETIONS} more` : '';
      ctx.notice({
        kind: 'deleted-in-store',
        key: 'products',
        message:
          `${deleted.length} product(s) no longer in the store were marked deleted` +
          `${archive ? ' and archived in the hub' : ' (kept active in the hub: the hub is the product master)'}: ` +
          `${named}${more}.`,
      });
    }
  },
};

/** Whether the hub already has this version of the product (same store `date_upd`, still bound). */
function isUnchanged(binding: Binding | undefined, product: PsProduct, dates: StoreDates): boolean {
  if (binding === undefined || binding.deletedAt !== null || binding.externalUpdatedAt === null) return false;
  try {
    return binding.externalUpdatedAt === dates.toInstant(scalar(product.date_upd));
  } catch {
    return false;
  }
}

/**
 * Store ids of products bound to the store but no longer in it. The hub's bindings are read first:
 * a product imported meanwhile by another run is not in that snapshot, so it cannot be mistaken for
 * a deleted one.
 */
async function productsGoneFromStore(ctx: FeedContext): Promise<string[]> {
  const bound: string[] = [];
  for (let after = 0; ;) {
    const page = await ctx.hub.bindings.page(ctx.store.id, 'products', { afterLocalId: after, limit: 5000 });
    if (page.length === 0) break;
    for (const binding of page) if (binding.deletedAt === null) bound.push(binding.externalId);
    after = page.at(-1)?.localId ?? after;
  }
  if (bound.length === 0) return [];
  const inStore = new Set<string>();
  for await (const page of ctx.client.iterate('products', { display: ['id'] }, { pageSize: ID_LIST_PAGE })) {
    for (const product of page) inStore.add(String(product.id));
  }
  return bound.filter((externalId) => !inStore.has(externalId));
}
