import { NotFoundError } from '../../hub/index.js';
import { nextPage, type RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { beforeQuery, limitQuery } from '../route-schemas.js';

const movement = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'variantId', 'location', 'kind', 'quantity', 'reference', 'note', 'occurredAt'],
  properties: {
    id: { type: 'integer' },
    variantId: { type: 'integer' },
    location: { type: 'string', description: 'Location code.' },
    kind: { type: 'string', enum: ['initial_import', 'receipt', 'adjustment', 'shipment', 'transfer'] },
    quantity: { type: 'integer', description: 'The change: positive in, negative out.' },
    reference: { type: ['string', 'null'], description: 'What caused it (an order, a transfer).' },
    note: { type: ['string', 'null'], description: 'The reason given with an adjustment or a count.' },
    occurredAt: { type: 'string' },
  },
} as const;

const schema = {
  summary: "A variant's stock movements, newest first",
  description: 'The ledger: every change of on-hand at a location, with its kind and reason.',
  tags: ['stock'],
  params: {
    type: 'object',
    required: ['variantId'],
    additionalProperties: false,
    properties: { variantId: { type: 'integer', minimum: 1 } },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { before: beforeQuery, limit: limitQuery },
  },
  response: {
    200: {
      type: 'object',
      required: ['items', 'next'],
      additionalProperties: false,
      properties: {
        items: { type: 'array', items: movement },
        next: { type: ['string', 'null'], description: 'Path of the next page, or null.' },
      },
    },
    404: errorRef,
  },
} as const;

/** `GET /stock/:variantId/movements`. */
export const registerListStockMovements: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { variantId: number }; Querystring: { before?: number; limit: number } }>(
    '/stock/:variantId/movements',
    { schema },
    async (request) => {
      const { variantId } = request.params;
      const { before, limit } = request.query;
      if (!(await ctx.hub.catalog.variants([variantId])).has(variantId))
        throw new NotFoundError(`No variant with id ${variantId}. GET /stock lists them.`);
      const movements = await ctx.hub.stock.movements(variantId, {
        ...(before === undefined ? {} : { beforeId: before }),
        limit,
      });
      return {
        items: movements,
        next: nextPage(
          `/stock/${variantId}/movements`,
          { limit },
          { name: 'before', value: movements.at(-1)?.id },
          movements.length,
          limit,
        ),
      };
    },
  );
};
