import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `configurations`: checked field by field against PrestaShop 8.1.2's `Configuration` (`value` first
 * because `$webserviceParameters` lists it; no xlinks) and against the project's recordings of the
 * development 8.1.2 store (`test/fixtures/realstore/configurations.*`). `id_shop_group`, `id_shop`
 * and `value` are nullable columns: global settings hold SQL NULL there. JSON writes a NULL `value`
 * as `null` but a NULL `id_*` as `""`, as every resource does (`WebserviceOutputBuilder`).
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
    { name: 'id_shop_group', format: 'isUnsignedId', json: 'number', default: null },
    { name: 'id_shop', format: 'isUnsignedId', json: 'number', default: null },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
  ],
  associations: [],
};
