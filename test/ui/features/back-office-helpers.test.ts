/**
 * The pure parts of the master data, accounting and automation screens: where a code is used, the
 * family tree, exact sums of amounts, how amounts read, and event examples built from a schema.
 */
import { describe, expect, test } from 'vitest';

import type { ApiMasterDataRecord } from '../../../src/ui/api/back-office-types';
import { amountText, rateText } from '../../../src/ui/features/accounting/components/amount-text';
import { sameAmount, sumDecimals } from '../../../src/ui/features/accounting/components/decimal-sum';
import { eventExample } from '../../../src/ui/features/automation/components/event-example';
import { familyTree } from '../../../src/ui/features/master-data/components/family-tree';
import { masterDataUses } from '../../../src/ui/features/master-data/components/master-data-usage';
import { store, storeSettings } from '../support/fixtures';

const family = (code: string, parentCode: string | null): ApiMasterDataRecord => ({
  code,
  name: code,
  archivedAt: null,
  parentCode,
});

describe('where a master-data code is used', () => {
  const shop = store({
    name: 'shop',
    settings: {
      ...storeSettings({
        defaults: { unitOfMeasure: 'PCS', tax: 'VAT21', salesLocation: 'WEB', stockLocation: 'MAIN' },
        carriers: { '2': 'POST', '3': 'POST' },
        payments: { ps_wirepayment: 'WIRE' },
        stockExportLocations: ['MAIN', 'SHOP'],
        stockImportLocation: null,
      }),
      ...({ journal: { bankAccount: '512000', paymentAccounts: { WIRE: '512100' } } } as object),
    },
  });
  const other = store({
    name: 'other',
    settings: storeSettings({ defaults: { ...shop.settings.defaults, tax: 'VAT21' } }),
  });

  test('lists each store and setting naming a code, of the kind asked for only', () => {
    const taxes = masterDataUses('tax-rates', [shop, other]);
    expect(taxes.get('VAT21')).toEqual([
      { store: 'shop', key: 'defaults.tax' },
      { store: 'other', key: 'defaults.tax' },
    ]);
    expect(taxes.has('MAIN')).toBe(false);
    expect(masterDataUses('shipping-methods', [shop]).get('POST')).toEqual([
      { store: 'shop', key: 'carriers.2' },
      { store: 'shop', key: 'carriers.3' },
    ]);
    expect(masterDataUses('locations', [shop]).get('MAIN')).toEqual([
      { store: 'shop', key: 'defaults.stockLocation' },
      { store: 'shop', key: 'stockExportLocations' },
    ]);
  });

  test('reads the journal settings: accounts, and payment methods that name a bank account', () => {
    expect(masterDataUses('accounts', [shop]).get('512100')).toEqual([
      { store: 'shop', key: 'journal.paymentAccounts.WIRE' },
    ]);
    expect(masterDataUses('accounts', [shop]).get('512000')).toEqual([
      { store: 'shop', key: 'journal.bankAccount' },
    ]);
    expect(masterDataUses('payment-methods', [shop]).get('WIRE')).toEqual([
      { store: 'shop', key: 'payments.ps_wirepayment' },
      { store: 'shop', key: 'journal.paymentAccounts.WIRE' },
    ]);
  });
});

describe('the family tree', () => {
  test('puts each family under its parent, depth first, siblings by code', () => {
    const rows = familyTree([
      family('SHIRTS', 'CLOTHES'),
      family('TOOLS', null),
      family('CLOTHES', null),
      family('LINEN', 'SHIRTS'),
      family('COATS', 'CLOTHES'),
    ]);
    expect(rows.map((row) => [row.record.code, row.depth])).toEqual([
      ['CLOTHES', 0],
      ['COATS', 1],
      ['SHIRTS', 1],
      ['LINEN', 2],
      ['TOOLS', 0],
    ]);
  });

  test('keeps a family whose parent is missing, and families in a cycle', () => {
    const rows = familyTree([family('ORPHAN', 'GONE'), family('A', 'B'), family('B', 'A')]);
    expect(rows.map((row) => row.record.code).sort()).toEqual(['A', 'B', 'ORPHAN']);
    expect(rows.find((row) => row.record.code === 'ORPHAN')?.depth).toBe(0);
  });
});

describe('amounts', () => {
  test('add up exactly, where binary floats would not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.30');
    expect(sumDecimals(['121.920000', '-100.440000', '0.000001'], 6)).toBe('21.480001');
    expect(sumDecimals(['-1.50', '0.25'])).toBe('-1.25');
    expect(sumDecimals([])).toBe('0.00');
    expect(sameAmount('48.960000', '48.96')).toBe(true);
    expect(sameAmount('48.960001', '48.96')).toBe(false);
    expect(() => sumDecimals(['1e3'])).toThrow(/not a decimal/);
  });

  test('read with two places unless more are meaningful', () => {
    expect(amountText('48.960000')).toBe('48.96');
    expect(amountText('-7.000000')).toBe('-7.00');
    expect(amountText('0.333300')).toBe('0.3333');
    expect(amountText('12')).toBe('12');
    expect(rateText('20.000000')).toBe('20');
    expect(rateText('5.500000')).toBe('5.5');
  });
});

describe('event examples', () => {
  test('fill every field of the schema with a value of its type', () => {
    const example = eventExample(
      {
        type: 'object',
        properties: {
          orderId: { type: 'integer', minimum: 1 },
          reference: { type: ['string', 'null'] },
          total: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
          placedAt: { type: 'string', format: 'date-time' },
          status: { type: 'string', enum: ['approved', 'shipped'] },
          lines: { type: 'array', items: { type: 'object', properties: { quantity: { type: 'integer' } } } },
          store: { $ref: '#/components/schemas/Store' },
        },
      },
      { Store: { type: 'object', properties: { name: { type: 'string' } } } },
    );
    expect(example).toEqual({
      orderId: 1,
      reference: 'reference',
      total: '12.50',
      placedAt: '2026-12-03T10:15:00.000Z',
      status: 'approved',
      lines: [{ quantity: 1 }],
      store: { name: 'name' },
    });
  });
});
