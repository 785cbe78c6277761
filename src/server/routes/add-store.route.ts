import { AlreadyExistsError } from '../../hub/index.js';
import { connectStore } from '../../sync/index.js';
import type { RouteRegistration } from '../api-context.js';
import { toApiConnectionCheck, toApiStore } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';

const body = {
  type: 'object',
  required: ['name', 'url', 'key'],
  additionalProperties: false,
  properties: {
    name: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$',
      description: 'The name the API and the CLI use for it.',
    },
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'The shop address.' },
    key: { type: 'string', minLength: 1, maxLength: 200, description: 'Webservice key (stored encrypted).' },
    auth: {
      type: 'string',
      enum: ['auto', 'basic', 'query'],
      default: 'auto',
      description: 'How the key is sent: auto (HTTP Basic, ws_key if the host strips the header).',
    },
    strict: {
      type: 'boolean',
      default: false,
      description: 'Refuse the store when the key lacks a permission some feed needs.',
    },
    shopId: {
      type: 'integer',
      minimum: 1,
      description:
        'Multistore: the shop the store works in (POST /stores/probe lists them); required when the PrestaShop has several.',
    },
  },
} as const;

interface Body {
  readonly name: string;
  readonly url: string;
  readonly key: string;
  readonly auth: 'auto' | 'basic' | 'query';
  readonly strict: boolean;
  readonly shopId?: number;
}

const schema = {
  summary: 'Connect a store: probe it, read its languages and time zone, keep it with its key',
  description:
    'Five requests to the store. Permissions the key lacks are listed in connection.missing (the store is still added unless strict). ' +
    'A multistore needs shopId (422 listing the shops otherwise).',
  tags: ['stores'],
  body,
  response: {
    201: {
      type: 'object',
      required: ['store', 'connection'],
      additionalProperties: false,
      properties: { store: { $ref: 'ApiStore#' }, connection: { $ref: 'ApiConnectionCheck#' } },
    },
    409: errorRef,
    422: errorRef,
    502: errorRef,
  },
} as const;

/** `POST /stores`. */
export const registerAddStore: RouteRegistration = (app, ctx) => {
  app.post<{ Body: Body }>('/stores', { schema }, async (request, reply) => {
    const { name, url, key, auth, strict, shopId } = request.body;
    if (await ctx.hub.stores.find(name)) {
      throw new AlreadyExistsError(
        `A store named '${name}' already exists: choose another name, or change that store with PATCH /stores/${name}.`,
      );
    }
    const { store, check } = await connectStore(
      ctx.hub,
      { name, url, key, auth, strict, ...(shopId === undefined ? {} : { shopId }) },
      { feeds: ctx.feeds, clientOverrides: ctx.clientOverrides },
    );
    request.log.info({ store: store.name, version: check.version }, 'store added');
    ctx.live.publish({
      type: 'store.changed',
      data: { storeId: store.id, store: store.name, change: 'added' },
    });
    return reply.status(201).send({ store: toApiStore(store), connection: toApiConnectionCheck(check) });
  });
};
