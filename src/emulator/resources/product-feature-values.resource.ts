import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `product_feature_values`: checked field by field against PrestaShop 8.1.2's `FeatureValue`
 * (`$definition`, `$webserviceParameters`: `id_feature` xlinked to `product_features`) and against
 * the project's recordings of the development 8.1.2 store
 * (`test/fixtures/realstore/product_feature_values.*`).
 */
export const productFeatureValuesResource: ResourceDefinition = {
  name: 'product_feature_values',
  singular: 'product_feature_value',
  description: 'The product feature values',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_feature', format: 'isUnsignedId', required: true, xlink: 'product_features', json: 'number' },
    { name: 'custom', format: 'isBool', json: 'string' },
    {
      name: 'value',
      format: 'isGenericName',
      required: true,
      maxSize: 255,
      multilingual: true,
      json: 'string',
    },
  ],
  associations: [],
};
