import type { ResourceDefinition } from '../resource-definition.js';

/** `currencies`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const currenciesResource: ResourceDefinition = {
  name: 'currencies',
  singular: 'currency',
  description: 'The currencies',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  contextRecord: 'default-currency',
  fields: [
    { name: 'id', json: 'number' },
    { name: 'names', multilingual: true, json: 'string' },
    {
      name: 'name',
      format: 'isGenericName',
      required: true,
      maxSize: 255,
      notFilterable: true,
      json: 'string',
    },
    { name: 'symbol', maxSize: 255, multilingual: true, json: 'string' },
    { name: 'iso_code', format: 'isLanguageIsoCode', required: true, maxSize: 3, json: 'string' },
    { name: 'numeric_iso_code', format: 'isNumericIsoCode', maxSize: 3, json: 'string' },
    { name: 'precision', format: 'isInt', json: 'number' },
    { name: 'conversion_rate', format: 'isUnsignedFloat', required: true, json: 'string' },
    { name: 'deleted', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'active', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'unofficial', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'modified', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'pattern', maxSize: 255, multilingual: true, json: 'string' },
  ],
  associations: [],
};
