import type { RouteRegistration } from '../api-context.js';
import { kindParams, masterDataUsageRef, pathKind } from '../master-data-wire.js';

const schema = {
  summary: 'Where each record of one kind is used: store settings and counts of hub records',
  description:
    'One entry per record of the kind, archived ones included, in code order: the store settings that name it and how many products, variants, stock rows, orders, invoices or journal lines carry it — what archiving it would leave pointing at it.',
  tags: ['master data'],
  params: kindParams,
  response: {
    200: {
      type: 'object',
      required: ['items'],
      additionalProperties: false,
      properties: { items: { type: 'array', items: masterDataUsageRef } },
    },
  },
} as const;

/** `GET /master-data/:kind/usage`. */
export const registerListMasterDataUsage: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { kind: string } }>('/master-data/:kind/usage', { schema }, async (request) => {
    const kind = pathKind(request.params.kind);
    const records = await ctx.hub.masterData.list(kind, { archived: 'include' });
    const items = await ctx.hub.masterDataUsage.usage(
      kind,
      records.map((record) => record.code),
    );
    return { items };
  });
};
