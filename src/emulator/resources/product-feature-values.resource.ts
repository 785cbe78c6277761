import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `product_feature_values`: not recorded; fields from `FeatureValue::$definition`.
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
