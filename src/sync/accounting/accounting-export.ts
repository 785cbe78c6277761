import { Decimal, type InvoiceSummary, type JournalEntry } from '../../hub/index.js';

/**
 * The 18 columns of the French FEC (fichier des écritures comptables, article A47 A-1 of the Livre
 * des procédures fiscales), in their order.
 */
export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

/** Columns that may be empty; every other one must be filled on every line. */
const FEC_OPTIONAL = new Set<string>([
  'CompAuxNum',
  'CompAuxLib',
  'EcritureLet',
  'DateLet',
  'Montantdevise',
  'Idevise',
]);

export type FecSeparator = '\t' | '|';

export interface FecOptions {
  /** Tab (default) or pipe. */
  readonly separator?: FecSeparator;
  /** Journal names by code (`VE` → `Ventes`); the defaults name VE, BQ and OD. */
  readonly journalNames?: Readonly<Record<string, string>>;
  /** Account names by account number; unnamed accounts get a name from their class (411 → Clients). */
  readonly accountNames?: Readonly<Record<string, string>>;
  /** The time zone of ValidDate (the day the entry was written); default UTC. */
  readonly timeZone?: string;
}

const JOURNAL_NAMES: Readonly<Record<string, string>> = {
  VE: 'Ventes',
  BQ: 'Banque',
  OD: 'Opérations diverses',
};

/** Names of the French chart's classes the hub's default entries use, longest prefix first. */
const ACCOUNT_CLASSES: ReadonlyArray<readonly [string, string]> = [
  ['4457', 'TVA collectée'],
  ['411', 'Clients'],
  ['419', 'Clients créditeurs'],
  ['511', 'Valeurs à l’encaissement'],
  ['512', 'Banque'],
  ['530', 'Caisse'],
  ['706', 'Prestations de services'],
  ['707', 'Ventes de marchandises'],
  ['708', 'Produits des activités annexes'],
  ['709', 'Rabais, remises et ristournes accordés'],
];

function accountName(account: string, names: Readonly<Record<string, string>>): string {
  return (
    names[account] ??
    ACCOUNT_CLASSES.find(([prefix]) => account.startsWith(prefix))?.[1] ??
    `Compte ${account}`
  );
}

/** `2026-06-01` → `20260601`. */
function fecDate(day: string): string {
  return day.slice(0, 10).replaceAll('-', '');
}

/** Decimal comma, two places, no thousands separator: `1234,50`. */
function fecAmount(value: string): string {
  return Decimal.from(value).toFixed(2).replace('.', ',');
}

/** Text in a field: no separator, tab or line break inside (they would shift the columns). */
function fecText(value: string): string {
  return value.replace(/\s*[\t|\r\n]+\s*/g, ' ').trim();
}

/** The store-local (or UTC) day of an instant. */
function dayIn(instant: string, timeZone: string | undefined): string {
  if (timeZone === undefined) return instant.slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
  return parts;
}

/**
 * Journal entries as a FEC file: a header line with the 18 column names, then one line per entry
 * line, sorted by validation date (the day the hub wrote the entry), then entry number. Dates are
 * `YYYYMMDD`, amounts have a decimal comma, every entry (EcritureNum) balances. The file is UTF-8 with
 * CRLF line ends; its name should be `<SIREN>FEC<closing date YYYYMMDD>.txt`.
 *
 * @example
 * const text = formatFec(await hub.accounting.journalEntries({ storeId, from: '2026-01-01', to: '2026-12-31', limit: 100_000 }));
 */
export function formatFec(entries: readonly JournalEntry[], options: FecOptions = {}): string {
  const separator = options.separator ?? '\t';
  const journals = { ...JOURNAL_NAMES, ...options.journalNames };
  const names = options.accountNames ?? {};
  const sorted = [...entries].sort(
    (a, b) =>
      dayIn(a.createdAt, options.timeZone).localeCompare(dayIn(b.createdAt, options.timeZone)) ||
      (a.entryNumber ?? `#${a.id}`).localeCompare(b.entryNumber ?? `#${b.id}`) ||
      a.id - b.id,
  );
  const rows: string[][] = [[...FEC_COLUMNS]];
  for (const entry of sorted) {
    const number = entry.entryNumber ?? `${entry.journalCode}-${entry.id}`;
    for (const line of entry.lines) {
      rows.push(
        [
          entry.journalCode,
          journals[entry.journalCode] ?? entry.journalCode,
          number,
          fecDate(entry.date),
          line.account,
          line.accountLabel ?? accountName(line.account, names),
          line.auxAccount ?? '',
          line.auxAccount === null ? '' : (line.auxLabel ?? line.auxAccount),
          entry.reference,
          fecDate(entry.date),
          line.label ?? entry.description,
          fecAmount(line.debit),
          fecAmount(line.credit),
          '',
          '',
          fecDate(dayIn(entry.createdAt, options.timeZone)),
          '',
          '',
        ].map(fecText),
      );
    }
  }
  return rows.map((row) => row.join(separator)).join('\r\n') + '\r\n';
}

/**
 * Checks a FEC file against the rules of its layout: the header names the 18 columns in order, with
 * one separator (tab or pipe) throughout; every line has 18 fields; mandatory fields are filled;
 * dates are real `YYYYMMDD` dates; amounts are decimals with a comma; the auxiliary account and its
 * name, and the currency amount and its currency, come in pairs; the lines of an entry (EcritureNum)
 * follow each other, share their journal and date, and balance; lines are in validation-date order.
 *
 * @returns the problems found, each naming its line (empty: valid).
 */
export function validateFec(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = lines[0] ?? '';
  const separator: FecSeparator | undefined = header.includes('\t')
    ? '\t'
    : header.includes('|')
      ? '|'
      : undefined;
  if (separator === undefined || header.split(separator).join(',') !== FEC_COLUMNS.join(',')) {
    return [
      `line 1: the header must be the 18 FEC column names (${FEC_COLUMNS.join(', ')}) separated by tabs or pipes`,
    ];
  }
  const column = (name: (typeof FEC_COLUMNS)[number]): number => FEC_COLUMNS.indexOf(name);
  const entries = new Map<
    string,
    { journal: string; date: string; debit: Decimal; credit: Decimal; last: number }
  >();
  let previousValid = '';
  let previousNumber = '';
  for (const [index, line] of lines.slice(1).entries()) {
    const at = `line ${index + 2}`;
    const fields = line.split(separator);
    if (fields.length !== FEC_COLUMNS.length) {
      problems.push(`${at}: ${fields.length} fields, the FEC has ${FEC_COLUMNS.length}`);
      continue;
    }
    const field = (name: (typeof FEC_COLUMNS)[number]): string => fields[column(name)] ?? '';
    for (const name of FEC_COLUMNS) {
      if (!FEC_OPTIONAL.has(name) && field(name).trim() === '') problems.push(`${at}: ${name} is empty`);
    }
    for (const name of ['EcritureDate', 'PieceDate', 'ValidDate', 'DateLet'] as const) {
      const value = field(name);
      if (value === '' && name === 'DateLet') continue;
      if (!isFecDate(value)) problems.push(`${at}: ${name} '${value}' is not a date YYYYMMDD`);
    }
    for (const name of ['Debit', 'Credit', 'Montantdevise'] as const) {
      const value = field(name);
      if (value === '' && name === 'Montantdevise') continue;
      if (!/^-?\d+(,\d+)?$/.test(value))
        problems.push(`${at}: ${name} '${value}' is not an amount with a decimal comma`);
    }
    if ((field('CompAuxNum') === '') !== (field('CompAuxLib') === ''))
      problems.push(`${at}: CompAuxNum and CompAuxLib go together`);
    if ((field('Montantdevise') === '') !== (field('Idevise') === ''))
      problems.push(`${at}: Montantdevise and Idevise go together`);
    if (field('ValidDate') < previousValid)
      problems.push(
        `${at}: ValidDate ${field('ValidDate')} comes before ${previousValid}: lines must be in validation order`,
      );
    previousValid = field('ValidDate');

    const number = field('EcritureNum');
    const amount = (name: 'Debit' | 'Credit'): Decimal =>
      Decimal.tryParse(field(name).replace(',', '.')) ?? Decimal.ZERO;
    const entry = entries.get(number);
    if (entry === undefined) {
      entries.set(number, {
        journal: field('JournalCode'),
        date: field('EcritureDate'),
        debit: amount('Debit'),
        credit: amount('Credit'),
        last: index,
      });
    } else {
      if (number !== previousNumber) problems.push(`${at}: the lines of entry ${number} are not together`);
      if (entry.journal !== field('JournalCode') || entry.date !== field('EcritureDate'))
        problems.push(`${at}: entry ${number} changes journal or date within its lines`);
      entry.debit = entry.debit.add(amount('Debit'));
      entry.credit = entry.credit.add(amount('Credit'));
      entry.last = index;
    }
    previousNumber = number;
  }
  for (const [number, entry] of entries) {
    if (!entry.debit.eq(entry.credit)) {
      problems.push(
        `entry ${number}: debits ${entry.debit.toFixed(2)} ≠ credits ${entry.credit.toFixed(2)} (ends at line ${entry.last + 2})`,
      );
    }
  }
  return problems;
}

function isFecDate(value: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return (
    date.getUTCFullYear() === Number(match[1]) &&
    date.getUTCMonth() === Number(match[2]) - 1 &&
    date.getUTCDate() === Number(match[3])
  );
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Journal entries as CSV (RFC 4180, decimal point): one row per entry line. */
export function formatJournalCsv(entries: readonly JournalEntry[]): string {
  return csv(
    [
      'date',
      'journal',
      'entry',
      'reference',
      'description',
      'account',
      'aux_account',
      'aux_label',
      'label',
      'debit',
      'credit',
    ],
    entries.flatMap((entry) =>
      entry.lines.map((line) => [
        entry.date,
        entry.journalCode,
        entry.entryNumber ?? String(entry.id),
        entry.reference,
        entry.description,
        line.account,
        line.auxAccount,
        line.auxLabel,
        line.label,
        Decimal.from(line.debit).toFixed(2),
        Decimal.from(line.credit).toFixed(2),
      ]),
    ),
  );
}

/** Invoices and credit notes as CSV: one row each, with the store's totals and the difference. */
export function formatInvoicesCsv(invoices: readonly InvoiceSummary[]): string {
  const money = (value: string | null): string | null =>
    value === null ? null : Decimal.from(value).toFixed(2);
  return csv(
    [
      'number',
      'kind',
      'issued_at',
      'order_id',
      'credited_invoice_id',
      'currency',
      'total_tax_excl',
      'total_tax',
      'total_tax_incl',
      'store_total_tax_incl',
      'difference',
      'paid_at',
      'payment_method',
    ],
    invoices.map((invoice) => [
      invoice.number,
      invoice.kind,
      invoice.issuedAt,
      invoice.orderId,
      invoice.creditedInvoiceId,
      invoice.currency,
      money(invoice.totalTaxExcl),
      money(invoice.totalTax),
      money(invoice.totalTaxIncl),
      money(invoice.storeTotalTaxIncl),
      money(invoice.totalsDifference),
      invoice.paidAt,
      invoice.paymentMethod ?? invoice.paymentLabel,
    ]),
  );
}
