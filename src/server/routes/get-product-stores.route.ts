import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const storeBinding = {
  type: 'object',
  required: ['storeId', 'store', 'externalId', 'deleted', 'variants'],
  additionalProperties: false,
  properties: {
    storeId: { type: 'integer' },
    store: { type: 'string', description: 'The store’s name.' },
    externalId: { type: 'string', description: 'The product’s id in the store.' },
    deleted: { type: 'boolean', description: 'Found deleted in the store.' },
    variants: {
      type: 'array',
      description: 'Each variant the store sells, with its id there (`<product id>:<combination id>`).',
      items: {
        type: 'object',
        required: ['variantId', 'externalId'],
        additionalProperties: false,
        properties: { variantId: { type: 'integer' }, externalId: { type: 'string' } },
      },
    },
  },
} as const;

const schema = {
  summary: 'Which stores sell a product, and its ids there',
  tags: ['products'],
  params: idParams,
  response: {
    200: {
      type: 'object',
      required: ['stores'],
      additionalProperties: false,
      properties: { stores: { type: 'array', items: storeBinding } },
    },
    404: errorRef,
  },
} as const;

/** `GET /products/:id/stores`. */
export const registerGetProductStores: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { id: number } }>('/products/:id/stores', { schema }, async (request) => {
    // 404 for a product the hub does not hold, rather than an empty list.
    const product = await ctx.hub.catalog.getProduct(request.params.id);
    const [products, variants, stores] = await Promise.all([
      ctx.hub.bindings.forLocal('products', [product.id]),
      ctx.hub.bindings.forLocal(
        'variants',
        product.variants.map((variant) => variant.id),
      ),
      ctx.hub.stores.list(),
    ]);
    const nameOf = new Map(stores.map((store) => [store.id, store.name]));
    return {
      stores: products.map((binding) => ({
        storeId: binding.storeId,
        store: nameOf.get(binding.storeId) ?? String(binding.storeId),
        externalId: binding.externalId,
        deleted: binding.deletedAt !== null,
        variants: variants
          .filter((variant) => variant.storeId === binding.storeId && variant.deletedAt === null)
          .map((variant) => ({ variantId: variant.localId, externalId: variant.externalId })),
      })),
    };
  });
};
