import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `images`: served by PrestaShop's dedicated image handler, not by the generic entity code, so
 * there is no schema and no field list to describe beyond the ids. What the recordings show
 * (`images.*` in the fixtures) and the engine must reproduce by hand:
 *
 * - `GET /api/images` → `<image_types>` with one empty element per image kind (`general`,
 *   `products`, `categories`, `manufacturers`, `suppliers`, `stores`, `customizations`), each with
 *   `xlink:href="{base}/api/images/{kind}"`, the key's `get`/`put`/`post`/`patch`/`delete`/`head`
 *   permissions for that kind (`put`, `post`, `delete` are `"false"` there even for a full key) and
 *   `upload_allowed_mimetypes="image/gif, image/jpg, image/jpeg, image/pjpeg, image/png, image/webp, image/x-png"`.
 * - `GET /api/images/products` → `<image_types>` listing the product image types
 *   (`<image_type id="1" name="cart_default" xlink:href="…/image_types/1"/>`, sorted by name), then
 *   `<images>` with `<image id="{product id}" xlink:href="…/images/products/{product id}"/>` for each
 *   product that has images.
 * - `GET /api/images/products/{id}` → `<image id="{product id}">` holding one
 *   `<declination id="{image id}" xlink:href="…/images/products/{product id}/{image id}"/>` per
 *   image; 404 when the product has no image.
 * - `GET|HEAD /api/images/products/{id}/{image id}` → the JPEG itself (`Content-Type: image/jpeg`).
 * - JSON is broken for image listings on 8.1.2 (500 with PHP warnings, code 3); XML works.
 * - Upload: `POST /api/images/products/{id}` multipart field `image` (PRESTASHOP-WEBSERVICE.md §5).
 */
export const imagesResource: ResourceDefinition = {
  name: 'images',
  singular: 'image',
  description: 'The images',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: false,
  specificManagement: true,
  fields: [{ name: 'id', json: 'number' }],
  associations: [],
};
