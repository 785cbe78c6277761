import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `order_details`: checked field by field against PrestaShop 8.1.2's `OrderDetail` (`$definition`,
 * `$webserviceParameters`: the eight fields it names first, three of them xlinked; `tax_name` and
 * `tax_rate` are `hidden_fields`; `taxes` read through `getWsTaxes`, no setter) and against the
 * project's recordings of the development 8.1.2 store (`test/fixtures/realstore/order_details.*`).
 * Decimal widths follow the `order_detail` table: `reduction_percent`, `group_reduction`
 * DECIMAL(5,2) (`"0.00"`), `tax_rate` DECIMAL(10,3), `ecotax_tax_rate` DECIMAL(5,3) (`"0.000"`), the
 * rest DECIMAL(x,6); `download_deadline` is a DATETIME (`"0000-00-00 00:00:00"`).
 */
export const orderDetailsResource: ResourceDefinition = {
  name: 'order_details',
  singular: 'order_detail',
  description: 'Details of an order',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_order', format: 'isUnsignedId', required: true, xlink: 'orders', json: 'number' },
    { name: 'product_id', format: 'isUnsignedId', xlink: 'products', json: 'number' },
    { name: 'product_attribute_id', format: 'isUnsignedId', xlink: 'combinations', json: 'number' },
    { name: 'product_quantity_reinjected', format: 'isUnsignedInt', json: 'number' },
    { name: 'group_reduction', format: 'isFloat', json: 'string', default: '0.00' },
    { name: 'discount_quantity_applied', format: 'isInt', json: 'number' },
    { name: 'download_hash', format: 'isGenericName', json: 'string' },
    { name: 'download_deadline', format: 'isDateFormat', json: 'string', default: '0000-00-00 00:00:00' },
    { name: 'id_order_invoice', format: 'isUnsignedId', json: 'number' },
    { name: 'id_warehouse', format: 'isUnsignedId', required: true, json: 'number' },
    { name: 'id_shop', format: 'isUnsignedId', required: true, json: 'number' },
    { name: 'id_customization', format: 'isUnsignedId', json: 'number' },
    { name: 'product_name', format: 'isGenericName', required: true, json: 'string' },
    { name: 'product_quantity', format: 'isInt', required: true, json: 'number' },
    { name: 'product_quantity_in_stock', format: 'isInt', json: 'number' },
    { name: 'product_quantity_return', format: 'isUnsignedInt', json: 'number' },
    { name: 'product_quantity_refunded', format: 'isUnsignedInt', json: 'number' },
    { name: 'product_price', format: 'isPrice', required: true, json: 'string' },
    { name: 'reduction_percent', format: 'isFloat', json: 'string', default: '0.00' },
    { name: 'reduction_amount', format: 'isPrice', json: 'string' },
    { name: 'reduction_amount_tax_incl', format: 'isPrice', json: 'string' },
    { name: 'reduction_amount_tax_excl', format: 'isPrice', json: 'string' },
    { name: 'product_quantity_discount', format: 'isFloat', json: 'string' },
    { name: 'product_ean13', format: 'isEan13', json: 'string' },
    { name: 'product_isbn', format: 'isIsbn', json: 'string' },
    { name: 'product_upc', format: 'isUpc', json: 'string' },
    { name: 'product_mpn', format: 'isMpn', json: 'string' },
    { name: 'product_reference', format: 'isReference', json: 'string' },
    { name: 'product_supplier_reference', format: 'isReference', json: 'string' },
    { name: 'product_weight', format: 'isFloat', json: 'string' },
    { name: 'tax_name', format: 'isGenericName', hidden: true, json: 'string' },
    { name: 'tax_rate', format: 'isFloat', hidden: true, json: 'string', default: '0.000' },
    { name: 'tax_computation_method', format: 'isUnsignedId', json: 'number' },
    { name: 'id_tax_rules_group', format: 'isInt', json: 'number' },
    { name: 'ecotax', format: 'isFloat', json: 'string' },
    { name: 'ecotax_tax_rate', format: 'isFloat', json: 'string', default: '0.000' },
    { name: 'download_nb', format: 'isInt', json: 'number' },
    { name: 'unit_price_tax_incl', format: 'isPrice', json: 'string' },
    { name: 'unit_price_tax_excl', format: 'isPrice', json: 'string' },
    { name: 'total_price_tax_incl', format: 'isPrice', json: 'string' },
    { name: 'total_price_tax_excl', format: 'isPrice', json: 'string' },
    { name: 'total_shipping_price_tax_excl', format: 'isPrice', json: 'string' },
    { name: 'total_shipping_price_tax_incl', format: 'isPrice', json: 'string' },
    { name: 'purchase_supplier_price', format: 'isPrice', json: 'string' },
    { name: 'original_product_price', format: 'isPrice', json: 'string' },
    { name: 'original_wholesale_price', format: 'isPrice', json: 'string' },
    { name: 'total_refunded_tax_excl', format: 'isPrice', json: 'string' },
    { name: 'total_refunded_tax_incl', format: 'isPrice', json: 'string' },
  ],
  associations: [
    {
      name: 'taxes',
      nodeType: 'tax',
      api: 'taxes',
      writable: false,
      fields: [{ name: 'id', json: 'number' }],
    },
  ],
};
