import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `zones`: not recorded; fields from `Zone::$definition`.
 */
export const zonesResource: ResourceDefinition = {
  name: 'zones',
  singular: 'zone',
  description: 'The Countries zones',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'name', format: 'isGenericName', required: true, maxSize: 64, json: 'string' },
    { name: 'active', format: 'isBool', json: 'string' },
  ],
  associations: [],
};
