import { probeStoreConnection } from '../../sync/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { toApiStoreProbe } from '../store-probe.js';

const body = {
  type: 'object',
  required: ['url', 'key'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'The shop address.' },
    key: { type: 'string', minLength: 1, maxLength: 200, description: 'Webservice key (not stored).' },
    auth: {
      type: 'string',
      enum: ['auto', 'basic', 'query'],
      default: 'auto',
      description: 'How the key is sent: auto (HTTP Basic, ws_key if the host strips the header).',
    },
  },
} as const;

const schema = {
  summary:
    'Probe a store before adding it: version, shop, languages, how the key is sent, what each feed lacks',
  description:
    'Five requests to the store; nothing is saved; shop.shops lists the shops of a multistore. POST /stores adds it. A key that cannot read languages and ' +
    'configuration is not refused here: cannotConnect says what to grant, and feeds list every gap.',
  tags: ['stores'],
  body,
  response: { 200: { $ref: 'ApiStoreProbe#' }, 422: errorRef, 502: errorRef },
} as const;

/** `POST /stores/probe`. */
export const registerProbeStore: RouteRegistration = (app, ctx) => {
  app.post<{ Body: { url: string; key: string; auth: 'auto' | 'basic' | 'query' } }>(
    '/stores/probe',
    { schema, config: { access: 'admin' } },
    async (request) => {
      const { url, key, auth } = request.body;
      const probe = await probeStoreConnection(
        { url, key, auth },
        { feeds: ctx.feeds, clientOverrides: ctx.clientOverrides },
      );
      return toApiStoreProbe(probe, auth === 'query');
    },
  );
};
