import type { RouteRegistration } from '../api-context.js';
import { kindParams, masterDataRecordRef, pathKind, toApiMasterDataRecord } from '../master-data-wire.js';

const schema = {
  summary: 'List one kind of master data (archived records only when asked)',
  description:
    'Kinds: tax-rates, units, families, locations, shipping-methods, payment-methods, accounts — the codes settings and mappings may name.',
  tags: ['master data'],
  params: kindParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      archived: {
        type: 'string',
        enum: ['exclude', 'include', 'only'],
        default: 'exclude',
        description: 'Archived records: left out (default), included, or only them.',
      },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['items'],
      additionalProperties: false,
      properties: { items: { type: 'array', items: masterDataRecordRef } },
    },
  },
} as const;

/** `GET /master-data/:kind`. */
export const registerListMasterData: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { kind: string }; Querystring: { archived: 'exclude' | 'include' | 'only' } }>(
    '/master-data/:kind',
    { schema },
    async (request) => {
      const kind = pathKind(request.params.kind);
      const records = await ctx.hub.masterData.list(kind, { archived: request.query.archived });
      return { items: records.map((record) => toApiMasterDataRecord(kind, record)) };
    },
  );
};
