import { nextPage, type RouteRegistration, storeNamed } from '../api-context.js';
import { toApiProductRow } from '../api-wire.js';
import { errorRef, listOf } from '../api-wire-schemas.js';
import { limitQuery, storeQuery } from '../route-schemas.js';

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    store: { ...storeQuery, description: 'Only variants bound to this store (name or id).' },
    search: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Matches SKU, barcode, product name or reference, anywhere, ignoring case.',
    },
    after: { type: 'integer', minimum: 0, description: 'Only variants with a larger id (the next page).' },
    limit: limitQuery,
  },
} as const;

interface Query {
  readonly store?: string;
  readonly search?: string;
  readonly after?: number;
  readonly limit: number;
}

const schema = {
  summary: 'Products and their variants: one row per sellable variant, searchable',
  tags: ['products'],
  querystring,
  response: { 200: listOf('ApiProductRow', 'Variants by id.'), 404: errorRef },
} as const;

/** `GET /products`. */
export const registerListProducts: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: Query }>('/products', { schema }, async (request) => {
    const { store, search, after, limit } = request.query;
    const storeId = store === undefined ? undefined : (await storeNamed(ctx.hub, store)).id;
    const rows = await ctx.hub.catalog.listVariants({
      ...(storeId === undefined ? {} : { storeId }),
      ...(search === undefined ? {} : { search }),
      ...(after === undefined ? {} : { afterVariantId: after }),
      limit,
    });
    return {
      items: rows.map(toApiProductRow),
      next: nextPage(
        '/products',
        { store, search, limit },
        { name: 'after', value: rows.at(-1)?.variantId },
        rows.length,
        limit,
      ),
    };
  });
};
