import type { HubProductInput } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { toApiProduct } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { productBodyProperties } from './product-body.js';

const schema = {
  summary: "Create a product in the hub (the hub's own)",
  description:
    'With its variants (SKUs derived when not given), prices, barcodes, family and kit components. export-products adds it to the stores whose productMaster is hub or both; removing a store never archives it.',
  tags: ['products'],
  body: {
    type: 'object',
    required: ['name', 'price'],
    additionalProperties: false,
    properties: productBodyProperties,
  },
  response: { 201: { $ref: 'ApiProduct#' }, 422: errorRef },
} as const;

/** `POST /products`. */
export const registerAddProduct: RouteRegistration = (app, ctx) => {
  app.post<{ Body: HubProductInput }>(
    '/products',
    { schema, config: { access: 'operator' } },
    async (request, reply) => {
      const product = await ctx.hub.catalog.createProduct(request.body);
      request.log.info({ productId: product.id }, 'product created');
      return reply.status(201).send(toApiProduct(product));
    },
  );
};
