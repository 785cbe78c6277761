import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `product_features`: checked field by field against PrestaShop 8.1.2's `Feature` (`$definition`;
 * `$webserviceParameters` names no field) and against the project's recordings of the development
 * 8.1.2 store (`test/fixtures/realstore/product_features.*`).
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
