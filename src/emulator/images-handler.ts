/**
 * `/api/images/…`, PrestaShop's dedicated image handler: the image kinds, the product images
 * listing, one product's images, the image bytes, and multipart uploads (field `image`). JSON is
 * broken on 8.1 for these listings and the emulator answers them the same broken way.
 */
import type { ReadContext } from './entity-reader.js';
import { productImageJpeg, sniffImageType } from './image-bytes.js';
import { phpJsonString } from './json-renderer.js';
import { phpInt } from './list-query.js';
import { readMultipartFiles } from './multipart.js';
import { textOf } from './record.js';
import type { HttpVerb } from './resource-definition.js';
import { errorsOutcome, type WsOutcome } from './ws-outcome.js';
import { xmlDocument } from './xml-renderer.js';

const KINDS = ['general', 'products', 'categories', 'manufacturers', 'suppliers', 'stores', 'customizations'];
const MIME_TYPES = 'image/gif, image/jpg, image/jpeg, image/pjpeg, image/png, image/webp, image/x-png';
const ACCEPTED = [
  'image/gif',
  'image/jpg',
  'image/jpeg',
  'image/pjpeg',
  'image/png',
  'image/webp',
  'image/x-png',
];
/** Product image types as PrestaShop lists them (sorted by name): [id, name]. */
const PRODUCT_IMAGE_TYPES: ReadonlyArray<readonly [number, string]> = [
  [1, 'cart_default'],
  [4, 'home_default'],
  [5, 'large_default'],
  [3, 'medium_default'],
  [2, 'small_default'],
];
/** Uploads above this many bytes are refused with code 72 (PHP's default upload limit). */
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

/** The broken JSON of 8.1 image listings: ids under an empty key, one PHP warning per node, 500. */
function brokenJson(ctx: ReadContext, ids: ReadonlyArray<number | string>, extra: string[] = []): WsOutcome {
  const warning = phpJsonString(
    `[PHP Warning #2] Undefined array key "objectsNodeName" (${ctx.installDir}classes/webservice/WebserviceOutputJSON.php, line 127)`,
  );
  const items = ids.map((id) => `{"id":${typeof id === 'number' ? id : phpJsonString(id)}}`);
  const errors = [...ids.map(() => `{"code":3,"message":${warning}}`), ...extra];
  return {
    kind: 'broken-json',
    status: 500,
    body: `{"":[${items.join(',')}],"errors":[${errors.join(',')}]}`,
  };
}

function productImages(ctx: ReadContext, productId: number): string[] {
  const product = ctx.store.get('products', productId);
  return (product?.associations.images ?? []).map((entry) => entry.id ?? '').filter((id) => id !== '');
}

export function handleImages(
  ctx: ReadContext,
  method: string,
  segments: readonly string[],
  verbs: ReadonlySet<HttpVerb>,
): WsOutcome {
  const [, kind = '', owner = '', image = ''] = segments;
  const api = ctx.render.apiUrl;
  if (kind === '') {
    if (ctx.json) return { kind: 'crash' };
    const flag = (verb: HttpVerb): string =>
      (verb === 'GET' || verb === 'HEAD') && verbs.has(verb) ? 'true' : 'false';
    const lines = KINDS.map(
      (name) =>
        `<${name} xlink:href="${api}images/${name}" get="${flag('GET')}" put="false" post="false" patch="false" delete="false" head="${flag('HEAD')}" upload_allowed_mimetypes="${MIME_TYPES}"/>\n`,
    );
    return {
      kind: 'content',
      status: 200,
      body: xmlDocument(`<image_types>\n${lines.join('')}</image_types>\n`),
    };
  }
  if (!KINDS.includes(kind)) {
    return errorsOutcome(400, [{ code: 50, message: `Image type does not exist` }]);
  }
  if (kind !== 'products') {
    if (owner === '') {
      return {
        kind: 'content',
        status: 200,
        body: xmlDocument(`<image_types>\n</image_types>\n<images>\n</images>\n`),
      };
    }
    return { kind: 'empty', status: 404 };
  }
  if (method === 'POST' || method === 'PUT') return uploadProductImage(ctx, method, owner, image);
  if (method === 'DELETE') return deleteProductImage(ctx, owner, image);
  if (owner === '') {
    const withImages: number[] = [];
    for (const product of ctx.store.records('products'))
      if ((product.associations.images?.length ?? 0) > 0) withImages.push(product.id);
    if (ctx.json) return brokenJson(ctx, [...PRODUCT_IMAGE_TYPES.map(([id]) => id), ...withImages]);
    const types = PRODUCT_IMAGE_TYPES.map(
      ([id, name]) => `<image_type id="${id}" name="${name}" xlink:href="${api}image_types/${id}"/>\n`,
    );
    const images = withImages.map((id) => `<image id="${id}" xlink:href="${api}images/products/${id}"/>\n`);
    return {
      kind: 'content',
      status: 200,
      body: xmlDocument(
        `<image_types>\n${types.join('')}</image_types>\n<images>\n${images.join('')}</images>\n`,
      ),
    };
  }
  const productId = phpInt(owner);
  const ids = productImages(ctx, productId);
  if (image === '') {
    if (ids.length === 0) return { kind: 'empty', status: 404 };
    if (ctx.json) {
      return brokenJson(
        ctx,
        [owner, ...ids.map(Number)],
        [`{"code":61,"message":"This image does not exist on disk"}`],
      );
    }
    const lines = ids.map(
      (id) => `<declination id="${id}" xlink:href="${api}images/products/${productId}/${id}"/>\n`,
    );
    return {
      kind: 'content',
      status: 200,
      body: xmlDocument(`<image id="${productId}">\n${lines.join('')}</image>\n`),
    };
  }
  const imageId = phpInt(image);
  if (!ids.includes(String(imageId))) {
    return errorsOutcome(404, [{ code: 66, message: 'This image id does not exist' }]);
  }
  const uploaded = ctx.store.uploadedImages.get(`${productId}/${imageId}`);
  return {
    kind: 'content',
    status: 200,
    body: uploaded?.bytes ?? productImageJpeg(productId, imageId),
    contentType: uploaded?.mime ?? 'image/jpeg',
  };
}

function uploadProductImage(ctx: ReadContext, method: string, owner: string, image: string): WsOutcome {
  const file = readMultipartFiles(ctx.request.headers['content-type'], ctx.request.body).find(
    (f) => f.field === 'image',
  );
  if (file === undefined || file.bytes.length === 0) {
    return errorsOutcome(400, [
      { code: 76, message: 'Please set an "image" parameter with image data for value' },
    ]);
  }
  if (file.bytes.length > MAX_UPLOAD_BYTES) {
    return errorsOutcome(400, [
      { code: 72, message: `The image size is too large (maximum allowed is ${MAX_UPLOAD_BYTES / 1000} KB)` },
    ]);
  }
  const mime = sniffImageType(file.bytes);
  if (mime === undefined || !ACCEPTED.includes(mime)) {
    return errorsOutcome(400, [
      {
        code: 73,
        message: `This type of image format is not recognized, allowed formats are: ${ACCEPTED.join('", "')}`,
      },
    ]);
  }
  const productId = phpInt(owner);
  const product = ctx.store.get('products', productId);
  if (product === undefined)
    return errorsOutcome(400, [{ code: 76, message: `Product ${productId} does not exist` }]);
  const images = [...(product.associations.images ?? [])];
  let imageId: number;
  if (method === 'PUT') {
    imageId = phpInt(image);
    if (!images.some((entry) => entry.id === String(imageId))) {
      return errorsOutcome(404, [{ code: 66, message: 'This image id does not exist' }]);
    }
  } else {
    imageId = ctx.store.nextNumber('image');
    images.push({ id: String(imageId) });
    const changes =
      textOf(product.values.id_default_image) === '' ? { id_default_image: String(imageId) } : {};
    ctx.store.update('products', productId, changes, { images });
  }
  ctx.store.uploadedImages.set(`${productId}/${imageId}`, { bytes: file.bytes, mime });
  const position = images.findIndex((entry) => entry.id === String(imageId)) + 1;
  const cover =
    textOf(ctx.store.get('products', productId)?.values.id_default_image) === String(imageId) ? '1' : '';
  const legend = ctx.render.languages
    .map(
      (lang) =>
        `<language id="${lang}" xlink:href="${ctx.render.apiUrl}languages/${lang}"><![CDATA[${textOf(product.values.name, lang)}]]></language>`,
    )
    .join('');
  const body =
    `<image>\n<id><![CDATA[${imageId}]]></id>\n` +
    `<id_product xlink:href="${ctx.render.apiUrl}products/${productId}"><![CDATA[${productId}]]></id_product>\n` +
    `<position><![CDATA[${position}]]></position>\n<cover><![CDATA[${cover}]]></cover>\n<legend>${legend}</legend>\n</image>\n` +
    `<content encode="base64"><![CDATA[${file.bytes.toString('base64')}]]></content>\n`;
  return { kind: 'content', status: 200, body: xmlDocument(body) };
}

function deleteProductImage(ctx: ReadContext, owner: string, image: string): WsOutcome {
  const productId = phpInt(owner);
  const imageId = phpInt(image);
  const product = ctx.store.get('products', productId);
  const images = product?.associations.images ?? [];
  if (product === undefined || !images.some((entry) => entry.id === String(imageId))) {
    return errorsOutcome(404, [{ code: 66, message: 'This image id does not exist' }]);
  }
  const rest = images.filter((entry) => entry.id !== String(imageId));
  const changes =
    textOf(product.values.id_default_image) === String(imageId)
      ? { id_default_image: rest[0]?.id ?? '' }
      : {};
  ctx.store.update('products', productId, changes, { images: rest });
  ctx.store.uploadedImages.delete(`${productId}/${imageId}`);
  return { kind: 'empty', status: 200 };
}
