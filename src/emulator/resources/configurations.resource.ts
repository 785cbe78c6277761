import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `configurations`: not recorded; fields from `Configuration::$definition`; `value` comes first because `$webserviceParameters` lists it. `id_shop_group`, `id_shop` and `value` are nullable columns: global settings hold SQL NULL there, so JSON shows `null`.
 */
export const configurationsResource: ResourceDefinition = {
  name: 'configurations',
  singular: 'configuration',
  description: 'Shop configuration',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'value', json: 'string', default: null },
    { name: 'name', format: 'isConfigName', required: true, maxSize: 254, json: 'string' },
    // unverified: xlinks to shop_groups/shops assumed; NULL for global settings.
    { name: 'id_shop_group', format: 'isUnsignedId', xlink: 'shop_groups', json: 'number', default: null },
    { name: 'id_shop', format: 'isUnsignedId', xlink: 'shops', json: 'number', default: null },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
  ],
  associations: [],
};
