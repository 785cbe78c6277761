import type { MasterDataChanges, MasterDataKind } from '../../hub/index.js';
import { masterDataLabel } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import {
  kindCodeParams,
  masterDataErrors,
  masterDataFieldProperties,
  masterDataRecordRef,
  pathKind,
  toApiMasterDataRecord,
} from '../master-data-wire.js';

const body = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: masterDataFieldProperties,
} as const;

type Body = Partial<Record<'name' | 'rate' | 'country' | 'kind' | 'parentCode', string | null>>;

const TAKES: Record<MasterDataKind, readonly string[]> = {
  taxRates: ['name', 'rate', 'country'],
  locations: ['name', 'kind'],
  accounts: ['name', 'kind'],
  families: ['name', 'parentCode'],
  unitsOfMeasure: ['name'],
  shippingMethods: ['name'],
  paymentMethods: ['name'],
};

const schema = {
  summary: 'Rename a master-data record or change its other fields (not its code)',
  description: 'A family may not become its own ancestor; parentCode null makes it a root.',
  tags: ['master data'],
  params: kindCodeParams,
  body,
  response: { 200: masterDataRecordRef, ...masterDataErrors },
} as const;

/** `PATCH /master-data/:kind/:code`. */
export const registerUpdateMasterData: RouteRegistration = (app, ctx) => {
  app.patch<{ Params: { kind: string; code: string }; Body: Body }>(
    '/master-data/:kind/:code',
    { schema, config: { access: 'admin' } },
    async (request) => {
      const kind = pathKind(request.params.kind);
      for (const field of Object.keys(request.body)) {
        if (!TAKES[kind].includes(field))
          throw new ApiError(422, 'invalid-record', `A ${masterDataLabel(kind)} has no ${field}.`, { field });
      }
      const record = await ctx.hub.masterData.update(
        kind,
        request.params.code,
        request.body as MasterDataChanges[MasterDataKind],
      );
      request.log.info({ kind, code: record.code, fields: Object.keys(request.body) }, 'master data changed');
      return toApiMasterDataRecord(kind, record);
    },
  );
};
