/**
 * The pure parts of the master data, accounting and automation screens: how usage counts read, the
 * family tree, exact sums of amounts, how amounts read, and event examples built from a schema.
 */
import { describe, expect, test } from 'vitest';

import type { ApiMasterDataRecord } from '../../../src/ui/api/back-office-types';
import { sameAmount, sumDecimals } from '../../../src/ui/features/accounting/components/decimal-sum';
import { rateText } from '../../../src/ui/features/accounting/components/rate-text';
import { eventExample } from '../../../src/ui/features/automation/components/event-example';
import { familyTree } from '../../../src/ui/features/master-data/components/family-tree';
import { usageCountsText } from '../../../src/ui/features/master-data/components/usage-counts';
import { decimalText } from '../../../src/ui/lib/decimal-text';

const family = (code: string, parentCode: string | null): ApiMasterDataRecord => ({
  code,
  name: code,
  archivedAt: null,
  parentCode,
});

describe('how the records using a code read', () => {
  test('names the sorts that carry it, one or many, and leaves out those with none', () => {
    expect(
      usageCountsText([
        { records: 'products', count: 2 },
        { records: 'variants', count: 1 },
        { records: 'subFamilies', count: 0 },
        { records: 'invoiceLines', count: 12 },
      ]),
    ).toBe('2 products · 1 variant · 12 invoice lines');
    expect(usageCountsText([{ records: 'journalLines', count: 0 }])).toBe('');
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
    // Amounts go through the console's decimalText: the API's six places read as before.
    expect(decimalText('48.960000')).toBe('48.96');
    expect(decimalText('-7.000000')).toBe('-7.00');
    expect(decimalText('0.333300')).toBe('0.3333');
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
