import type { UnusableCode } from '../repositories/master-data.repository.js';
import type { MasterDataKind } from '../repositories/master-data-kinds.js';
import { masterDataLabel } from '../repositories/master-data-kinds.js';
import type { StoreSettings } from './store-settings.js';

/** A setting that names a master-data code: its key (`carriers.12`), the kind, the code. */
export interface SettingCodeReference {
  readonly key: string;
  readonly kind: MasterDataKind;
  readonly code: string;
}

/**
 * Every master-data code the settings name, with the setting that names it. `shippingCostProduct`
 * names a product SKU, not master data, and is not among them.
 *
 * @example
 * settingCodeReferences(settings);
 * // [{ key: 'defaults.stockLocation', kind: 'locations', code: 'MAIN' }, { key: 'carriers.12', kind: 'shippingMethods', code: 'POSTNL' }]
 */
export function settingCodeReferences(settings: StoreSettings): SettingCodeReference[] {
  const references: SettingCodeReference[] = [];
  const add = (key: string, kind: MasterDataKind, code: string | null): void => {
    if (code !== null) references.push({ key, kind, code });
  };
  add('defaults.unitOfMeasure', 'unitsOfMeasure', settings.defaults.unitOfMeasure);
  add('defaults.tax', 'taxRates', settings.defaults.tax);
  add('defaults.salesLocation', 'locations', settings.defaults.salesLocation);
  add('defaults.stockLocation', 'locations', settings.defaults.stockLocation);
  for (const [carrier, code] of Object.entries(settings.carriers))
    add(`carriers.${carrier}`, 'shippingMethods', code);
  for (const [module, code] of Object.entries(settings.payments))
    add(`payments.${module}`, 'paymentMethods', code);
  for (const [category, code] of Object.entries(settings.categoryFamilies))
    add(`categoryFamilies.${category}`, 'families', code);
  for (const code of settings.stockExportLocations) add('stockExportLocations', 'locations', code);
  add('stockImportLocation', 'locations', settings.stockImportLocation);
  add('journal.bankAccount', 'accounts', settings.journal.bankAccount);
  add('journal.salesAccount', 'accounts', settings.journal.salesAccount);
  add('journal.taxAccount', 'accounts', settings.journal.taxAccount);
  return references;
}

/**
 * The codes the journal settings name beyond {@link settingCodeReferences}: the receivable account,
 * and the per-method, per-family and per-rate account maps (a map entry names its key's payment
 * method or family as well as its account). A save does not check these against master data, but
 * they use the codes all the same: archiving one changes where the journal posts.
 */
export function journalCodeReferences(settings: StoreSettings): SettingCodeReference[] {
  const journal = settings.journal;
  const references: SettingCodeReference[] = [];
  if (journal.receivableAccount !== null)
    references.push({ key: 'journal.receivableAccount', kind: 'accounts', code: journal.receivableAccount });
  for (const [method, account] of Object.entries(journal.paymentAccounts)) {
    const key = `journal.paymentAccounts.${method}`;
    references.push({ key, kind: 'paymentMethods', code: method }, { key, kind: 'accounts', code: account });
  }
  for (const [family, account] of Object.entries(journal.familyAccounts)) {
    const key = `journal.familyAccounts.${family}`;
    references.push({ key, kind: 'families', code: family }, { key, kind: 'accounts', code: account });
  }
  for (const [rate, account] of Object.entries(journal.taxAccounts))
    references.push({ key: `journal.taxAccounts.${rate}`, kind: 'accounts', code: account });
  return references;
}

/**
 * Every place the settings name a master-data code: what a save checks and the journal's maps —
 * what "where is this code used" shows.
 *
 * @example
 * settingCodeUses(settings).filter((ref) => ref.kind === 'accounts');
 * // [{ key: 'journal.bankAccount', kind: 'accounts', code: '512000' }, { key: 'journal.paymentAccounts.CARD', kind: 'accounts', code: '512100' }]
 */
export function settingCodeUses(settings: StoreSettings): SettingCodeReference[] {
  return [...settingCodeReferences(settings), ...journalCodeReferences(settings)];
}

/**
 * The references of `after` that are new since `before` (all of them for a new store): a save checks
 * those only, so that archiving a code does not block changing an unrelated setting.
 */
export function newCodeReferences(
  before: StoreSettings | null,
  after: StoreSettings,
): SettingCodeReference[] {
  const previous = new Set(
    before === null ? [] : settingCodeReferences(before).map((ref) => `${ref.key}\u0000${ref.code}`),
  );
  return settingCodeReferences(after).filter((ref) => !previous.has(`${ref.key}\u0000${ref.code}`));
}

/**
 * A problem per unusable reference, in the words of the settings validation, naming the command
 * that fixes it.
 *
 * @example
 * // carriers.12 names shipping method 'POSTNL', which the hub lacks: create it with `prestabridge shipping-methods add POSTNL --name NAME`
 */
export function unusableCodeProblems(
  references: readonly SettingCodeReference[],
  unusable: readonly UnusableCode[],
): { key: string; message: string }[] {
  const byCode = new Map(unusable.map((entry) => [`${entry.kind}\u0000${entry.code}`, entry]));
  const problems: { key: string; message: string }[] = [];
  for (const ref of references) {
    const entry = byCode.get(`${ref.kind}\u0000${ref.code}`);
    if (entry === undefined) continue;
    const named = `${ref.key} names ${masterDataLabel(ref.kind)} '${ref.code}'`;
    problems.push({
      key: ref.key,
      message:
        entry.problem === 'missing'
          ? `${named}, which the hub lacks: create it with \`${entry.fix}\``
          : `${named}, which is archived: bring it back with \`${entry.fix}\`, or name another`,
    });
  }
  return problems;
}
