import { nextPage, type RouteRegistration } from '../api-context.js';
import { toApiStockItem } from '../api-wire.js';
import { listOf } from '../api-wire-schemas.js';
import { limitQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sku: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'Only variants with this SKU (even without stock).',
    },
    variantId: {
      type: 'integer',
      minimum: 1,
      description: 'Only this variant, by its hub id (even without stock).',
    },
    location: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'Only variants with stock at this location.',
    },
    after: { type: 'integer', minimum: 0, description: 'Only variants with a larger id (the next page).' },
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly sku?: string;
  readonly variantId?: number;
  readonly location?: string;
  readonly after?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Stock per variant: on hand per location, reserved, sellable per store',
  tags: ['stock'],
  querystring,
  response: { 200: listOf('ApiStockItem', 'Variants with stock, by id.') },
} as const;

/** `GET /stock`. */
export const registerListStock: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/stock', { schema }, async (request) => {
    const { sku, variantId, location, after, limit } = request.query;
    const items = await ctx.hub.stock.list({
      ...(sku === undefined ? {} : { sku }),
      ...(variantId === undefined ? {} : { variantId }),
      ...(location === undefined ? {} : { location }),
      ...(after === undefined ? {} : { afterVariantId: after }),
      limit,
    });
    return {
      items: items.map(toApiStockItem),
      next: nextPage(
        '/stock',
        { sku, variantId, location, limit },
        { name: 'after', value: items.at(-1)?.variantId },
        items.length,
        limit,
      ),
    };
  });
};
