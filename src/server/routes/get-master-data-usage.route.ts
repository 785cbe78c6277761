import type { RouteRegistration } from '../api-context.js';
import { kindCodeParams, masterDataErrors, masterDataUsageRef, pathKind } from '../master-data-wire.js';

const schema = {
  summary: 'Where one master-data record is used: store settings and counts of hub records',
  description:
    'The store settings that name the code and how many products, variants, stock rows, orders, invoices or journal lines carry it. 404 when the kind has no such code (archived ones are answered).',
  tags: ['master data'],
  params: kindCodeParams,
  response: { 200: masterDataUsageRef, 404: masterDataErrors[404] },
} as const;

/** `GET /master-data/:kind/:code/usage`. */
export const registerGetMasterDataUsage: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { kind: string; code: string } }>(
    '/master-data/:kind/:code/usage',
    { schema },
    async (request) => {
      const kind = pathKind(request.params.kind);
      // `get` answers 404 naming the command that creates the code.
      const record = await ctx.hub.masterData.get(kind, request.params.code);
      const [usage] = await ctx.hub.masterDataUsage.usage(kind, [record.code]);
      return usage;
    },
  );
};
