import type { ApiMasterDataKind } from '../../../api/back-office-types';

/** Each kind of master data, as the API names it in paths, with what the console calls it. */
export const MASTER_DATA_KINDS: readonly {
  readonly kind: ApiMasterDataKind;
  readonly label: string;
  /** One record, in a sentence. */
  readonly one: string;
}[] = [
  { kind: 'tax-rates', label: 'Tax rates', one: 'tax rate' },
  { kind: 'units', label: 'Units', one: 'unit' },
  { kind: 'families', label: 'Families', one: 'family' },
  { kind: 'locations', label: 'Locations', one: 'location' },
  { kind: 'shipping-methods', label: 'Shipping methods', one: 'shipping method' },
  { kind: 'payment-methods', label: 'Payment methods', one: 'payment method' },
  { kind: 'accounts', label: 'Accounts', one: 'account' },
];

export function isMasterDataKind(value: string | undefined): value is ApiMasterDataKind {
  return MASTER_DATA_KINDS.some((entry) => entry.kind === value);
}

export function masterDataKindLabel(kind: ApiMasterDataKind): string {
  return MASTER_DATA_KINDS.find((entry) => entry.kind === kind)?.label ?? kind;
}

/** `family`, `tax rate`: one record of the kind, in a sentence. */
export function masterDataRecordWord(kind: ApiMasterDataKind): string {
  return MASTER_DATA_KINDS.find((entry) => entry.kind === kind)?.one ?? kind;
}

/** Query keys of this feature: `['master-data-records']` refreshes every kind and its usage. */
export const masterDataKeys = {
  all: ['master-data-records'] as const,
  kind: (kind: ApiMasterDataKind) => ['master-data-records', kind] as const,
  usage: (kind: ApiMasterDataKind) => ['master-data-records', kind, 'usage'] as const,
};
