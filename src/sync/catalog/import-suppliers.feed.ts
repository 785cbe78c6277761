import type { Feed } from '../feed.js';
import { scalar } from './ps-scalar.js';

export const IMPORT_SUPPLIERS = 'import-suppliers';

/**
 * import-suppliers: the store's suppliers (names), a page of 1,000 per request and per transaction.
 * Every run reads them all (stores have few); a supplier whose name did not change is counted
 * unchanged. Suppliers deleted in the store stay in the hub.
 */
export const importSuppliersFeed: Feed = {
  name: IMPORT_SUPPLIERS,
  description: 'Import the suppliers (the product-supplier links need them).',
  direction: 'import',
  cadence: 'frequency',
  needs: [{ resource: 'suppliers', verb: 'GET' }],
  writes: ['suppliers'],
  async run(ctx) {
    const { store, client } = ctx;
    await ctx.progress({ step: 'suppliers', done: 0 });
    for await (const page of client.iterate('suppliers', { display: ['name'] }, { pageSize: 1000 })) {
      ctx.throwIfStopped();
      await ctx.commit(async (tx, tally) => {
        const records = page.flatMap((supplier) => {
          const name = scalar(supplier.name).trim();
          if (name !== '') return [{ externalId: supplier.id, name }];
          tally.failed(supplier.id, 'the supplier has no name');
          return [];
        });
        const result = await tx.catalog.upsertSuppliers(store.id, records);
        tally.created(result.counts.created);
        tally.updated(result.counts.updated);
        tally.unchanged(result.counts.unchanged);
      });
      await ctx.progress({ done: page.length, increment: true });
    }
  },
};
