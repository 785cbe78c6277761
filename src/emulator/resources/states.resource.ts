import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `states`: checked field by field against PrestaShop 8.1.2's `State` (`$definition`: `iso_code` 7,
 * `name` 80; `$webserviceParameters` lists `id_zone` before `id_country`, which puts them first)
 * and against the project's recordings of the development 8.1.2 store
 * (`test/fixtures/realstore/states.*`).
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
