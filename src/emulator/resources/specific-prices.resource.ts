import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `specific_prices`: not recorded; fields from `SpecificPrice::$definition`, the ids declared in `$webserviceParameters` first. `reduction_tax` is an integer field (number) despite its `isBool` rule.
 */
export const specificPricesResource: ResourceDefinition = {
  name: 'specific_prices',
  singular: 'specific_price',
  description: 'Specific price management',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_shop_group', format: 'isUnsignedId', xlink: 'shop_groups', json: 'number' },
    { name: 'id_shop', format: 'isUnsignedId', required: true, xlink: 'shops', json: 'number' },
    { name: 'id_cart', format: 'isUnsignedId', required: true, xlink: 'carts', json: 'number' },
    { name: 'id_product', format: 'isUnsignedId', required: true, xlink: 'products', json: 'number' },
    // unverified: xlink combinations (1.6 wrote product_attributes).
    { name: 'id_product_attribute', format: 'isUnsignedId', xlink: 'combinations', json: 'number' },
    { name: 'id_currency', format: 'isUnsignedId', required: true, xlink: 'currencies', json: 'number' },
    { name: 'id_country', format: 'isUnsignedId', required: true, xlink: 'countries', json: 'number' },
    { name: 'id_group', format: 'isUnsignedId', required: true, xlink: 'groups', json: 'number' },
    { name: 'id_customer', format: 'isUnsignedId', required: true, xlink: 'customers', json: 'number' },
    { name: 'id_specific_price_rule', format: 'isUnsignedId', json: 'number' },
    { name: 'price', format: 'isNegativePrice', required: true, json: 'string' },
    { name: 'from_quantity', format: 'isUnsignedInt', required: true, json: 'number' },
    { name: 'reduction', format: 'isPrice', required: true, json: 'string' },
    { name: 'reduction_tax', format: 'isBool', required: true, json: 'number' },
    { name: 'reduction_type', format: 'isReductionType', required: true, json: 'string' },
    { name: 'from', format: 'isDateFormat', required: true, json: 'string' },
    { name: 'to', format: 'isDateFormat', required: true, json: 'string' },
  ],
  associations: [],
};
