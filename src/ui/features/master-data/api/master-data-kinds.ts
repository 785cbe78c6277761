import type { ApiMasterDataKind } from '../../../api/back-office-types';

/** Each kind of master data, as the API names it in paths, with what the console calls it. */
export const MASTER_DATA_KINDS: readonly { readonly kind: ApiMasterDataKind; readonly label: string }[] = [
  { kind: 'tax-rates', label: 'Tax rates' },
  { kind: 'units', label: 'Units' },
  { kind: 'families', label: 'Families' },
  { kind: 'locations', label: 'Locations' },
  { kind: 'shipping-methods', label: 'Shipping methods' },
  { kind: 'payment-methods', label: 'Payment methods' },
  { kind: 'accounts', label: 'Accounts' },
];

export function isMasterDataKind(value: string | undefined): value is ApiMasterDataKind {
  return MASTER_DATA_KINDS.some((entry) => entry.kind === value);
}

export function masterDataKindLabel(kind: ApiMasterDataKind): string {
  return MASTER_DATA_KINDS.find((entry) => entry.kind === kind)?.label ?? kind;
}

/** Query keys of this feature: `['master-data-records']` refreshes every kind. */
export const masterDataKeys = {
  all: ['master-data-records'] as const,
  kind: (kind: ApiMasterDataKind) => ['master-data-records', kind] as const,
};
