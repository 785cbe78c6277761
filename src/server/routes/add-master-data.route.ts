import type { MasterDataInput, MasterDataKind } from '../../hub/index.js';
import { masterDataLabel } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import {
  kindParams,
  masterDataErrors,
  masterDataFieldProperties,
  masterDataRecordRef,
  pathKind,
  toApiMasterDataRecord,
} from '../master-data-wire.js';

const body = {
  type: 'object',
  required: ['code', 'name'],
  additionalProperties: false,
  properties: {
    code: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      pattern: '^[^,]+$',
      description: 'What settings and mappings will name (no commas); unique within the kind.',
    },
    ...masterDataFieldProperties,
  },
} as const;

interface Body {
  readonly code: string;
  readonly name: string;
  readonly rate?: string;
  readonly country?: string | null;
  readonly kind?: string;
  readonly parentCode?: string | null;
}

const schema = {
  summary: 'Create a master-data record',
  description:
    'A code the kind already has (archived or not) is refused with 409. Tax rates need rate, accounts need kind.',
  tags: ['master data'],
  params: kindParams,
  body,
  response: { 201: masterDataRecordRef, ...masterDataErrors },
} as const;

/** The fields of the kind, refusing one the kind does not take and a missing one it needs. */
function inputFor(kind: MasterDataKind, given: Body): MasterDataInput[MasterDataKind] {
  const { code, name, rate, country, kind: sort, parentCode } = given;
  const refuse = (field: string, message: string): never => {
    throw new ApiError(422, 'invalid-record', message, { field });
  };
  const label = masterDataLabel(kind);
  const takes: Record<MasterDataKind, readonly string[]> = {
    taxRates: ['rate', 'country'],
    locations: ['kind'],
    accounts: ['kind'],
    families: ['parentCode'],
    unitsOfMeasure: [],
    shippingMethods: [],
    paymentMethods: [],
  };
  for (const field of ['rate', 'country', 'kind', 'parentCode'] as const) {
    if (given[field] !== undefined && !takes[kind].includes(field))
      refuse(field, `A ${label} has no ${field}.`);
  }
  switch (kind) {
    case 'taxRates':
      return {
        code,
        name,
        rate: rate ?? refuse('rate', 'A tax rate needs its rate (percent).'),
        country: country ?? null,
      };
    case 'locations':
      return {
        code,
        name,
        kind:
          sort === 'sales'
            ? 'sales'
            : sort === undefined || sort === 'warehouse'
              ? 'warehouse'
              : refuse('kind', 'A location is a warehouse or a sales location.'),
      };
    case 'accounts':
      return {
        code,
        name,
        kind:
          sort === 'bank' || sort === 'ledger'
            ? sort
            : refuse('kind', 'An account needs its kind: bank or ledger.'),
      };
    case 'families':
      return { code, name, parentCode: parentCode ?? null };
    case 'unitsOfMeasure':
    case 'shippingMethods':
    case 'paymentMethods':
      return { code, name };
  }
}

/** `POST /master-data/:kind`. */
export const registerAddMasterData: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { kind: string }; Body: Body }>(
    '/master-data/:kind',
    { schema, config: { access: 'admin' } },
    async (request, reply) => {
      const kind = pathKind(request.params.kind);
      const record = await ctx.hub.masterData.add(kind, inputFor(kind, request.body));
      request.log.info({ kind, code: record.code }, 'master data added');
      return reply.status(201).send(toApiMasterDataRecord(kind, record));
    },
  );
};
