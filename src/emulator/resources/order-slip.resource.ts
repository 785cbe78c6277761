import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `order_slip` (a refund, PrestaShop's credit slip): read from PrestaShop's `OrderSlip` class
 * (`$definition` and `$webserviceParameters`: `objectNodeName` `order_slip`, `objectsNodeName`
 * `order_slips` — so the URL is singular and lists are wrapped in `order_slips`; `id_customer` and
 * `id_order` xlinked; the association `order_slip_details`, a virtual entity without setter, with
 * `id`, `id_order_detail`, `product_quantity`, `amount_tax_excl`, `amount_tax_incl`). The recorded
 * 8.1.2 store lists it in `/api/` ("The Order slips", no PATCH) but no slip was recorded: the field
 * formats follow the class (`isFloat` amounts; `shipping_cost` and `partial` plain integers).
 */
export const orderSlipResource: ResourceDefinition = {
  name: 'order_slip',
  singular: 'order_slip',
  listNode: 'order_slips',
  description: 'The Order slips',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_customer', format: 'isUnsignedId', required: true, xlink: 'customers', json: 'number' },
    { name: 'id_order', format: 'isUnsignedId', required: true, xlink: 'orders', json: 'number' },
    { name: 'conversion_rate', format: 'isFloat', required: true, json: 'string' },
    { name: 'total_products_tax_excl', format: 'isFloat', required: true, json: 'string' },
    { name: 'total_products_tax_incl', format: 'isFloat', required: true, json: 'string' },
    { name: 'total_shipping_tax_excl', format: 'isFloat', required: true, json: 'string' },
    { name: 'total_shipping_tax_incl', format: 'isFloat', required: true, json: 'string' },
    { name: 'amount', format: 'isFloat', json: 'string' },
    { name: 'shipping_cost', json: 'number' },
    { name: 'shipping_cost_amount', format: 'isFloat', json: 'string' },
    { name: 'partial', json: 'number' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
    { name: 'order_slip_type', format: 'isInt', json: 'number' },
  ],
  associations: [
    {
      name: 'order_slip_details',
      nodeType: 'order_slip_detail',
      virtualEntity: true,
      writable: false,
      fields: [
        { name: 'id', json: 'number' },
        { name: 'id_order_detail', required: true, json: 'number' },
        { name: 'product_quantity', required: true, json: 'number' },
        { name: 'amount_tax_excl', required: true, json: 'string' },
        { name: 'amount_tax_incl', required: true, json: 'string' },
      ],
    },
  ],
};
