import { describe, expect, it } from 'vitest';

import type { JournalEntry } from '../../../src/hub/index.js';
import { FEC_COLUMNS, formatFec, validateFec } from '../../../src/sync/accounting/index.js';

function entry(
  id: number,
  number: string,
  date: string,
  lines: Array<[string, string, string]>,
): JournalEntry {
  return {
    id,
    date,
    reference: `INV-2026-00000${id}`,
    description: `Invoice ${id}`,
    invoiceId: id,
    orderId: null,
    storeId: 1,
    journalCode: number.slice(0, 2),
    entryNumber: number,
    sourceKey: null,
    createdAt: `${date}T10:00:00.000Z`,
    lines: lines.map(([account, debit, credit]) => ({
      account,
      debit,
      credit,
      label: null,
      accountLabel: null,
      auxAccount: account === '411000' ? 'C000007' : null,
      auxLabel: account === '411000' ? 'Jeanne | Martin' : null,
    })),
  };
}

const ENTRIES = [
  entry(1, 'VE2026-000001', '2026-03-01', [
    ['411000', '120.000000', '0'],
    ['707000', '0', '100.000000'],
    ['445710', '0', '20.000000'],
  ]),
  entry(2, 'BQ2026-000001', '2026-03-02', [
    ['512000', '120.000000', '0'],
    ['411000', '0', '120.000000'],
  ]),
];

/** The FEC of ENTRIES with one field of one line replaced. */
function withField(line: number, column: (typeof FEC_COLUMNS)[number], value: string): string {
  const lines = formatFec(ENTRIES).split('\r\n');
  const fields = lines[line]!.split('\t');
  fields[FEC_COLUMNS.indexOf(column)] = value;
  lines[line] = fields.join('\t');
  return lines.join('\r\n');
}

describe('FEC export and its validator', () => {
  it('writes the 18 columns, YYYYMMDD dates, decimal commas and named accounts', () => {
    const fec = formatFec(ENTRIES);
    expect(validateFec(fec)).toEqual([]);
    const [header, first] = fec.split('\r\n');
    expect(header).toBe(FEC_COLUMNS.join('\t'));
    expect(first!.split('\t')).toEqual([
      'VE',
      'Ventes',
      'VE2026-000001',
      '20260301',
      '411000',
      'Clients',
      'C000007',
      'Jeanne Martin',
      'INV-2026-000001',
      '20260301',
      'Invoice 1',
      '120,00',
      '0,00',
      '',
      '',
      '20260301',
      '',
      '',
    ]);
  });

  it.each([
    [
      'an unbalanced entry',
      withField(2, 'Credit', '99,99'),
      'entry VE2026-000001: debits 120.00 ≠ credits 119.99',
    ],
    [
      'an impossible date',
      withField(1, 'EcritureDate', '20260230'),
      "line 2: EcritureDate '20260230' is not a date",
    ],
    [
      'a decimal point',
      withField(1, 'Debit', '120.00'),
      "line 2: Debit '120.00' is not an amount with a decimal comma",
    ],
    ['an empty mandatory field', withField(1, 'CompteLib', ''), 'line 2: CompteLib is empty'],
    [
      'an auxiliary account without its name',
      withField(1, 'CompAuxLib', ''),
      'line 2: CompAuxNum and CompAuxLib go together',
    ],
    [
      'lines out of validation order',
      withField(4, 'ValidDate', '20260101'),
      'line 5: ValidDate 20260101 comes before',
    ],
    [
      'an entry split apart',
      withField(5, 'EcritureNum', 'VE2026-000001'),
      'line 6: the lines of entry VE2026-000001 are not together',
    ],
    ['a missing field', formatFec(ENTRIES).replace('\tVentes\t', '\t'), 'line 2: 17 fields, the FEC has 18'],
    ['a wrong header', formatFec(ENTRIES).replace('JournalLib', 'JournalName'), 'line 1: the header must be'],
  ])('refuses %s', (_case, text, problem) => {
    expect(validateFec(text).join('\n')).toContain(problem);
  });
});
