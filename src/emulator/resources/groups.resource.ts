import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `groups`: not recorded; fields from `Group::$definition` (no webservice overrides). `reduction` is a DECIMAL(5,2) column: `"0.00"`.
 */
export const groupsResource: ResourceDefinition = {
  name: 'groups',
  singular: 'group',
  description: "The customer's groups",
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'reduction', format: 'isFloat', json: 'string' },
    { name: 'price_display_method', format: 'isPriceDisplayMethod', required: true, json: 'number' },
    { name: 'show_prices', format: 'isBool', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
    {
      name: 'name',
      format: 'isGenericName',
      required: true,
      maxSize: 32,
      multilingual: true,
      json: 'string',
    },
  ],
  associations: [],
};
