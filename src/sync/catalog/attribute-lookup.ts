import type { VariantAttribute } from '../../hub/index.js';
import type { PrestaShopClient, PsRecord } from '../../webservice/index.js';
import type { StoreLanguages } from '../store-languages.js';

/** Option value id (`product_option_values`) → the attribute it gives a variant (`Size: M`). */
export type AttributeLookup = ReadonlyMap<number, VariantAttribute>;

/**
 * Builds the attribute of every option value: the option's name (`Size`) and the value's name
 * (`M`), in every store language. Pure: tested on the recorded listings.
 */
export function buildAttributeLookup(
  options: readonly PsRecord[],
  values: readonly PsRecord[],
  languages: StoreLanguages,
): AttributeLookup {
  const optionNames = new Map(options.map((option) => [option.id, languages.text(option.name)]));
  const lookup = new Map<number, VariantAttribute>();
  for (const value of values) {
    lookup.set(value.id, {
      name: optionNames.get(Number(value.id_attribute_group)) ?? {},
      value: languages.text(value.name),
    });
  }
  return lookup;
}

/** Reads the store's options and option values (small listings: a request each) and builds the lookup. */
export async function loadAttributeLookup(
  client: PrestaShopClient,
  languages: StoreLanguages,
): Promise<AttributeLookup> {
  const [options, values] = await Promise.all([
    client.iterate('product_options', { display: ['name'] }, { pageSize: 1000 }).toArray(),
    client
      .iterate('product_option_values', { display: ['id_attribute_group', 'name'] }, { pageSize: 5000 })
      .toArray(),
  ]);
  return buildAttributeLookup(options, values, languages);
}
