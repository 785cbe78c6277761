import type { ConnectionCheck, StoreFacts } from '../sync/index.js';
import {
  type ApiConnectionCheck,
  type ApiFeedPermissions,
  toApiConnectionCheck,
  toApiFeedPermissions,
} from './api-wire.js';

/** What `POST /stores/probe` answers: the store as the hub would connect it, nothing saved. */
export interface ApiStoreProbe {
  readonly connection: ApiConnectionCheck;
  /** Null when the key cannot read the store's languages and configuration ({@link cannotConnect}). */
  readonly shop: {
    readonly languages: ReadonlyArray<{ readonly id: number; readonly iso: string }>;
    readonly languageId: number | null;
    readonly shopId: number | null;
    readonly timeZone: string;
    /** Multistore: the shops to choose from (one: no choice); null when the key cannot read them. */
    readonly shops: ReadonlyArray<{
      readonly id: number;
      readonly name: string;
      readonly groupName: string;
      readonly stockShared: boolean;
      readonly isDefault: boolean;
    }> | null;
  } | null;
  /** Why the store cannot be added with this key as it is (what to grant), or null. */
  readonly cannotConnect: string | null;
  readonly auth: { readonly mode: 'header' | 'query'; readonly explanation: string | null };
  /** Every feed with what the key lacks for its run and for each write it leads to (as `connection.feeds`). */
  readonly feeds: readonly ApiFeedPermissions[];
}

const QUERY_CHOSEN =
  'The key is sent as the ws_key parameter, as asked. HTTP Basic keeps it out of URLs and server logs: ' +
  'prefer it once the host passes the Authorization header on ("Enable CGI mode for PHP" in Advanced ' +
  'Parameters > Webservice, or CGIPassAuth On).';

export function toApiStoreProbe(
  probe: {
    readonly check: ConnectionCheck;
    readonly facts: StoreFacts | null;
    readonly cannotConnect: string | null;
  },
  askedForQuery: boolean,
): ApiStoreProbe {
  const { check, facts } = probe;
  const fallback = check.warnings.find((warning) => warning.includes('Authorization header'));
  return {
    connection: toApiConnectionCheck(check),
    shop:
      facts === null
        ? null
        : {
            languages: facts.languages,
            languageId: facts.languageId,
            shopId: facts.shopId,
            timeZone: facts.timeZone,
            shops:
              facts.shops?.map(({ id, name, groupName, stockShared, isDefault }) => ({
                id,
                name,
                groupName,
                stockShared,
                isDefault,
              })) ?? null,
          },
    cannotConnect: probe.cannotConnect,
    auth: {
      mode: check.authMode,
      explanation:
        check.authMode === 'header' ? null : askedForQuery ? QUERY_CHOSEN : (fallback ?? QUERY_CHOSEN),
    },
    feeds: check.feeds.map(toApiFeedPermissions),
  };
}

export const apiStoreProbeSchema = {
  $id: 'ApiStoreProbe',
  type: 'object',
  description: 'A store probed before it is added: who it is, how the key is sent, what each feed lacks.',
  required: ['connection', 'shop', 'cannotConnect', 'auth', 'feeds'],
  additionalProperties: false,
  properties: {
    connection: { $ref: 'ApiConnectionCheck#' },
    cannotConnect: {
      type: ['string', 'null'],
      description:
        'Why the store cannot be added with this key (it cannot read languages and configuration), or null.',
    },
    shop: {
      type: ['object', 'null'],
      description: 'Null when the key cannot read languages and configuration.',
      required: ['languages', 'languageId', 'shopId', 'timeZone', 'shops'],
      additionalProperties: false,
      properties: {
        languages: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'iso'],
            additionalProperties: false,
            properties: { id: { type: 'integer' }, iso: { type: 'string' } },
          },
        },
        languageId: { type: ['integer', 'null'] },
        shopId: { type: ['integer', 'null'] },
        timeZone: { type: 'string' },
        shops: {
          type: ['array', 'null'],
          description:
            'Multistore: the active shops, to choose the one the store works in (POST /stores shopId); null when the key cannot read shops and shop_groups.',
          items: {
            type: 'object',
            required: ['id', 'name', 'groupName', 'stockShared', 'isDefault'],
            additionalProperties: false,
            properties: {
              id: { type: 'integer' },
              name: { type: 'string' },
              groupName: { type: 'string' },
              stockShared: {
                type: 'boolean',
                description: 'Its group shares its stock: one stock row for all the group’s shops.',
              },
              isDefault: { type: 'boolean' },
            },
          },
        },
      },
    },
    auth: {
      type: 'object',
      required: ['mode', 'explanation'],
      additionalProperties: false,
      properties: {
        mode: { type: 'string', enum: ['header', 'query'] },
        explanation: {
          type: ['string', 'null'],
          description: 'Why the key goes as ws_key, and the server-side fix; null for HTTP Basic.',
        },
      },
    },
    feeds: {
      type: 'array',
      description: 'Every feed with what the key lacks for its run and for each write it leads to.',
      items: { $ref: 'ApiFeedPermissions#' },
    },
  },
} as const;
