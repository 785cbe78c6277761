import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `groups`: checked field by field against PrestaShop 8.1.2's `Group` (`$definition`; empty
 * `$webserviceParameters`) and against the project's recordings of the development 8.1.2 store
 * (`test/fixtures/realstore/groups.*`). `reduction` is a DECIMAL(5,2) column: `"0.00"`. The group of
 * visitors (`PS_UNIDENTIFIED_GROUP`) is loaded before the webservice runs, so its `show_prices` is a
 * JSON number there and a string on the other groups.
 */
export const groupsResource: ResourceDefinition = {
  name: 'groups',
  singular: 'group',
  description: "The customer's groups",
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  contextRecord: 'unidentified-group',
  fields: [
    { name: 'id', json: 'number' },
    { name: 'reduction', format: 'isFloat', json: 'string', default: '0.00' },
    { name: 'price_display_method', format: 'isPriceDisplayMethod', required: true, json: 'number' },
    { name: 'show_prices', format: 'isBool', json: 'string', contextJson: 'number' },
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
