import type { ResourceDefinition } from '../resource-definition.js';

/** `order_histories`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const orderHistoriesResource: ResourceDefinition = {
  name: 'order_histories',
  singular: 'order_history',
  description: 'The Order histories',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_employee', format: 'isUnsignedId', xlink: 'employees', json: 'number' },
    { name: 'id_order_state', format: 'isUnsignedId', required: true, xlink: 'order_states', json: 'number' },
    { name: 'id_order', format: 'isUnsignedId', required: true, xlink: 'orders', json: 'number' },
    { name: 'date_add', format: 'isDate', json: 'string' },
  ],
  associations: [],
};
