import { describe, expect, it } from 'vitest';

import type { TaxRate } from '../../../src/hub/index.js';
import { mapTaxGroups, type StoreTaxData } from '../../../src/sync/catalog/tax-mapping.js';
import { recordedList } from './support/recorded-catalog.js';

function rate(code: string, value: string, country: string | null): TaxRate {
  return { id: 0, code, name: code, rate: value, country, archivedAt: null };
}

/** The recorded store's first groups and taxes (US-AL 4 %, US-AK 0 %, US-AZ 6.6 %), with rules for the US. */
function usStore(rules: StoreTaxData['rules']): StoreTaxData {
  return {
    country: { id: 21, iso: 'US' },
    groups: recordedList('tax_rule_groups'),
    taxes: recordedList('taxes'),
    rules,
  };
}

const rule = (id: number, group: number, tax: number, state = '0', zipcode = '0') => ({
  id,
  id_tax_rules_group: String(group),
  id_state: state,
  zipcode_from: zipcode,
  id_tax: String(tax),
});

describe('mapTaxGroups', () => {
  it("maps each group to the hub rate equal to its country-wide rule, preferring the country's own rate", () => {
    const hub = [
      rate('Z-ANY', '6.6', null),
      rate('US-6.6', '6.600000', 'us'),
      rate('FR-4', '4', 'FR'),
      rate('ANY-4', '4', null),
    ];
    const mapping = mapTaxGroups(usStore([rule(1, 1, 1), rule(2, 3, 3)]), hub, 'DEFAULT');
    expect(mapping.get(1)).toEqual({
      groupId: 1,
      groupName: 'US-AL Rate (4%)',
      rate: '4.000',
      code: 'ANY-4',
      matched: true,
    });
    expect(mapping.get(3)).toMatchObject({ rate: '6.600', code: 'US-6.6', matched: true });
  });

  it('gives the default tax to a group without a country-wide rule or without an equal hub rate, and says so', () => {
    const hub = [rate('ANY-4', '4', null)];
    const mapping = mapTaxGroups(
      usStore([rule(1, 1, 1), rule(2, 2, 2, '5'), rule(3, 3, 3, '0', '35000')]),
      hub,
      'DEFAULT',
    );
    expect(mapping.get(2)).toMatchObject({ rate: null, code: 'DEFAULT', matched: false });
    expect(mapping.get(3)).toMatchObject({ rate: null, code: 'DEFAULT', matched: false });
    const without = mapTaxGroups(usStore([rule(1, 1, 3)]), hub, null);
    expect(without.get(1)).toMatchObject({ rate: '6.600', code: null, matched: false });
  });

  it('takes the first country-wide rule of a group, and maps group 0 (no tax) to a 0 % rate', () => {
    const hub = [rate('US-4', '4', 'US'), rate('US-0', '0', 'US'), rate('US-6.6', '6.6', 'US')];
    const mapping = mapTaxGroups(usStore([rule(8, 1, 3), rule(4, 1, 1)]), hub, null);
    expect(mapping.get(1)).toMatchObject({ rate: '4.000', code: 'US-4' });
    expect(mapping.get(0)).toMatchObject({ groupName: 'No tax', rate: '0', code: 'US-0', matched: true });
  });
});
