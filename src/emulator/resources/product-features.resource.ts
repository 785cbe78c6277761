import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `product_features`: not recorded; fields from `Feature::$definition`.
 */
export const productFeaturesResource: ResourceDefinition = {
  name: 'product_features',
  singular: 'product_feature',
  description: 'The product features',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
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
