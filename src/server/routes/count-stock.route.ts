import { NotFoundError } from '../../hub/index.js';
import { countStock } from '../../sync/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';

const body = {
  type: 'object',
  required: ['variantId', 'location', 'counted', 'reason'],
  additionalProperties: false,
  properties: {
    variantId: { type: 'integer', minimum: 1 },
    location: { type: 'string', minLength: 1, maxLength: 64, description: 'Location code.' },
    counted: { type: 'integer', minimum: 0, description: 'What the count found on hand.' },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Kept in the ledger.' },
  },
} as const;

interface Body {
  readonly variantId: number;
  readonly location: string;
  readonly counted: number;
  readonly reason: string;
}

const schema = {
  summary: 'Record a stock count at a location',
  description:
    'Sets on-hand to the counted quantity: the difference is an adjustment movement in the ledger (none when the count agrees), and the new sellable quantities are queued for the stores selling the variant, in the same transaction.',
  tags: ['stock'],
  body,
  response: {
    201: {
      type: 'object',
      required: ['variantId', 'location', 'onHand', 'changed', 'queued'],
      additionalProperties: false,
      properties: {
        variantId: { type: 'integer' },
        location: { type: 'string' },
        onHand: { type: 'integer', description: 'On hand at the location after the count.' },
        changed: { type: 'boolean', description: 'False: the count found what the hub had.' },
        queued: { type: 'integer', description: 'Store variants whose new quantity was queued.' },
      },
    },
    404: errorRef,
    422: errorRef,
  },
} as const;

/** `POST /stock/counts`: `stock count` (sync's `countStock`: kits refused) for a variant named by its id. */
export const registerCountStock: RouteRegistration = (app, ctx) => {
  app.post<{ Body: Body }>(
    '/stock/counts',
    { schema, config: { access: 'operator' } },
    async (request, reply) => {
      const { variantId } = request.body;
      if (!(await ctx.hub.catalog.variants([variantId])).has(variantId))
        throw new NotFoundError(`No variant with id ${variantId}. GET /stock lists them.`);
      const { location, onHand, changed, queued } = await countStock(ctx.hub, request.body);
      const result = { variantId, location, onHand, changed, queued };
      if (queued > 0) ctx.nudgeOutbox();
      request.log.info(result, 'stock counted');
      return reply.status(201).send(result);
    },
  );
};
