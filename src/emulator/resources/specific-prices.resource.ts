import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `specific_prices`: checked field by field against PrestaShop 8.1.2's `SpecificPrice` (`$definition`,
 * `$webserviceParameters`: the nine xlinked ids first) and against the project's recordings of the
 * development 8.1.2 store (`test/fixtures/realstore/specific_prices.*`). `reduction_tax` is a
 * `TYPE_INT` field (JSON number) despite its `isBool` rule. `id_product_attribute` links to
 * `product_attributes`, a resource no 8.1.2 store serves, because the class says so. `from` and `to`
 * are DATETIME columns (`"0000-00-00 00:00:00"`).
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
    { name: 'id_product_attribute', format: 'isUnsignedId', xlink: 'product_attributes', json: 'number' },
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
    {
      name: 'from',
      format: 'isDateFormat',
      required: true,
      json: 'string',
      default: '0000-00-00 00:00:00',
    },
    { name: 'to', format: 'isDateFormat', required: true, json: 'string', default: '0000-00-00 00:00:00' },
  ],
  associations: [],
};
