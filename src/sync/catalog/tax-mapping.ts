import { Decimal, type TaxRate } from '../../hub/index.js';
import type { PrestaShopClient, PsRecord } from '../../webservice/index.js';
import { scalar } from './ps-scalar.js';

/** What the store says about taxes, as far as products need it: rules in its default country. */
export interface StoreTaxData {
  /** `PS_COUNTRY_DEFAULT` and its ISO code; null when the store names none. */
  readonly country: { readonly id: number; readonly iso: string } | null;
  /** `tax_rule_groups`: id, name. */
  readonly groups: readonly PsRecord[];
  /** `tax_rules` of the default country: id_tax_rules_group, id_state, zipcode_from, id_tax. */
  readonly rules: readonly PsRecord[];
  /** `taxes`: id, rate. */
  readonly taxes: readonly PsRecord[];
}

/** How one tax rules group of the store maps to a hub tax rate. */
export interface TaxGroupMapping {
  readonly groupId: number;
  readonly groupName: string;
  /** The group's rate in the default country (percent, the store's text), or null without a country-wide rule. */
  readonly rate: string | null;
  /** The hub tax-rate code products of this group get: the matching rate, else the store's default tax. */
  readonly code: string | null;
  /** Whether a hub tax rate matched (false: `code` is the fallback). */
  readonly matched: boolean;
}

/**
 * Maps every tax rules group to the hub tax rate with the same rate as the group's country-wide rule
 * in the store's default country (a rate for that country preferred over one for no country; the
 * first code wins a tie). Group 0 ("no tax") is a 0 % rate. A group without a country-wide rule, or
 * whose rate the hub lacks, gets `defaultCode` and `matched: false`. Pure: tested on recorded data.
 */
export function mapTaxGroups(
  data: StoreTaxData,
  hubRates: readonly TaxRate[],
  defaultCode: string | null,
): Map<number, TaxGroupMapping> {
  const taxRates = new Map(data.taxes.map((tax) => [tax.id, scalar(tax.rate)]));
  const countryWide = new Map<number, PsRecord>();
  for (const rule of [...data.rules].sort((a, b) => a.id - b.id)) {
    const group = Number(rule.id_tax_rules_group);
    const wholeCountry = Number(rule.id_state || 0) === 0 && Number(rule.zipcode_from || 0) === 0;
    if (wholeCountry && !countryWide.has(group)) countryWide.set(group, rule);
  }
  const iso = data.country?.iso.toUpperCase() ?? null;
  const candidates = [...hubRates]
    .filter((rate) => rate.country === null || iso === null || rate.country.toUpperCase() === iso)
    .sort((a, b) => {
      const aLocal = a.country !== null ? 0 : 1;
      const bLocal = b.country !== null ? 0 : 1;
      return aLocal - bLocal || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    });
  const hubCodeFor = (rate: string): string | null => {
    const wanted = Decimal.tryParse(rate);
    if (wanted === undefined) return null;
    return candidates.find((candidate) => Decimal.from(candidate.rate).eq(wanted))?.code ?? null;
  };

  const mappings = new Map<number, TaxGroupMapping>();
  const entries: { id: number; name: string }[] = [
    { id: 0, name: 'No tax' },
    ...data.groups.map((group) => ({ id: group.id, name: scalar(group.name) })),
  ];
  for (const { id, name } of entries) {
    const rule = countryWide.get(id);
    const rate = id === 0 ? '0' : rule === undefined ? null : (taxRates.get(Number(rule.id_tax)) ?? null);
    const code = rate === null ? null : hubCodeFor(rate);
    mappings.set(id, {
      groupId: id,
      groupName: name,
      rate,
      code: code ?? defaultCode,
      matched: code !== null,
    });
  }
  return mappings;
}

/**
 * Reads the store's tax data: the default country (a configuration value and the country's ISO
 * code), tax rules groups, the rules of that country and the taxes — four or five small requests,
 * once per run.
 */
export async function loadStoreTaxData(client: PrestaShopClient): Promise<StoreTaxData> {
  const [configuration] = await client.list('configurations', {
    display: ['name', 'value'],
    filter: { name: 'PS_COUNTRY_DEFAULT' },
  });
  const countryId = Number(configuration?.value);
  const hasCountry = Number.isInteger(countryId) && countryId > 0;
  const [groups, rules, taxes, countries] = await Promise.all([
    client.iterate('tax_rule_groups', { display: ['name'] }, { pageSize: 1000 }).toArray(),
    hasCountry
      ? client
          .iterate(
            'tax_rules',
            {
              display: ['id_tax_rules_group', 'id_state', 'zipcode_from', 'id_tax'],
              filter: { id_country: countryId },
            },
            { pageSize: 5000 },
          )
          .toArray()
      : Promise.resolve([]),
    client.iterate('taxes', { display: ['rate'] }, { pageSize: 1000 }).toArray(),
    hasCountry
      ? client.list('countries', { display: ['iso_code'], filter: { id: countryId } })
      : Promise.resolve([]),
  ]);
  const country = countries[0];
  return {
    country: country === undefined ? null : { id: country.id, iso: scalar(country.iso_code) },
    groups,
    rules,
    taxes,
  };
}
