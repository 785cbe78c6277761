import type { HubTransaction, ProductImageInput } from '../../hub/index.js';
import { NotFoundError } from '../../webservice/index.js';
import type { Feed, FeedContext, PageTally } from '../feed.js';
import { imageExternalId, wantedImages } from './image-selection.js';
import { IMPORT_PRODUCTS } from './import-products.feed.js';
import { markNumber } from './product-sweep.js';

export const IMPORT_IMAGES = 'import-images';

/** Products per listing request (ids and image ids only: light). */
const PRODUCT_PAGE = 1000;
/** Image downloads started together (the client still keeps its own limit of requests in flight). */
const DOWNLOAD_BATCH = 32;

type ImageFile = { readonly data: Buffer; readonly contentType: string };

interface ProductImages {
  readonly productId: number;
  readonly localId: number;
  readonly ids: readonly number[];
  readonly cover: number | null;
}

/**
 * import-images (with "sync images" on): the cover image of each product, or all its images with
 * `extras.allImages`. The bytes are downloaded once (`images/products/{id}/{image id}`) and kept by
 * content hash; an image whose store id the hub already has is not downloaded again. A run looks at
 * the products imported since the last run (up to import-products' watermark, so a product not yet
 * imported is never passed over); `--full` looks at every product again (new, removed or changed
 * covers of older products).
 *
 * Watermark `{ lastId }` (products looked at), and `fullFrom` while a full sweep is under way.
 */
export const importImagesFeed: Feed = {
  name: IMPORT_IMAGES,
  description: 'Import product images (cover, or all with extras.allImages), each downloaded once.',
  direction: 'import',
  cadence: 'frequency',
  needs: [
    { resource: 'products', verb: 'GET' },
    { resource: 'images', verb: 'GET' },
  ],
  writes: ['images', 'product images'],
  options: [
    {
      name: 'full',
      flag: 'full',
      kind: 'boolean',
      description: 'Look at every product again, not only those imported since the last run.',
    },
  ],
  notReady(store) {
    return store.settings.extras.syncImages
      ? null
      : `Image sync is off for store '${store.name}'. Turn it on with ` +
          `\`prestabridge stores set ${store.name} extras.syncImages=true\`.`;
  },
  async run(ctx) {
    const { store, client, hub } = ctx;
    const mark = (await hub.watermarks.get(store.id, IMPORT_IMAGES))?.value;
    let lastId = markNumber(mark, 'lastId');
    const resumingFull = typeof mark?.fullFrom === 'number';
    const full = ctx.options.full === true || resumingFull;
    let position = ctx.options.full === true ? 0 : resumingFull ? markNumber(mark, 'fullFrom') : lastId;
    // Only products import-products has reached: later ones may not be in the hub yet.
    const upTo = markNumber((await hub.watermarks.get(store.id, IMPORT_PRODUCTS))?.value, 'lastId');
    await ctx.progress({ step: 'images', done: 0 });
    const pages = client.iterate(
      'products',
      { display: ['id_default_image', 'images[id]'] },
      { pageSize: PRODUCT_PAGE, afterId: position },
    );
    for await (const listed of pages) {
      ctx.throwIfStopped();
      const page = listed.filter((product) => product.id <= upTo);
      if (page.length === 0) break;
      const pageLastId = page.at(-1)?.id ?? position;
      const bound = await hub.bindings.resolve(
        store.id,
        'products',
        page.map((product) => product.id),
      );
      const products: ProductImages[] = [];
      const skipped: number[] = [];
      for (const product of page) {
        const binding = bound.get(String(product.id));
        if (binding === undefined || binding.deletedAt !== null) skipped.push(product.id);
        else
          products.push({
            productId: product.id,
            localId: binding.localId,
            ...wantedImages(product, store.settings.extras.allImages),
          });
      }
      const known = await hub.bindings.resolve(
        store.id,
        'images',
        products.flatMap((product) => product.ids.map((id) => imageExternalId(product.productId, id))),
      );
      const { files, gone } = await downloadNew(ctx, products, new Set(known.keys()));
      position = pageLastId;
      lastId = Math.max(lastId, pageLastId);
      await ctx.commit(async (tx, tally) => {
        for (const id of skipped)
          tally.skipped(id, 'product not in the hub (import-products did not import it)');
        for (const image of gone) tally.skipped(image, 'image no longer in the store');
        await writeImages(tx, tally, store.id, products, known, files);
        await tx.watermarks.set(
          store.id,
          IMPORT_IMAGES,
          full && page.length === listed.length ? { lastId, fullFrom: position } : { lastId },
        );
      });
      await ctx.progress({ done: page.length, increment: true });
      if (page.length < listed.length) break;
    }
    if (full) await ctx.commit((tx) => tx.watermarks.set(store.id, IMPORT_IMAGES, { lastId }));
  },
};

/**
 * Downloads the images the hub does not have, a batch at a time; bytes by binding key. An image gone
 * from the store since the listing (404) is left out and reported skipped.
 */
async function downloadNew(
  ctx: FeedContext,
  products: readonly ProductImages[],
  known: ReadonlySet<string>,
): Promise<{ files: Map<string, ImageFile>; gone: string[] }> {
  const wanted = products.flatMap((product) =>
    product.ids
      .filter((id) => !known.has(imageExternalId(product.productId, id)))
      .map((id) => ({ productId: product.productId, imageId: id })),
  );
  const files = new Map<string, ImageFile>();
  const gone: string[] = [];
  for (let start = 0; start < wanted.length; start += DOWNLOAD_BATCH) {
    ctx.throwIfStopped();
    const batch = wanted.slice(start, start + DOWNLOAD_BATCH);
    const downloaded = await Promise.all(
      batch.map(({ productId, imageId }) =>
        ctx.client.downloadImage('products', productId, imageId).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        }),
      ),
    );
    batch.forEach(({ productId, imageId }, index) => {
      const file = downloaded[index];
      if (file === undefined) gone.push(imageExternalId(productId, imageId));
      else files.set(imageExternalId(productId, imageId), file);
    });
  }
  return { files, gone };
}

/** Stores new bytes, sets each product's images (cover first flag, store order) and binds the images. */
async function writeImages(
  tx: HubTransaction,
  tally: PageTally,
  storeId: number,
  products: readonly ProductImages[],
  known: ReadonlyMap<string, { contentHash: string | null }>,
  downloads: ReadonlyMap<string, ImageFile>,
): Promise<void> {
  const bindings: { externalId: string; localId: number; contentHash: string }[] = [];
  for (const product of products) {
    if (product.ids.length === 0) continue;
    const images: (ProductImageInput & { externalId: string })[] = [];
    for (const [index, imageId] of product.ids.entries()) {
      const externalId = imageExternalId(product.productId, imageId);
      const file = downloads.get(externalId);
      const hash =
        file === undefined
          ? known.get(externalId)?.contentHash
          : await tx.catalog.storeImage(file.data, file.contentType);
      if (hash == null) continue;
      if (file === undefined) tally.unchanged();
      else tally.created();
      if (!images.some((image) => image.hash === hash)) {
        images.push({ externalId, hash, position: index, cover: imageId === product.cover });
      }
    }
    const ids = await tx.catalog.setProductImages(product.localId, images);
    for (const image of images) {
      const localId = ids.get(image.hash);
      if (localId !== undefined)
        bindings.push({ externalId: image.externalId, localId, contentHash: image.hash });
    }
  }
  await tx.bindings.upsert(storeId, 'images', bindings);
}
