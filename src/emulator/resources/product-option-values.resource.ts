import type { ResourceDefinition } from '../resource-definition.js';

/** `product_option_values`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const productOptionValuesResource: ResourceDefinition = {
  name: 'product_option_values',
  singular: 'product_option_value',
  description: 'The product options value',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    {
      name: 'id_attribute_group',
      format: 'isUnsignedId',
      required: true,
      xlink: 'product_options',
      json: 'number',
    },
    { name: 'color', format: 'isColor', json: 'string' },
    { name: 'position', format: 'isInt', json: 'number' },
    {
      name: 'name',
      format: 'isGenericName',
      required: true,
      maxSize: 128,
      multilingual: true,
      json: 'string',
    },
  ],
  associations: [],
};
