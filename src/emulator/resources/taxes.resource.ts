import type { ResourceDefinition } from '../resource-definition.js';

/** `taxes`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const taxesResource: ResourceDefinition = {
  name: 'taxes',
  singular: 'tax',
  description: 'The tax rate',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'rate', format: 'isFloat', required: true, json: 'string' },
    { name: 'active', json: 'string' },
    { name: 'deleted', json: 'string' },
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
