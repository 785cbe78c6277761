import type { PrestaShopClient } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { StoreLanguages } from '../store-languages.js';
import type { AddressLookups } from './map-customer.js';

/** Country ISO codes and state names by the store's ids: two requests, once per run. */
export async function loadAddressLookups(
  client: PrestaShopClient,
  languages: StoreLanguages,
): Promise<AddressLookups> {
  const [countries, regions] = await Promise.all([
    client.list('countries', { display: ['iso_code'] }),
    client.list('states', { display: ['name'] }),
  ]);
  const countryById = new Map(countries.map((row) => [row.id, scalar(row.iso_code).trim().toUpperCase()]));
  const regionById = new Map(regions.map((row) => [row.id, languages.defaultText(row.name).trim()]));
  return {
    countryIso: (id) => countryById.get(id) || undefined,
    stateName: (id) => regionById.get(id) || undefined,
  };
}
