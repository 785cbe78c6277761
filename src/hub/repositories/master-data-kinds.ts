/**
 * The kinds of master data, with what users call them: the CLI command and the API path segment
 * (`tax-rates`), the words in messages (`tax rate`), and the `add` command that creates a record of
 * the kind — which every refusal and run notice about a missing code names.
 */

export const MASTER_DATA_KINDS = [
  'taxRates',
  'unitsOfMeasure',
  'families',
  'locations',
  'shippingMethods',
  'paymentMethods',
  'accounts',
] as const;

export type MasterDataKind = (typeof MASTER_DATA_KINDS)[number];

interface KindWords {
  /** The table. */
  readonly table: string;
  /** One record, in a sentence: `tax rate`. */
  readonly label: string;
  /** The CLI command and the API path segment: `tax-rates`. */
  readonly command: string;
  /** What `add` needs beside the code and the name, as the hint prints it. */
  readonly addFlags: string;
}

const WORDS: Record<MasterDataKind, KindWords> = {
  taxRates: { table: 'tax_rates', label: 'tax rate', command: 'tax-rates', addFlags: ' --rate PERCENT' },
  unitsOfMeasure: { table: 'units_of_measure', label: 'unit of measure', command: 'units', addFlags: '' },
  families: { table: 'families', label: 'family', command: 'families', addFlags: '' },
  locations: {
    table: 'locations',
    label: 'location',
    command: 'locations',
    addFlags: ' --kind warehouse|sales',
  },
  shippingMethods: {
    table: 'shipping_methods',
    label: 'shipping method',
    command: 'shipping-methods',
    addFlags: '',
  },
  paymentMethods: {
    table: 'payment_methods',
    label: 'payment method',
    command: 'payment-methods',
    addFlags: '',
  },
  accounts: { table: 'accounts', label: 'account', command: 'accounts', addFlags: ' --kind bank|ledger' },
};

/** `tax rate`, `unit of measure`… */
export function masterDataLabel(kind: MasterDataKind): string {
  return WORDS[kind].label;
}

/** The CLI command and API path segment of a kind: `tax-rates`. */
export function masterDataCommand(kind: MasterDataKind): string {
  return WORDS[kind].command;
}

/** The table of a kind. */
export function masterDataTable(kind: MasterDataKind): string {
  return WORDS[kind].table;
}

/** The kind a CLI command or API path segment names (`tax-rates` → `taxRates`), if any. */
export function masterDataKindNamed(segment: string): MasterDataKind | undefined {
  return MASTER_DATA_KINDS.find((kind) => WORDS[kind].command === segment);
}

/** A code as one shell word (quoted when it holds anything but letters, digits and `._-`). */
function shellWord(code: string): string {
  return /^[A-Za-z0-9._-]+$/.test(code) ? code : `'${code.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that creates a record of this kind with this code.
 *
 * @example
 * addMasterDataCommand('shippingMethods', 'POSTNL'); // 'prestabridge shipping-methods add POSTNL --name NAME'
 */
export function addMasterDataCommand(kind: MasterDataKind, code: string): string {
  const words = WORDS[kind];
  return `prestabridge ${words.command} add ${shellWord(code)} --name NAME${words.addFlags}`;
}

/** The command that brings an archived record back. */
export function restoreMasterDataCommand(kind: MasterDataKind, code: string): string {
  return `prestabridge ${WORDS[kind].command} archive ${shellWord(code)} --undo`;
}
