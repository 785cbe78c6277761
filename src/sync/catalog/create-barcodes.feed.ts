import type { Feed } from '../feed.js';
import { FeedPreconditionError } from '../feed-errors.js';
import { DEFAULT_BARCODE_PREFIX, ean13Capacity, ean13For } from './ean13.js';

export const CREATE_BARCODES = 'create-barcodes';

/** Variants per transaction. */
const VARIANT_PAGE = 500;

/**
 * create-barcodes (with "auto create barcodes" on): gives every variant of the store that has no
 * barcode a new EAN-13 — the store's GS1 prefix (`extras.barcodePrefix`, default 20: numbers for use
 * inside the company), an item number from a hub-wide sequence per prefix, and the check digit. A
 * number some variant already carries is passed over, so a generated barcode is unique in the hub.
 * It runs after the product imports (last of the catalog feeds); the imports keep a generated
 * barcode when they rewrite the variant. The barcode lives in the hub: it is not written to the store.
 */
export const createBarcodesFeed: Feed = {
  name: CREATE_BARCODES,
  description: 'Give variants without a barcode a new unique EAN-13 (from extras.barcodePrefix).',
  direction: 'import',
  cadence: 'frequency',
  needs: [],
  writes: ['variant barcodes'],
  notReady(store) {
    return store.settings.extras.autoCreateBarcodes
      ? null
      : `Barcode creation is off for store '${store.name}'. Turn it on with ` +
          `\`prestabridge stores set ${store.name} extras.autoCreateBarcodes=true\`.`;
  },
  async run(ctx) {
    const { store, hub } = ctx;
    const prefix = store.settings.extras.barcodePrefix ?? DEFAULT_BARCODE_PREFIX;
    const capacity = ean13Capacity(prefix);
    let after = 0;
    await ctx.progress({ step: 'barcodes', done: 0 });
    for (;;) {
      ctx.throwIfStopped();
      const variants = await hub.catalog.variantsWithoutBarcode({
        storeId: store.id,
        afterVariantId: after,
        limit: VARIANT_PAGE,
      });
      if (variants.length === 0) break;
      await ctx.commit(async (tx, tally) => {
        const barcodes: string[] = [];
        while (barcodes.length < variants.length) {
          const needed = variants.length - barcodes.length;
          const first = await tx.catalog.reserveBarcodeNumbers(prefix, needed);
          if (first + needed - 1 >= capacity) {
            throw new FeedPreconditionError(
              `The barcode prefix ${prefix} has no item numbers left (${capacity - 1} used). Choose another ` +
                `prefix (a shorter one leaves more numbers): prestabridge stores set ${store.name} extras.barcodePrefix=DIGITS`,
            );
          }
          const candidates = Array.from({ length: needed }, (_, index) => ean13For(prefix, first + index));
          const taken = await tx.catalog.existingBarcodes(candidates);
          barcodes.push(...candidates.filter((barcode) => !taken.has(barcode)));
        }
        await tx.catalog.setBarcodes(
          variants.map((variant, index) => ({ variantId: variant.id, barcode: barcodes[index] ?? '' })),
        );
        tally.updated(variants.length);
      });
      after = variants.at(-1)?.id ?? after;
      await ctx.progress({ done: variants.length, increment: true });
    }
  },
};
