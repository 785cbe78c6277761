import { NotFoundError } from '../../hub/index.js';
import { adjustStock } from '../../sync/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';

const body = {
  type: 'object',
  required: ['variantId', 'location', 'change', 'reason'],
  additionalProperties: false,
  properties: {
    variantId: { type: 'integer', minimum: 1 },
    location: { type: 'string', minLength: 1, maxLength: 64, description: 'Location code.' },
    change: { type: 'integer', not: { const: 0 }, description: '+N adds, -N removes.' },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Kept in the ledger.' },
  },
} as const;

interface Body {
  readonly variantId: number;
  readonly location: string;
  readonly change: number;
  readonly reason: string;
}

const schema = {
  summary: 'Adjust stock at a location',
  description:
    'An adjustment movement in the ledger; the new sellable quantities are queued for the stores selling the variant, in the same transaction.',
  tags: ['stock'],
  body,
  response: {
    201: {
      type: 'object',
      required: ['variantId', 'location', 'onHand', 'queued'],
      additionalProperties: false,
      properties: {
        variantId: { type: 'integer' },
        location: { type: 'string' },
        onHand: { type: 'integer', description: 'On hand at the location after the change.' },
        queued: { type: 'integer', description: 'Store variants whose new quantity was queued.' },
      },
    },
    404: errorRef,
    422: errorRef,
  },
} as const;

/**
 * `POST /stock/adjustments`: the ledger change of `stock adjust` (sync's `adjustStock`: kits refused,
 * the stores' sellable quantities queued in the same transaction), for a variant named by its id.
 */
export const registerAdjustStock: RouteRegistration = (app, ctx) => {
  app.post<{ Body: Body }>(
    '/stock/adjustments',
    { schema, config: { access: 'operator' } },
    async (request, reply) => {
      const { variantId } = request.body;
      if (!(await ctx.hub.catalog.variants([variantId])).has(variantId))
        throw new NotFoundError(`No variant with id ${variantId}. GET /products lists them.`);
      const { location, onHand, queued } = await adjustStock(ctx.hub, request.body);
      const result = { variantId, location, onHand, queued };
      if (queued > 0) ctx.nudgeOutbox();
      request.log.info({ ...result, change: request.body.change }, 'stock adjusted');
      return reply.status(201).send(result);
    },
  );
};
