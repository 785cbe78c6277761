import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `customer_threads`: not recorded; fields from `CustomerThread::$definition`, xlinked ids first as in `$webserviceParameters`; association `customer_messages` read through a getter.
 */
export const customerThreadsResource: ResourceDefinition = {
  name: 'customer_threads',
  singular: 'customer_thread',
  description: 'Customer services threads',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_lang', format: 'isUnsignedId', required: true, xlink: 'languages', json: 'number' },
    { name: 'id_shop', format: 'isUnsignedId', xlink: 'shops', json: 'number' },
    { name: 'id_customer', format: 'isUnsignedId', xlink: 'customers', json: 'number' },
    { name: 'id_order', format: 'isUnsignedId', xlink: 'orders', json: 'number' },
    { name: 'id_product', format: 'isUnsignedId', xlink: 'products', json: 'number' },
    { name: 'id_contact', format: 'isUnsignedId', required: true, json: 'number' },
    { name: 'email', format: 'isEmail', maxSize: 255, json: 'string' },
    { name: 'token', format: 'isGenericName', required: true, json: 'string' },
    { name: 'status', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
  ],
  associations: [
    {
      name: 'customer_messages',
      nodeType: 'customer_message',
      api: 'customer_messages',
      writable: false,
      fields: [{ name: 'id', xlink: 'customer_messages', json: 'number' }],
    },
  ],
};
