import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `countries`: not recorded; fields from `Country::$definition`; xlinks from its `$webserviceParameters`.
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
    // unverified: maxSize 12 as in the 8.x definition; older trees have none.
    { name: 'zip_code_format', format: 'isZipCodeFormat', maxSize: 12, json: 'string' },
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
