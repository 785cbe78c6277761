import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `countries`: checked field by field against PrestaShop 8.1.2's `Country` (`$definition`,
 * `$webserviceParameters`: `id_zone` and `id_currency` xlinked) and against the project's recordings
 * of the development 8.1.2 store (`test/fixtures/realstore/countries.*`). `zip_code_format` declares
 * no size, so it has no `maxSize`.
 */
export const countriesResource: ResourceDefinition = {
  name: 'countries',
  singular: 'country',
  description: 'The countries',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_zone', format: 'isUnsignedId', required: true, xlink: 'zones', json: 'number' },
    { name: 'id_currency', format: 'isUnsignedId', xlink: 'currencies', json: 'number' },
    { name: 'call_prefix', format: 'isInt', json: 'number' },
    { name: 'iso_code', format: 'isLanguageIsoCode', required: true, maxSize: 3, json: 'string' },
    { name: 'active', format: 'isBool', json: 'string' },
    { name: 'contains_states', format: 'isBool', required: true, json: 'string' },
    { name: 'need_identification_number', format: 'isBool', required: true, json: 'string' },
    { name: 'need_zip_code', format: 'isBool', json: 'string' },
    { name: 'zip_code_format', format: 'isZipCodeFormat', json: 'string' },
    { name: 'display_tax_label', format: 'isBool', required: true, json: 'string' },
    {
      name: 'name',
      format: 'isGenericName',
      required: true,
      maxSize: 64,
      multilingual: true,
      json: 'string',
    },
  ],
  associations: [],
};
