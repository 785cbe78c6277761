/** Where store settings name master-data codes: what a save checks, and the journal's maps besides. */
import { describe, expect, test } from 'vitest';

import { parseSettings, settingCodeReferences, settingCodeUses } from '../../src/hub/index.js';

const settings = parseSettings({
  defaults: { unitOfMeasure: 'PCS', tax: 'VAT21', salesLocation: 'WEB', stockLocation: 'MAIN' },
  carriers: { '2': 'POST', '3': 'POST' },
  payments: { ps_wirepayment: 'WIRE' },
  stockExportLocations: ['MAIN', 'SHOP'],
  journal: {
    bankAccount: '512000',
    receivableAccount: '411000',
    paymentAccounts: { WIRE: '512100' },
    familyAccounts: { BOOKS: '707100' },
    taxAccounts: { '5,5': '445715' },
  },
});

const keysFor = (kind: string, code: string) =>
  settingCodeUses(settings)
    .filter((ref) => ref.kind === kind && ref.code === code)
    .map((ref) => ref.key);

describe('settingCodeUses', () => {
  test('names each setting naming a code, of its kind only', () => {
    expect(keysFor('taxRates', 'VAT21')).toEqual(['defaults.tax']);
    expect(keysFor('shippingMethods', 'POST')).toEqual(['carriers.2', 'carriers.3']);
    expect(keysFor('locations', 'MAIN')).toEqual(['defaults.stockLocation', 'stockExportLocations']);
    expect(keysFor('taxRates', 'MAIN')).toEqual([]);
  });

  test("adds the journal's receivable account and maps, naming both the map's key and its account", () => {
    expect(keysFor('accounts', '411000')).toEqual(['journal.receivableAccount']);
    expect(keysFor('accounts', '512000')).toEqual(['journal.bankAccount']);
    expect(keysFor('accounts', '512100')).toEqual(['journal.paymentAccounts.WIRE']);
    expect(keysFor('paymentMethods', 'WIRE')).toEqual([
      'payments.ps_wirepayment',
      'journal.paymentAccounts.WIRE',
    ]);
    expect(keysFor('families', 'BOOKS')).toEqual(['journal.familyAccounts.BOOKS']);
    expect(keysFor('accounts', '445715')).toEqual(['journal.taxAccounts.5,5']);
  });

  test('keeps the references a save checks as they were (the journal maps are not among them)', () => {
    const checked = settingCodeReferences(settings).map((ref) => ref.key);
    expect(checked).not.toContain('journal.receivableAccount');
    expect(checked).not.toContain('journal.paymentAccounts.WIRE');
    expect(checked).toContain('journal.bankAccount');
  });
});
