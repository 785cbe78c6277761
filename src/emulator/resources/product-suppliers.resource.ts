import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `product_suppliers`: checked field by field against PrestaShop 8.1.2's `ProductSupplier`
 * (`$definition`, `$webserviceParameters`: the four xlinked ids first; `product_supplier_reference`
 * size 64) and against the project's recordings of the development 8.1.2 store
 * (`test/fixtures/realstore/product_suppliers.*`).
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
    { name: 'product_supplier_reference', format: 'isReference', maxSize: 64, json: 'string' },
    { name: 'product_supplier_price_te', format: 'isPrice', json: 'string' },
  ],
  associations: [],
};
