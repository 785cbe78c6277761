import type { ProductSupplierLink } from '../../hub/index.js';
import type { Feed, PageTally } from '../feed.js';
import { fingerprint } from './content-fingerprint.js';
import { mapProductSupplier, type ProductSupplierOutcome } from './map-product-supplier.js';
import { markNumber } from './product-sweep.js';
import { scalar } from './ps-scalar.js';

export const IMPORT_PRODUCT_SUPPLIERS = 'import-product-suppliers';

/** Links per request and per transaction. */
const LINK_PAGE = 2000;

/**
 * import-product-suppliers: which supplier sells each variant, with the supplier's reference and price
 * excl. tax. `product_suppliers` rows carry no date, so a run sweeps them all (keyset by id, one request
 * per 2,000 links) and writes only links whose content changed since the fingerprint in their binding;
 * a killed sweep resumes after the last committed id. Runs daily by default.
 */
export const importProductSuppliersFeed: Feed = {
  name: IMPORT_PRODUCT_SUPPLIERS,
  description:
    "Import each variant's suppliers with their references and prices (after suppliers and products).",
  direction: 'import',
  cadence: 'daily',
  needs: [
    { resource: 'product_suppliers', verb: 'GET' },
    { resource: 'currencies', verb: 'GET' },
  ],
  writes: ['product suppliers'],
  async run(ctx) {
    const { store, client, hub } = ctx;
    const lastId = markNumber(
      (await hub.watermarks.get(store.id, IMPORT_PRODUCT_SUPPLIERS))?.value,
      'lastId',
    );
    const currencies = new Map(
      (await client.iterate('currencies', { display: ['iso_code'] }, { pageSize: 1000 }).toArray()).map(
        (currency) => [currency.id, scalar(currency.iso_code)],
      ),
    );
    await ctx.progress({ step: 'product suppliers', done: 0 });
    for await (const page of client.iterate(
      'product_suppliers',
      { display: 'full' },
      { pageSize: LINK_PAGE, afterId: lastId },
    )) {
      ctx.throwIfStopped();
      const outcomes = page.map((row) => ({ id: row.id, outcome: mapProductSupplier(row, currencies) }));
      await ctx.commit(async (tx, tally) => {
        const links = outcomes.flatMap(({ id, outcome }) =>
          outcome.kind === 'link' ? [{ id, ...outcome }] : [],
        );
        const [variants, suppliers, products, bound] = await Promise.all([
          tx.catalog.variantIdsByExternal(
            store.id,
            links.map((entry) => entry.refs.variantExternalId),
          ),
          tx.bindings.resolve(
            store.id,
            'suppliers',
            links.map((entry) => entry.refs.supplierExternalId),
          ),
          tx.bindings.resolve(
            store.id,
            'products',
            links.map((entry) => entry.refs.variantExternalId.split(':')[0] ?? ''),
          ),
          tx.bindings.resolve(
            store.id,
            'product_suppliers',
            links.map((entry) => entry.id),
          ),
        ]);
        const toWrite: ProductSupplierLink[] = [];
        const toBind: { externalId: number; localId: number; contentHash: string }[] = [];
        for (const { id, outcome } of outcomes) {
          if (outcome.kind !== 'link') {
            reportSkip(tally, id, outcome);
            continue;
          }
          const variantId = variants.get(outcome.refs.variantExternalId);
          const supplier = suppliers.get(outcome.refs.supplierExternalId);
          if (variantId === undefined) {
            const [productId, combinationId] = outcome.refs.variantExternalId.split(':');
            tally.skipped(
              id,
              combinationId === '0' && products.has(productId ?? '')
                ? 'product-level link of a product with combinations (its combinations carry their own links)'
                : 'product not in the hub yet (import-products imports it)',
            );
            continue;
          }
          if (supplier === undefined) {
            tally.skipped(id, 'supplier not in the hub yet (import-suppliers imports it)');
            continue;
          }
          const link = { variantId, supplierId: supplier.localId, ...outcome.link };
          const hash = fingerprint([variantId, supplier.localId, link.reference, link.price, link.currency]);
          if (bound.get(String(id))?.contentHash === hash) {
            tally.unchanged();
            continue;
          }
          toWrite.push(link);
          toBind.push({ externalId: id, localId: variantId, contentHash: hash });
          if (bound.has(String(id))) tally.updated();
          else tally.created();
        }
        await tx.catalog.upsertProductSuppliers(toWrite);
        await tx.bindings.upsert(store.id, 'product_suppliers', toBind);
        await tx.watermarks.set(store.id, IMPORT_PRODUCT_SUPPLIERS, { lastId: page.at(-1)?.id ?? lastId });
      });
      await ctx.progress({ done: page.length, increment: true });
    }
    // The sweep is complete: the next run reads every link again.
    await ctx.commit((tx) => tx.watermarks.set(store.id, IMPORT_PRODUCT_SUPPLIERS, { lastId: 0 }));
  },
};

function reportSkip(
  tally: PageTally,
  id: number,
  outcome: Exclude<ProductSupplierOutcome, { kind: 'link' }>,
): void {
  if (outcome.kind === 'skip') tally.skipped(id, outcome.reason);
  else tally.failed(id, outcome.reason);
}
