import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `zones`: checked field by field against PrestaShop 8.1.2's `Zone` (`$definition`; empty
 * `$webserviceParameters`) and against the project's recordings of the development 8.1.2 store
 * (`test/fixtures/realstore/zones.*`).
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
