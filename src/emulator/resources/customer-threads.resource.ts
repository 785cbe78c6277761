import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `customer_threads`: checked field by field against PrestaShop 8.1.2's `CustomerThread`
 * (`$definition`, `$webserviceParameters`: the five xlinked ids first) and against the project's
 * recordings of the development 8.1.2 store (`test/fixtures/realstore/customer_threads.*`, an empty
 * list: the schemas only). The association `customer_messages` declares no sub-fields, so its `id`
 * carries no `xlink:href` (each entry does, being named after a resource); it has a getter
 * (`getWsCustomerMessages`) and no setter, so a write ignores it.
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
      fields: [{ name: 'id', json: 'number' }],
    },
  ],
};
