import { readStoreChoices } from '../../sync/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeParams } from '../route-schemas.js';

const list = (properties: Record<string, object>) =>
  ({
    type: 'array',
    items: { type: 'object', required: Object.keys(properties), additionalProperties: false, properties },
  }) as const;

const schema = {
  summary: "What a store's settings choose from, read from the store now",
  description:
    'Order states, carriers (by reference), categories, and the payment modules of its latest orders (the ' +
    'webservice lists no modules). Four requests at once; a list the key may not read is named in problems.',
  tags: ['stores'],
  params: storeParams,
  response: {
    200: {
      type: 'object',
      required: ['orderStates', 'carriers', 'categories', 'paymentModules', 'problems'],
      additionalProperties: false,
      properties: {
        orderStates: list({
          id: { type: 'integer' },
          name: { type: 'string' },
          color: { type: ['string', 'null'] },
          paid: { type: 'boolean' },
          shipped: { type: 'boolean' },
          delivered: { type: 'boolean' },
        }),
        carriers: list({
          reference: { type: 'integer', description: 'What carriers.<reference> settings are keyed by.' },
          id: { type: 'integer' },
          name: { type: 'string' },
          active: { type: 'boolean' },
        }),
        categories: list({
          id: { type: 'integer' },
          parentId: { type: ['integer', 'null'] },
          name: { type: 'string' },
          depth: { type: 'integer' },
        }),
        paymentModules: list({ module: { type: 'string' }, name: { type: 'string' } }),
        problems: { type: 'array', items: { type: 'string' } },
      },
    },
    404: errorRef,
    502: errorRef,
    503: errorRef,
  },
} as const;

/** `GET /stores/:store/live`. */
export const registerGetStoreLive: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string } }>('/stores/:store/live', { schema }, async (request) => {
    const store = await storeNamed(ctx.hub, request.params.store);
    return readStoreChoices(ctx.hub, store, ctx.clientOverrides);
  });
};
