import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `order_carriers`: checked field by field against PrestaShop 8.1.2's `OrderCarrier` (`$definition`,
 * `$webserviceParameters`: `id_order`, `id_carrier` xlinked; updates through `updateWs`) and against
 * the project's recordings of the development 8.1.2 store (`test/fixtures/realstore/order_carriers.*`).
 * `tracking_number` declares no size (no `maxSize`); it is what `orders.shipping_number` shows; PUT
 * with `sendemail=1` sends the in-transit e-mail.
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
    { name: 'tracking_number', format: 'isTrackingNumber', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
  ],
  associations: [],
};
