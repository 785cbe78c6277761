import {
  ACCOUNT_KINDS,
  LOCATION_KINDS,
  MASTER_DATA_KINDS,
  type MasterData,
  masterDataCommand,
  type MasterDataKind,
  masterDataKindNamed,
  type MasterDataUsage,
  USAGE_RECORDS,
} from '../hub/index.js';
import { errorRef } from './api-wire-schemas.js';

/**
 * The wire form of master data for the `/master-data/{kind}` routes: one record shape for every
 * kind (the fields a kind lacks are absent), and the path parameters.
 */

/** The kinds as the path names them: `tax-rates`, `units`, `families`… */
export const MASTER_DATA_PATH_KINDS = MASTER_DATA_KINDS.map((kind) => masterDataCommand(kind));

/** A master-data record as the API sends it. */
export interface ApiMasterDataRecord {
  readonly code: string;
  readonly name: string;
  readonly archivedAt: string | null;
  readonly rate?: string;
  readonly country?: string | null;
  readonly kind?: string;
  readonly parentCode?: string | null;
}

export const apiMasterDataRecordSchema = {
  $id: 'ApiMasterDataRecord',
  type: 'object',
  required: ['code', 'name', 'archivedAt'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', description: 'What settings and mappings name.' },
    name: { type: 'string' },
    archivedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When it was archived: kept for what uses it, but settings saved since may not name it.',
    },
    rate: { type: 'string', description: 'Tax rates: percent, a decimal string.' },
    country: { type: ['string', 'null'], description: 'Tax rates: two-letter country code, or null.' },
    kind: {
      type: 'string',
      enum: [...LOCATION_KINDS, ...ACCOUNT_KINDS],
      description: 'Locations: warehouse or sales. Accounts: bank or ledger.',
    },
    parentCode: { type: ['string', 'null'], description: 'Families: the parent family, or null for a root.' },
  },
} as const;

export const masterDataRecordRef = { $ref: 'ApiMasterDataRecord#' } as const;

/** Where a master-data code is used, as the API sends it: the hub's {@link MasterDataUsage} as is. */
export type ApiMasterDataUsage = MasterDataUsage;

export const apiMasterDataUsageSchema = {
  $id: 'ApiMasterDataUsage',
  type: 'object',
  required: ['code', 'settings', 'records'],
  additionalProperties: false,
  properties: {
    code: { type: 'string' },
    settings: {
      type: 'array',
      description:
        "The store settings that name the code: what a save checks (defaults, carriers, payments, categoryFamilies, stock locations, journal accounts) and the journal's receivable account and account maps.",
      items: {
        type: 'object',
        required: ['store', 'key'],
        additionalProperties: false,
        properties: {
          store: { type: 'string', description: "The store's name." },
          key: {
            type: 'string',
            description: 'The setting, as `prestabridge settings set` names it: `carriers.12`.',
          },
        },
      },
    },
    records: {
      type: 'array',
      description:
        'How many hub records carry the code, for every sort that can carry one of the kind (0 included): tax rates and units — products and their variants; families — products, variants, sub-families, invoice lines; locations — stock levels, stock movements, orders (sales location); shipping methods — orders; payment methods — orders, invoices; accounts — journal lines.',
      items: {
        type: 'object',
        required: ['records', 'count'],
        additionalProperties: false,
        properties: {
          records: { type: 'string', enum: [...USAGE_RECORDS] },
          count: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

export const masterDataUsageRef = { $ref: 'ApiMasterDataUsage#' } as const;

export const kindParams = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: MASTER_DATA_PATH_KINDS, description: 'Which master data.' },
  },
} as const;

export const kindCodeParams = {
  type: 'object',
  required: ['kind', 'code'],
  additionalProperties: false,
  properties: {
    ...kindParams.properties,
    code: { type: 'string', minLength: 1, maxLength: 64, description: "The record's code." },
  },
} as const;

/** The fields `POST` and `PATCH` take beside the code (each kind uses its own). */
export const masterDataFieldProperties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  rate: {
    type: 'string',
    pattern: '^\\d+(\\.\\d+)?$',
    description: 'Tax rates (required on create): percent, a decimal string such as "21" or "5.5".',
  },
  country: { type: ['string', 'null'], description: 'Tax rates: two-letter country code; null: any.' },
  kind: {
    type: 'string',
    enum: [...LOCATION_KINDS, ...ACCOUNT_KINDS],
    description: 'Locations: warehouse (default) or sales. Accounts (required on create): bank or ledger.',
  },
  parentCode: { type: ['string', 'null'], description: 'Families: the parent family; null: a root family.' },
} as const;

export const masterDataErrors = { 404: errorRef, 409: errorRef, 422: errorRef } as const;

/** The kind a path names (the schema has checked it is one). */
export function pathKind(segment: string): MasterDataKind {
  const kind = masterDataKindNamed(segment);
  if (kind === undefined) throw new Error(`unknown master-data kind '${segment}'`);
  return kind;
}

export function toApiMasterDataRecord(
  kind: MasterDataKind,
  record: MasterData[MasterDataKind],
): ApiMasterDataRecord {
  const base = { code: record.code, name: record.name, archivedAt: record.archivedAt };
  switch (kind) {
    case 'taxRates': {
      const tax = record as MasterData['taxRates'];
      return { ...base, rate: tax.rate, country: tax.country };
    }
    case 'locations':
    case 'accounts':
      return { ...base, kind: (record as MasterData['locations'] | MasterData['accounts']).kind };
    case 'families':
      return { ...base, parentCode: (record as MasterData['families']).parentCode };
    case 'unitsOfMeasure':
    case 'shippingMethods':
    case 'paymentMethods':
      return base;
  }
}
