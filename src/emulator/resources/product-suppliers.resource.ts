import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `product_suppliers`: not recorded; fields from `ProductSupplier::$definition`, the xlinked ids first as in `$webserviceParameters`.
 */
export const productSuppliersResource: ResourceDefinition = {
  name: 'product_suppliers',
  singular: 'product_supplier',
  description: 'Product Suppliers',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
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
    { name: 'id_supplier', format: 'isUnsignedId', required: true, xlink: 'suppliers', json: 'number' },
    { name: 'id_currency', format: 'isUnsignedId', xlink: 'currencies', json: 'number' },
    // unverified: maxSize 64 (1.7+); 32 in 1.5.
    { name: 'product_supplier_reference', format: 'isReference', maxSize: 64, json: 'string' },
    { name: 'product_supplier_price_te', format: 'isPrice', json: 'string' },
  ],
  associations: [],
};
