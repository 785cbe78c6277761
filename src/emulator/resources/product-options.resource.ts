import type { ResourceDefinition } from '../resource-definition.js';

/** `product_options`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const productOptionsResource: ResourceDefinition = {
  name: 'product_options',
  singular: 'product_option',
  description: 'The product options',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'is_color_group', format: 'isBool', json: 'string' },
    { name: 'group_type', required: true, json: 'string' },
    { name: 'position', format: 'isInt', json: 'number' },
    {
      name: 'name',
      format: 'isGenericName',
      required: true,
      maxSize: 128,
      multilingual: true,
      json: 'string',
    },
    {
      name: 'public_name',
      format: 'isGenericName',
      required: true,
      maxSize: 64,
      multilingual: true,
      json: 'string',
    },
  ],
  associations: [
    {
      name: 'product_option_values',
      nodeType: 'product_option_value',
      api: 'product_option_values',
      writable: false,
      fields: [{ name: 'id', json: 'number' }],
    },
  ],
};
