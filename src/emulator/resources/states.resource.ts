import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `states`: not recorded; fields from `State::$definition`; its `$webserviceParameters` lists `id_zone` before `id_country`, which puts them first.
 */
export const statesResource: ResourceDefinition = {
  name: 'states',
  singular: 'state',
  description: 'The available states of countries',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    // unverified: order id_zone, id_country taken from the webservice field list.
    { name: 'id_zone', format: 'isUnsignedId', required: true, xlink: 'zones', json: 'number' },
    { name: 'id_country', format: 'isUnsignedId', required: true, xlink: 'countries', json: 'number' },
    { name: 'iso_code', format: 'isStateIsoCode', required: true, maxSize: 7, json: 'string' },
    // unverified: maxSize 80 (8.x); 64 in older trees.
    { name: 'name', format: 'isGenericName', required: true, maxSize: 80, json: 'string' },
    { name: 'active', format: 'isBool', json: 'string' },
  ],
  associations: [],
};
