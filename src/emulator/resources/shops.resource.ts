import type { ResourceDefinition } from '../resource-definition.js';

/** `shops`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const shopsResource: ResourceDefinition = {
  name: 'shops',
  singular: 'shop',
  description: 'Shops from multi-shop feature',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  contextRecord: 'context-shop',
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_shop_group', required: true, xlink: 'shop_groups', json: 'number' },
    { name: 'id_category', required: true, json: 'number' },
    { name: 'active', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'deleted', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'name', format: 'isGenericName', required: true, maxSize: 64, json: 'string' },
    { name: 'color', format: 'isColor', json: 'string' },
    { name: 'theme_name', format: 'isThemeName', json: 'string' },
  ],
  associations: [],
};
