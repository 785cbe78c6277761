import type { CategoryRecord } from '../../hub/index.js';
import type { Feed } from '../feed.js';
import { StoreLanguages } from '../store-languages.js';
import { fingerprint } from './content-fingerprint.js';
import { mapCategory, parentsFirst } from './map-category.js';

export const IMPORT_CATEGORIES = 'import-categories';

/** Categories per transaction. */
const CATEGORY_PAGE = 500;

/**
 * import-categories: the store's category tree (with "sync categories" on). Categories are few, so
 * every run reads the whole tree (one request per 1,000 categories, without the product lists a full
 * display would carry) and writes what changed, parents before children; a category whose content
 * matches the fingerprint in its binding is counted unchanged. Categories gone from the store are
 * marked deleted in their binding (kept in the hub, with their products' links).
 */
export const importCategoriesFeed: Feed = {
  name: IMPORT_CATEGORIES,
  description: 'Import the category tree (categories are mapped to families through categoryFamilies).',
  direction: 'import',
  cadence: 'frequency',
  needs: [{ resource: 'categories', verb: 'GET' }],
  writes: ['categories'],
  notReady(store) {
    return store.settings.extras.syncCategories
      ? null
      : `Category sync is off for store '${store.name}'. Turn it on with ` +
          `\`prestabridge stores set ${store.name} extras.syncCategories=true\`.`;
  },
  async run(ctx) {
    const { store, client, hub } = ctx;
    const languages = await StoreLanguages.load(store, client);
    await ctx.progress({ step: 'categories', done: 0 });
    const categories = await client
      .iterate('categories', { display: ['id_parent', 'active', 'position', 'name'] }, { pageSize: 1000 })
      .toArray();
    const records = parentsFirst(categories.map((category) => mapCategory(category, languages)));
    const bound = await hub.bindings.resolve(
      store.id,
      'categories',
      records.map((record) => record.externalId),
    );
    const changed: { record: CategoryRecord; hash: string }[] = [];
    for (const record of records) {
      const hash = fingerprint([
        record.parentExternalId ?? null,
        record.name,
        record.names,
        record.position,
        record.active,
      ]);
      const binding = bound.get(String(record.externalId));
      if (binding?.contentHash !== hash || binding.deletedAt !== null) changed.push({ record, hash });
    }
    const unchanged = records.length - changed.length;
    await ctx.progress({ total: records.length, done: unchanged });

    await ctx.commit((_tx, tally) => {
      tally.unchanged(unchanged);
      return Promise.resolve();
    });
    for (let start = 0; start < changed.length; start += CATEGORY_PAGE) {
      ctx.throwIfStopped();
      const page = changed.slice(start, start + CATEGORY_PAGE);
      await ctx.commit(async (tx, tally) => {
        const result = await tx.catalog.upsertCategories(
          store.id,
          page.map((entry) => entry.record),
        );
        const localIds = new Map(result.items.map((item) => [item.externalId, item.localId]));
        tally.created(result.counts.created);
        tally.updated(result.counts.updated + result.counts.unchanged);
        // The fingerprint the next run compares with (the repository binds without one).
        await tx.bindings.upsert(
          store.id,
          'categories',
          page.map(({ record, hash }) => ({
            externalId: record.externalId,
            localId: localIds.get(String(record.externalId)) ?? 0,
            contentHash: hash,
          })),
        );
      });
      await ctx.progress({ done: page.length, increment: true });
    }

    const inStore = new Set(records.map((record) => String(record.externalId)));
    const gone = (await hub.catalog.storeCategories(store.id))
      .filter((category) => !category.deletedInStore && !inStore.has(category.externalId))
      .map((category) => category.externalId);
    if (gone.length > 0) {
      await ctx.commit(async (tx, tally) => {
        await tx.bindings.markDeleted(store.id, 'categories', gone);
        tally.updated(gone.length);
      });
      ctx.notice({
        kind: 'deleted-in-store',
        key: 'categories',
        message: `${gone.length} categor${gone.length === 1 ? 'y' : 'ies'} no longer in the store ${gone.length === 1 ? 'was' : 'were'} marked deleted: ${gone.slice(0, 10).join(', ')}.`,
      });
    }
  },
};
