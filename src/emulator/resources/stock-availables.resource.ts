import type { ResourceDefinition } from '../resource-definition.js';

/** `stock_availables`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const stockAvailablesResource: ResourceDefinition = {
  name: 'stock_availables',
  singular: 'stock_available',
  description: 'Available quantities',
  verbs: ['GET', 'PUT', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_product', format: 'isUnsignedId', required: true, xlink: 'products', json: 'number' },
    {
      name: 'id_product_attribute',
      format: 'isUnsignedId',
      required: true,
      xlink: 'combinations',
      json: 'number',
    },
    { name: 'id_shop', format: 'isUnsignedId', xlink: 'shops', json: 'number' },
    // unverified: xlink to shop_groups assumed like id_shop → shops; the recorded rows all hold 0.
    { name: 'id_shop_group', format: 'isUnsignedId', xlink: 'shop_groups', json: 'number' },
    { name: 'quantity', format: 'isInt', required: true, json: 'number' },
    { name: 'depends_on_stock', format: 'isBool', required: true, json: 'string' },
    { name: 'out_of_stock', format: 'isInt', required: true, json: 'number' },
    { name: 'location', format: 'isString', maxSize: 255, json: 'string' },
  ],
  associations: [],
};
