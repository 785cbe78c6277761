import type { PsRecord } from '../../webservice/index.js';

/**
 * The images of a product the hub keeps, in the store's order: every image with "all images" on,
 * otherwise the cover only (`id_default_image`; the first image when the store names no cover). Pure.
 */
export function wantedImages(product: PsRecord, allImages: boolean): { ids: number[]; cover: number | null } {
  const listed = (product.associations?.images ?? []).flatMap((entry) =>
    typeof entry.id === 'number' && entry.id > 0 ? [entry.id] : [],
  );
  const named = Number(product.id_default_image) || 0;
  const cover = named > 0 ? named : (listed[0] ?? null);
  if (allImages) return { ids: [...new Set(listed)], cover };
  return { ids: cover === null ? [] : [cover], cover };
}

/** Binding key of a product image: `<product id>:<image id>` (image ids are unique per store). */
export function imageExternalId(productId: number, imageId: number): string {
  return `${productId}:${imageId}`;
}
