import { nextPage, type RouteRegistration } from '../api-context.js';
import { limitQuery } from '../route-schemas.js';

const component = {
  type: 'object',
  additionalProperties: false,
  required: ['variantId', 'sku', 'name', 'quantity', 'onHand'],
  properties: {
    variantId: { type: 'integer' },
    sku: { type: ['string', 'null'] },
    name: { type: 'string' },
    quantity: { type: 'integer', description: 'Units of the component in one kit.' },
    onHand: { type: 'integer', description: 'On hand at every location together.' },
  },
} as const;

const kit = {
  type: 'object',
  additionalProperties: false,
  required: ['variantId', 'sku', 'name', 'components'],
  properties: {
    variantId: { type: 'integer' },
    sku: { type: ['string', 'null'] },
    name: { type: 'string' },
    components: { type: 'array', items: component },
  },
} as const;

const schema = {
  summary: 'Kits with their components',
  description:
    "A kit keeps no stock of its own: each store can sell min(component on hand / quantity per kit) (GET /stock?variantId= shows the kit's sellable quantities).",
  tags: ['stock'],
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      after: {
        type: 'integer',
        minimum: 0,
        description: 'Only kits with a larger variant id (the next page).',
      },
      limit: limitQuery,
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['items', 'next'],
      additionalProperties: false,
      properties: {
        items: { type: 'array', items: kit },
        next: { type: ['string', 'null'], description: 'Path of the next page, or null.' },
      },
    },
  },
} as const;

/** `GET /stock/kits`. */
export const registerListStockKits: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: { after?: number; limit: number } }>('/stock/kits', { schema }, async (request) => {
    const { after, limit } = request.query;
    const kits = await ctx.hub.stock.kits({
      ...(after === undefined ? {} : { afterVariantId: after }),
      limit,
    });
    return {
      items: kits,
      next: nextPage(
        '/stock/kits',
        { limit },
        { name: 'after', value: kits.at(-1)?.variantId },
        kits.length,
        limit,
      ),
    };
  });
};
