import { NotFoundError, WriteNotConfirmedError } from './errors.js';
import { multipartBody } from './multipart-body.js';
import type { PsImage } from './resource-types.js';
import { bodyBytes, readXmlDocument } from './response-readers.js';
import type { Transport } from './transport.js';
import { childNamed } from './xml-stream-reader.js';

/** The kinds of images the webservice serves. */
export type PsImageOwner = 'products' | 'categories' | 'manufacturers' | 'suppliers' | 'stores' | 'general';

/** An image to upload. */
export interface ImageUpload {
  readonly data: Uint8Array;
  /** Default `image.jpg`. */
  readonly filename?: string;
  /** Default from the file name, else `image/jpeg`. */
  readonly contentType?: string;
}

/** The images of one owner (`GET images/products/{id}`, XML: JSON is broken there); `[]` when none. */
export async function listImages(
  transport: Transport,
  ownerType: PsImageOwner,
  ownerId: number,
): Promise<PsImage[]> {
  let root;
  try {
    root = await transport.send(
      { method: 'GET', path: `images/${ownerType}/${ownerId}`, resource: `images/${ownerType}`, id: ownerId },
      readXmlDocument,
    );
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
  return (root.children[0]?.children ?? [])
    .filter((child) => child.name === 'declination' && child.attributes.id !== undefined)
    .map((child) => ({ id: Number(child.attributes.id), ownerType, ownerId }));
}

/**
 * Uploads an image without ever duplicating it. A POST that fails without an answer may have been
 * stored: the owner's images are listed before and after, and the file is sent again only if no
 * new image appeared.
 */
export async function uploadImage(
  transport: Transport,
  ownerType: PsImageOwner,
  ownerId: number,
  upload: ImageUpload,
  attempts: number,
): Promise<PsImage> {
  const path = `images/${ownerType}/${ownerId}`;
  const filename = upload.filename ?? 'image.jpg';
  const { body, contentType } = multipartBody({
    field: 'image',
    filename,
    contentType: upload.contentType ?? imageType(filename),
    data: upload.data,
  });
  const before = new Set((await listImages(transport, ownerType, ownerId)).map((image) => image.id));
  for (let attempt = 1; ; attempt += 1) {
    try {
      const id = await transport.send(
        { method: 'POST', path, body, contentType, resource: `images/${ownerType}`, id: ownerId },
        async (response) => {
          const image = (await readXmlDocument(response)).children[0];
          const idElement = image ? childNamed(image, 'id') : undefined;
          const text = idElement ? (idElement.cdata || idElement.text).trim() : '';
          return /^\d+$/.test(text) ? Number(text) : undefined;
        },
      );
      if (id !== undefined) return { id, ownerType, ownerId };
    } catch (error) {
      if (!(error instanceof WriteNotConfirmedError) || attempt >= attempts) throw error;
    }
    // No answer, or one without an id: look before sending the file again.
    const added = (await listImages(transport, ownerType, ownerId)).filter((image) => !before.has(image.id));
    const newest = added.at(-1);
    if (newest) return newest;
    if (attempt >= attempts) {
      throw new WriteNotConfirmedError({
        request: { method: 'POST', url: path, resource: `images/${ownerType}`, id: ownerId },
        what: 'the store answered without an image id, and no new image appeared',
        hint: 'Check the product images in the back office before uploading again.',
      });
    }
  }
}

/** An image file; `size` is an image type such as `large_default` (default: the original). */
export async function downloadImage(
  transport: Transport,
  ownerType: PsImageOwner,
  ownerId: number,
  imageId: number,
  size: string | undefined,
): Promise<{ data: Buffer; contentType: string }> {
  const path = `images/${ownerType}/${ownerId}/${imageId}${size === undefined ? '' : `/${size}`}`;
  return transport.send(
    { method: 'GET', path, resource: `images/${ownerType}`, id: `${ownerId}/${imageId}` },
    async (response) => ({
      data: await bodyBytes(response),
      contentType: response.headers['content-type'] ?? 'application/octet-stream',
    }),
  );
}

function imageType(filename: string): string {
  const extension = filename.toLowerCase().split('.').at(-1);
  if (extension === 'png') return 'image/png';
  if (extension === 'gif') return 'image/gif';
  if (extension === 'webp') return 'image/webp';
  return 'image/jpeg';
}
