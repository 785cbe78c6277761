import { testStore } from '../../sync/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { toApiConnectionCheck, toApiStore } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeParams } from '../route-schemas.js';

const schema = {
  summary: 'Test a store again with its stored key: version, and per feed what the key lacks',
  description: 'One request to the store; records the version, and ws_key when the host strips the header.',
  tags: ['stores'],
  params: storeParams,
  response: {
    200: {
      type: 'object',
      required: ['store', 'connection'],
      additionalProperties: false,
      properties: { store: { $ref: 'ApiStore#' }, connection: { $ref: 'ApiConnectionCheck#' } },
    },
    404: errorRef,
    422: errorRef,
    502: errorRef,
    503: errorRef,
  },
} as const;

/** `POST /stores/:store/test`. */
export const registerTestStore: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { store: string } }>(
    '/stores/:store/test',
    { schema, config: { access: 'operator' } },
    async (request) => {
      const stored = await storeNamed(ctx.hub, request.params.store);
      const { store, check } = await testStore(ctx.hub, stored, {
        feeds: ctx.feeds,
        clientOverrides: ctx.clientOverrides,
      });
      return { store: toApiStore(store), connection: toApiConnectionCheck(check) };
    },
  );
};
