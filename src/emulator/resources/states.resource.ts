import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `states`: not recorded; fields from `State::$definition` (8.x: `iso_code` 7, `name` 80); its `$webserviceParameters` lists `id_zone` before `id_country`, which puts them first.
 */
export const statesResource: ResourceDefinition = {
  name: 'states',
  singular: 'state',
  description: 'The available states of countries',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_zone', format: 'isUnsignedId', required: true, xlink: 'zones', json: 'number' },
    { name: 'id_country', format: 'isUnsignedId', required: true, xlink: 'countries', json: 'number' },
    { name: 'iso_code', format: 'isStateIsoCode', required: true, maxSize: 7, json: 'string' },
    { name: 'name', format: 'isGenericName', required: true, maxSize: 80, json: 'string' },
    { name: 'active', format: 'isBool', json: 'string' },
  ],
  associations: [],
};
