/**
 * Where the stores' settings name a master-data code: what archiving a record would leave pointing
 * at an archived code. It reads the settings the console already has (GET /stores), the same
 * references the server checks on save (src/hub/settings/setting-codes.ts), plus the journal's
 * per-method, per-family and per-rate accounts.
 */
import type { ApiMasterDataKind } from '../../../api/back-office-types';
import type { ApiStore } from '../../../api/types';

/** One place a code is used: the store and its setting's key (`carriers.12`). */
export interface MasterDataUse {
  readonly store: string;
  readonly key: string;
}

/** The journal settings, which the console's typed settings do not describe yet. */
interface JournalSettings {
  readonly receivableAccount?: string | null;
  readonly bankAccount?: string | null;
  readonly salesAccount?: string | null;
  readonly taxAccount?: string | null;
  readonly paymentAccounts?: Readonly<Record<string, string>>;
  readonly familyAccounts?: Readonly<Record<string, string>>;
  readonly taxAccounts?: Readonly<Record<string, string>>;
}

type Reference = readonly [key: string, kind: ApiMasterDataKind, code: string | null | undefined];

function references(store: ApiStore): Reference[] {
  const settings = store.settings;
  const journal: JournalSettings = (settings as unknown as { journal?: JournalSettings }).journal ?? {};
  const found: Reference[] = [
    ['defaults.unitOfMeasure', 'units', settings.defaults.unitOfMeasure],
    ['defaults.tax', 'tax-rates', settings.defaults.tax],
    ['defaults.salesLocation', 'locations', settings.defaults.salesLocation],
    ['defaults.stockLocation', 'locations', settings.defaults.stockLocation],
    ['stockImportLocation', 'locations', settings.stockImportLocation],
    ['journal.receivableAccount', 'accounts', journal.receivableAccount],
    ['journal.bankAccount', 'accounts', journal.bankAccount],
    ['journal.salesAccount', 'accounts', journal.salesAccount],
    ['journal.taxAccount', 'accounts', journal.taxAccount],
  ];
  for (const code of settings.stockExportLocations) found.push(['stockExportLocations', 'locations', code]);
  for (const [carrier, code] of Object.entries(settings.carriers))
    found.push([`carriers.${carrier}`, 'shipping-methods', code]);
  for (const [module, code] of Object.entries(settings.payments))
    found.push([`payments.${module}`, 'payment-methods', code]);
  for (const [category, code] of Object.entries(settings.categoryFamilies))
    found.push([`categoryFamilies.${category}`, 'families', code]);
  for (const [method, account] of Object.entries(journal.paymentAccounts ?? {})) {
    found.push([`journal.paymentAccounts.${method}`, 'payment-methods', method]);
    found.push([`journal.paymentAccounts.${method}`, 'accounts', account]);
  }
  for (const [family, account] of Object.entries(journal.familyAccounts ?? {})) {
    found.push([`journal.familyAccounts.${family}`, 'families', family]);
    found.push([`journal.familyAccounts.${family}`, 'accounts', account]);
  }
  for (const [rate, account] of Object.entries(journal.taxAccounts ?? {}))
    found.push([`journal.taxAccounts.${rate}`, 'accounts', account]);
  return found;
}

/**
 * Code → the settings that name it, for one kind.
 *
 * @example
 * masterDataUses('tax-rates', stores).get('VAT21'); // [{ store: 'shop', key: 'defaults.tax' }]
 */
export function masterDataUses(
  kind: ApiMasterDataKind,
  stores: readonly ApiStore[],
): ReadonlyMap<string, readonly MasterDataUse[]> {
  const uses = new Map<string, MasterDataUse[]>();
  for (const store of stores) {
    for (const [key, refKind, code] of references(store)) {
      if (refKind !== kind || code === null || code === undefined || code === '') continue;
      const list = uses.get(code) ?? [];
      list.push({ store: store.name, key });
      uses.set(code, list);
    }
  }
  return uses;
}
