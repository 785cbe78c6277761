import type { Binding } from '../../hub/index.js';
import { filter, type PsFilter } from '../../webservice/index.js';
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

/**
 * How long after a `date_upd` second the hub holds that no product can still be dated in it, the
 * clocks of the hub and the store told apart included: only then does the watermark skip the products
 * of that second it has read (its id part); before, they are listed again (and not read: unchanged).
 */
const SETTLED_MS = 10 * 60_000;
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
 * A run first lists the ids and dates of the products after the watermark `(from, fromId)` — a
 * keyset on (`date_upd`, id): those dated `from` with an id above `fromId`, and those dated later
 * (two light listings, one request each per 50,000). Many products share a `date_upd` second after a
 * mass or CSV import; the keyset skips the ones already read instead of listing them at every run.
 * A product changed after the listing gets a `date_upd` at least as late as the listing, so the next
 * run sees it; `fromId` is kept only once the `from` second is well over ({@link SETTLED_MS}), since
 * a product with a lower id could still be dated in it. Listed products the hub already has in that
 * version (a binding with the same `date_upd`) are counted unchanged and not read. The rest are read
 * in full by id (`filter[id]=[…]`) with their combinations, and written page by page. The first run
 * starts where import-products' first sweep began.
 *
 * Once a day (or with `--deletions`), the store's id list (one light request per 50,000 products) is
 * compared with the hub's bindings: products gone from the store are marked deleted (and archived
 * when the store is the product master). Listing every id costs the store more than anything else a
 * rerun asks, hence not at every run.
 *
 * Watermark: `{ from, fromId, deletionsCheckedAt }` between runs; during a run also `until` and
 * `untilId` (the next `from`, `fromId`), `lastId` and `full`, so a killed run resumes after the last
 * product it committed.
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
    const fromId = from === '' || (full && !resuming) ? 0 : markNumber(mark, 'fromId');
    const resumeAt = {
      lastId: resuming ? markNumber(mark, 'lastId') : 0,
      pendingKits: resuming ? markIds(mark, 'pendingKits') : [],
    };

    await ctx.progress({ step: 'changed products', done: 0 });
    const listedAt = ctx.now();
    const changes = await listChanges(ctx, { from, fromId }, resumeAt.lastId);
    const dates = StoreDates.of(store);
    const next = resuming
      ? { from: markText(mark, 'until') ?? from, fromId: markNumber(mark, 'untilId') }
      : nextCursor({ from, fromId }, changes, (date) => isSettled(date, dates, listedAt));
    const toRead = full ? [...changes.keys()] : await changedInStore(ctx, changes, dates);
    const unchanged = changes.size - toRead.length;
    await ctx.progress({ total: toRead.length });

    const checkedAt = markText(mark, 'deletionsCheckedAt') ?? null;
    await sweepProductPages(ctx, readProductsById(client, toRead, pageSizeOf(ctx.options)), {
      feed: UPDATE_PRODUCTS,
      from: resumeAt,
      markOf: (position) => ({
        from,
        fromId,
        until: next.from,
        untilId: next.fromId,
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
      // Done: the next run lists what changed after the newest (date_upd, id) this one's listing found.
      await tx.watermarks.set(store.id, UPDATE_PRODUCTS, {
        from: next.from,
        fromId: next.fromId,
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

/** A (`date_upd`, id) keyset position: the products dated `from` up to id `fromId` are behind it. */
interface Cursor {
  readonly from: string;
  readonly fromId: number;
}

/**
 * Ids and `date_upd` of the products after `cursor` (every product when `from` is empty), with an id
 * above `afterId`: those dated `from` with a higher id (`filter[date_upd]=[from]`), and those dated
 * later (`filter[date_upd]=>[from]`) — the webservice has no OR across fields, so two listings, read
 * at once.
 */
async function listChanges(ctx: FeedContext, cursor: Cursor, afterId: number): Promise<Map<number, string>> {
  const changes = new Map<number, string>();
  const list = async (dated: PsFilter | undefined, after: number): Promise<void> => {
    const query = { display: ['date_upd'], ...(dated === undefined ? {} : { filter: { date_upd: dated } }) };
    for await (const page of ctx.client.iterate('products', query, {
      pageSize: ID_LIST_PAGE,
      afterId: after,
    })) {
      for (const product of page) changes.set(product.id, scalar(product.date_upd));
    }
  };
  if (cursor.from === '') await list(undefined, afterId);
  else
    await Promise.all([
      list(cursor.from, Math.max(cursor.fromId, afterId)),
      list(filter.after(cursor.from), afterId),
    ]);
  return changes;
}

/**
 * Where the next run starts: the newest `date_upd` listed, and the highest id listed at that date
 * (`cursor.fromId` too when it is still `from`) — or 0 while that second may still date products.
 */
function nextCursor(
  cursor: Cursor,
  changes: ReadonlyMap<number, string>,
  settled: (date: string) => boolean,
): Cursor {
  let { from, fromId } = cursor;
  for (const [id, date] of changes) {
    if (date > from) [from, fromId] = [date, id];
    else if (date === from && id > fromId) fromId = id;
  }
  return { from, fromId: from !== '' && settled(from) ? fromId : 0 };
}

/** Whether the store second `date` ended at least {@link SETTLED_MS} before `now`. */
function isSettled(date: string, dates: StoreDates, now: Date): boolean {
  try {
    const instant = dates.toInstant(date);
    return instant !== null && Date.parse(instant) + 1000 + SETTLED_MS <= now.getTime();
  } catch {
    return false;
  }
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
