import type { Store } from '../../hub/index.js';
import { readStoreChoices, type StoreChoices } from '../../sync/index.js';
import { type ApiContext, type RouteRegistration, storeNamed } from '../api-context.js';
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
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      refresh: {
        type: 'boolean',
        default: false,
        description: 'Read the store again now: answers are otherwise reused for a minute.',
      },
    },
  },
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
          deliverySlip: {
            type: 'boolean',
            description: "PrestaShop's delivery flag: a delivery slip is made.",
          },
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

/** How long the store's lists are reused: a settings page opened by several people costs one read. */
const REUSE_MS = 60_000;

/** The last lists read per store, with when, and the store's version they were read with. */
const cached = new WeakMap<
  ApiContext,
  Map<number, { at: number; storeUpdatedAt: string; choices: StoreChoices }>
>();

/** `GET /stores/:store/live`. */
export const registerGetStoreLive: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string }; Querystring: { refresh: boolean } }>(
    '/stores/:store/live',
    { schema },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      return storeChoices(ctx, store, request.query.refresh);
    },
  );
};

async function storeChoices(ctx: ApiContext, store: Store, refresh: boolean): Promise<StoreChoices> {
  const byStore =
    cached.get(ctx) ?? new Map<number, { at: number; storeUpdatedAt: string; choices: StoreChoices }>();
  cached.set(ctx, byStore);
  const now = ctx.clock().getTime();
  const last = byStore.get(store.id);
  // A changed store (a new URL or key) is read again; so are lists that could not all be read.
  if (!refresh && last && now - last.at < REUSE_MS && last.storeUpdatedAt === store.updatedAt)
    return last.choices;
  const choices = await readStoreChoices(ctx.hub, store, ctx.clientOverrides);
  if (choices.problems.length === 0)
    byStore.set(store.id, { at: now, storeUpdatedAt: store.updatedAt, choices });
  else byStore.delete(store.id);
  return choices;
}
