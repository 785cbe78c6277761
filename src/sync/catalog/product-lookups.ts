import { addMasterDataCommand, Decimal } from '../../hub/index.js';
import { filter } from '../../webservice/index.js';
import type { FeedContext } from '../feed.js';
import { StoreDates } from '../store-dates.js';
import { StoreLanguages } from '../store-languages.js';
import { loadAttributeLookup } from './attribute-lookup.js';
import { familyFor, mapCategoryCommand } from './family-mapping.js';
import type { ProductLookups } from './map-product.js';
import { loadStoreTaxData, mapTaxGroups, type TaxGroupMapping } from './tax-mapping.js';

/**
 * The lookups product feeds map with, read once per run and only when a page needs mapping (an
 * empty rerun reads none of them), plus the notices they lead to: unmapped categories, families the
 * hub lacks, tax groups without a hub rate, a default unit or tax the hub lacks. Notices carry the
 * number of products concerned so far in the run.
 */
export class ProductLookupSession {
  readonly #ctx: FeedContext;
  #loaded: Promise<ProductLookups> | undefined;
  readonly #unmappedCategories = new Map<number, number>();
  readonly #unknownFamilies = new Map<number, { family: string; products: number }>();
  readonly #unmatchedTaxGroups = new Map<number, number>();
  readonly #categoryNames = new Map<number, string>();
  #hubCategoryNamesRead = false;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  /** The lookups; the first call reads them (a few small requests), later calls reuse them. */
  lookups(): Promise<ProductLookups> {
    this.#loaded ??= this.#load();
    return this.#loaded;
  }

  async #load(): Promise<ProductLookups> {
    const { store, client, hub } = this.#ctx;
    const settings = store.settings;
    const languages = await StoreLanguages.load(store, client);
    const [attributes, taxData, hubRates, families, unit, defaultTax] = await Promise.all([
      loadAttributeLookup(client, languages),
      loadStoreTaxData(client),
      hub.masterData.list('taxRates'),
      settings.extras.syncCategories ? hub.masterData.list('families') : Promise.resolve([]),
      settings.defaults.unitOfMeasure === null
        ? Promise.resolve(undefined)
        : hub.masterData.find('unitsOfMeasure', settings.defaults.unitOfMeasure),
      settings.defaults.tax === null
        ? Promise.resolve(undefined)
        : hub.masterData.find('taxRates', settings.defaults.tax),
    ]);
    if (settings.defaults.unitOfMeasure !== null && unit === undefined) {
      this.#ctx.notice({
        kind: 'unknown-unit',
        key: settings.defaults.unitOfMeasure,
        message:
          `defaults.unitOfMeasure names '${settings.defaults.unitOfMeasure}', which the hub does not have: ` +
          'products are imported without a unit. Create the unit of measure ' +
          `(\`${addMasterDataCommand('unitsOfMeasure', settings.defaults.unitOfMeasure)}\`), or change the setting.`,
      });
    }
    if (settings.defaults.tax !== null && defaultTax === undefined) {
      this.#ctx.notice({
        kind: 'unknown-tax',
        key: settings.defaults.tax,
        message:
          `defaults.tax names '${settings.defaults.tax}', which the hub does not have: products whose tax ` +
          'group matches no hub rate are imported without a tax rate. Create the tax rate ' +
          `(\`${addMasterDataCommand('taxRates', settings.defaults.tax)}\`), or change the setting.`,
      });
    }
    const taxGroups = mapTaxGroups(taxData, hubRates, defaultTax?.code ?? null);
    const countryIso = taxData.country?.iso ?? 'the default country';
    const familyCodes = new Set(families.map((family) => family.code));
    const mapping = settings.categoryFamilies;
    return {
      languages,
      dates: StoreDates.of(store),
      attributes,
      unitOfMeasure: unit?.code ?? null,
      taxRateOf: (groupId) => {
        const group = taxGroups.get(groupId);
        if (group === undefined || !group.matched) {
          this.#unmatchedTaxGroups.set(groupId, (this.#unmatchedTaxGroups.get(groupId) ?? 0) + 1);
          this.#taxNotice(groupId, group, countryIso, defaultTax?.code ?? null);
        }
        return group?.code ?? defaultTax?.code ?? null;
      },
      familyOf: (categoryId) => {
        if (!settings.extras.syncCategories) return null;
        const decision = familyFor(categoryId, mapping, familyCodes);
        if (decision.kind === 'mapped') return decision.family;
        if (decision.kind === 'unmapped') {
          this.#unmappedCategories.set(categoryId, (this.#unmappedCategories.get(categoryId) ?? 0) + 1);
        } else {
          const seen = this.#unknownFamilies.get(categoryId);
          this.#unknownFamilies.set(categoryId, {
            family: decision.family,
            products: (seen?.products ?? 0) + 1,
          });
        }
        return null;
      },
    };
  }

  #taxNotice(
    groupId: number,
    group: TaxGroupMapping | undefined,
    countryIso: string,
    fallback: string | null,
  ): void {
    const products = this.#unmatchedTaxGroups.get(groupId) ?? 0;
    const rate = group?.rate == null ? null : (Decimal.tryParse(group.rate)?.toString() ?? group.rate);
    const name = group === undefined ? '' : ` '${group.groupName}'`;
    const problem =
      group === undefined
        ? 'is not a tax rules group of the store'
        : rate === null
          ? `has no rule for the whole of ${countryIso}`
          : `(${rate} % in ${countryIso}) matches no hub tax rate`;
    const outcome = fallback === null ? 'get no tax rate' : `get the store's default tax '${fallback}'`;
    const fix =
      rate !== null
        ? `Create a tax rate of ${rate} % in the hub's master data: prestabridge tax-rates add CODE --name NAME --rate ${rate}`
        : `Set defaults.tax: prestabridge stores set ${this.#ctx.store.name} defaults.tax=CODE`;
    this.#ctx.notice({
      kind: 'unmapped-tax-group',
      key: String(groupId),
      message: `Tax rules group ${groupId}${name} ${problem}: its ${products} product(s) so far ${outcome}. ${fix}.`,
    });
  }

  /** Reports unmapped categories and unknown families met so far, naming each category. */
  async reportCategoryNotices(): Promise<void> {
    const ids = [...this.#unmappedCategories.keys(), ...this.#unknownFamilies.keys()];
    if (ids.length === 0) return;
    await this.#nameCategories(ids);
    const storeName = this.#ctx.store.name;
    for (const [categoryId, products] of this.#unmappedCategories) {
      this.#ctx.notice({
        kind: 'unmapped-category',
        key: String(categoryId),
        message:
          `Category ${categoryId} ${this.#categoryLabel(categoryId)} is not mapped to a family: its ` +
          `${products} product(s) so far get no family. Map it: ${mapCategoryCommand(storeName, categoryId)}`,
      });
    }
    for (const [categoryId, { family, products }] of this.#unknownFamilies) {
      this.#ctx.notice({
        kind: 'unknown-family',
        key: String(categoryId),
        message:
          `categoryFamilies.${categoryId} (${this.#categoryLabel(categoryId)}) names family '${family}', ` +
          `which the hub does not have: ${products} product(s) so far get no family. Create the family ` +
          `(\`${addMasterDataCommand('families', family)}\`), or change the mapping: ${mapCategoryCommand(storeName, categoryId)}`,
      });
    }
  }

  #categoryLabel(categoryId: number): string {
    const name = this.#categoryNames.get(categoryId);
    return name === undefined ? '(name unknown)' : `'${name}'`;
  }

  /** Names from the hub's copy of the tree when imported, else from the store (one request). */
  async #nameCategories(ids: readonly number[]): Promise<void> {
    if (!this.#hubCategoryNamesRead) {
      this.#hubCategoryNamesRead = true;
      for (const category of await this.#ctx.hub.catalog.storeCategories(this.#ctx.store.id)) {
        this.#categoryNames.set(Number(category.externalId), category.name);
      }
    }
    const missing = [...new Set(ids)].filter((id) => !this.#categoryNames.has(id) && id > 0);
    if (missing.length === 0) return;
    const languages = (await this.lookups()).languages;
    const rows = await this.#ctx.client.list('categories', {
      display: ['name'],
      filter: { id: filter.oneOf(missing) },
    });
    for (const row of rows) this.#categoryNames.set(row.id, languages.defaultText(row.name));
  }
}
