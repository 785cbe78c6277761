import type { RouteRegistration } from '../api-context.js';
import { toApiProduct } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';
import { type ProductBody, productBodyProperties } from './product-body.js';

const schema = {
  summary: 'Change a product (the hub’s own or an imported one)',
  description:
    'Fields given replace the product’s; `variants`, when given, is the whole list (listed ones by id updated, new ones added, unlisted ones deactivated); `components` replaces a kit’s. export-products then updates it in the stores whose productMaster is hub or both.',
  tags: ['products'],
  params: idParams,
  body: {
    type: 'object',
    minProperties: 1,
    additionalProperties: false,
    properties: productBodyProperties,
  },
  response: { 200: { $ref: 'ApiProduct#' }, 404: errorRef, 422: errorRef },
} as const;

/** `PATCH /products/:id`. */
export const registerUpdateProduct: RouteRegistration = (app, ctx) => {
  app.patch<{ Params: { id: number }; Body: ProductBody }>(
    '/products/:id',
    { schema, config: { access: 'operator' } },
    async (request) => {
      const product = await ctx.hub.catalog.updateProduct(request.params.id, request.body);
      request.log.info({ productId: product.id }, 'product changed');
      return toApiProduct(product);
    },
  );
};
