import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `order_carriers`: not recorded; fields from `OrderCarrier::$definition` (8.x tree). `tracking_number` is what `orders.shipping_number` shows; PUT with `sendemail=1` sends the in-transit e-mail.
 */
export const orderCarriersResource: ResourceDefinition = {
  name: 'order_carriers',
  singular: 'order_carrier',
  description: 'The Order carriers',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_order', format: 'isUnsignedId', required: true, xlink: 'orders', json: 'number' },
    { name: 'id_carrier', format: 'isUnsignedId', required: true, xlink: 'carriers', json: 'number' },
    { name: 'id_order_invoice', format: 'isUnsignedId', json: 'number' },
    { name: 'weight', format: 'isFloat', json: 'string' },
    { name: 'shipping_cost_tax_excl', format: 'isFloat', json: 'string' },
    { name: 'shipping_cost_tax_incl', format: 'isFloat', json: 'string' },
    { name: 'tracking_number', format: 'isTrackingNumber', maxSize: 64, json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
  ],
  associations: [],
};
