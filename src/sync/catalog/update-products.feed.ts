import type { Binding } from '../../hub/index.js';
import { filter } from '../../webservice/index.js';
import type { Feed, FeedContext } from '../feed.js';
import { StoreDates } from '../store-dates.js';
import { IMPORT_PRODUCTS, PRODUCT_NEEDS } from './import-products.feed.js';
import { readProductsById } from './product-pages.js';
import {
  markIds,
  markNumber,
  markText,
  PAGE_SIZE_OPTION,
  pageSizeOf,
  sweepProductPages,
} from './product-sweep.js';
import { scalar } from './ps-scalar.js';

export const UPDATE_PRODUCTS = 'update-products';

/** The upper end of a `date_upd >= from` filter (the webservice's interval form is inclusive). */
const FAR_FUTURE = '9999-12-31 23:59:59';
/** Ids (and dates) per request in the light listings: what changed, and the store's ids. */
const ID_LIST_PAGE = 50_000;
/** Bindings read per query when sorting out what the hub already has. */
const BINDINGS_PER_QUERY = 5000;
/** Deleted product ids named in the notice. */
const NAMED_DELETIONS = 10;
/** How often the store's whole id list is read to find deleted products. */
const DELETION_CHECK_MS = 24 * 3_600_000;

/**
 * update-products: products changed in the store since the last run, found by `date_upd`.
 *
 * A run first lists the ids and dates of the products with `date_upd >= from` (a light listing, one
 * request per 50,000), where `from` is the newest `date_upd` that listing found on the previous run.
 * A product changed after the listing gets a `date_upd` at least that late, so the next run sees it
 * even if this one had passed it; products listed although the hub has them in that version (those at
 * exactly `from`, or a binding with the same `date_upd`) are counted unchanged and not read. The rest
 * are read in full by id (`filter[id]=[…]`) with their combinations, and written page by page. The
 * first run starts where import-products' first sweep began.
 *
 * Once a day (or with `--deletions`), the store's id list (one light request per 50,000 products) is
 * compared with the hub's bindings: products gone from the store are marked deleted (and archived
 * when the store is the product master). Listing every id costs the store more than anything else a
 * rerun asks, hence not at every run.
 *
 * Watermark: `{ from, deletionsCheckedAt }` between runs; during a run also `until` (the next
 * `from`), `lastId` and `full`, so a killed run resumes after the last product it committed.
 */
export const updateProductsFeed: Feed = {
  name: UPDATE_PRODUCTS,
  description: 'Update products changed in the store since the last run (by date_upd); mark deleted ones.',
  direction: 'import',
  // Daily unless the store's `schedules.update-products` says otherwise (issue 8's default).
  cadence: 'daily',
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
    {
      name: 'deletions',
      flag: 'deletions',
      kind: 'boolean',
      description: 'Look for products deleted in the store now (otherwise once a day).',
    },
  ],
  async run(ctx) {
    const { store, client, hub } = ctx;
    const mark = (await hub.watermarks.get(store.id, UPDATE_PRODUCTS))?.value;
    const resuming = markText(mark, 'until') !== undefined && ctx.options.full !== true;
    const full = resuming ? mark?.full === true : ctx.options.full === true;
    const importMark = resuming ? undefined : (await hub.watermarks.get(store.id, IMPORT_PRODUCTS))?.value;
    const from = resuming
      ? (markText(mark, 'from') ?? '')
      : full
        ? ''
        : (markText(mark, 'from') ?? markText(importMark, 'since') ?? '');
    const resumeAt = {
      lastId: resuming ? markNumber(mark, 'lastId') : 0,
      pendingKits: resuming ? markIds(mark, 'pendingKits') : [],
    };

    await ctx.progress({ step: 'changed products', done: 0 });
    const changes = await listChanges(ctx, from, resumeAt.lastId);
    const newest = [...changes.values()].reduce((latest, date) => (date > latest ? date : latest), from);
    const until = resuming ? (markText(mark, 'until') ?? newest) : newest;
    const toRead = full ? [...changes.keys()] : await changedInStore(ctx, changes, StoreDates.of(store));
    const unchanged = changes.size - toRead.length;
    await ctx.progress({ total: toRead.length });

    const checkedAt = markText(mark, 'deletionsCheckedAt') ?? null;
    await sweepProductPages(ctx, readProductsById(client, toRead, pageSizeOf(ctx.options)), {
      feed: UPDATE_PRODUCTS,
      from: resumeAt,
      markOf: (position) => ({
        from,
        until,
        full,
        deletionsCheckedAt: checkedAt,
        lastId: position.lastId,
        pendingKits: position.pendingKits.join(','),
      }),
    });

    const now = ctx.now();
    const checkDeletions =
      ctx.options.deletions === true ||
      checkedAt === null ||
      now.getTime() - Date.parse(checkedAt) >= DELETION_CHECK_MS;
    await ctx.progress({ step: checkDeletions ? 'deleted products' : 'done' });
    const deleted = checkDeletions ? await productsGoneFromStore(ctx) : [];
    const archive = store.settings.productMaster === 'store';
    await ctx.commit(async (tx, tally) => {
      tally.unchanged(unchanged);
      const marked = await tx.catalog.markProductsDeleted(store.id, deleted, { archive });
      tally.updated(marked.length);
      // Done: the next run lists what changed from the newest date_upd this one's listing found.
      await tx.watermarks.set(store.id, UPDATE_PRODUCTS, {
        from: until,
        deletionsCheckedAt: checkDeletions ? now.toISOString() : checkedAt,
      });
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

/** Ids and `date_upd` of the products with `date_upd >= from` (all products when `from` is empty), after `afterId`. */
async function listChanges(ctx: FeedContext, from: string, afterId: number): Promise<Map<number, string>> {
  const changes = new Map<number, string>();
  const query = {
    display: ['date_upd'],
    ...(from === '' ? {} : { filter: { date_upd: filter.between(from, FAR_FUTURE) } }),
  };
  for await (const page of ctx.client.iterate('products', query, { pageSize: ID_LIST_PAGE, afterId })) {
    for (const product of page) changes.set(product.id, scalar(product.date_upd));
  }
  return changes;
}

/** The listed products the hub does not have in this version (unbound, deleted, or another `date_upd`). */
async function changedInStore(
  ctx: FeedContext,
  changes: ReadonlyMap<number, string>,
  dates: StoreDates,
): Promise<number[]> {
  const ids = [...changes.keys()].sort((a, b) => a - b);
  const changed: number[] = [];
  for (let start = 0; start < ids.length; start += BINDINGS_PER_QUERY) {
    const chunk = ids.slice(start, start + BINDINGS_PER_QUERY);
    const bound = await ctx.hub.bindings.resolve(ctx.store.id, 'products', chunk);
    for (const id of chunk) {
      if (!isUnchanged(bound.get(String(id)), changes.get(id) ?? '', dates)) changed.push(id);
    }
  }
  return changed;
}

/** Whether the hub already has this version of the product (same store `date_upd`, still bound). */
function isUnchanged(binding: Binding | undefined, dateUpd: string, dates: StoreDates): boolean {
  if (binding === undefined || binding.deletedAt !== null || binding.externalUpdatedAt === null) return false;
  try {
    return binding.externalUpdatedAt === dates.toInstant(dateUpd);
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
    const page = await ctx.hub.bindings.page(ctx.store.id, 'products', {
      afterLocalId: after,
      limit: BINDINGS_PER_QUERY,
    });
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
