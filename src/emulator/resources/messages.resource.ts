import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `messages`: not recorded; fields from `Message::$definition`; xlinked ids first as in `$webserviceParameters`.
 */
export const messagesResource: ResourceDefinition = {
  name: 'messages',
  singular: 'message',
  description: 'The Messages',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_cart', format: 'isUnsignedId', xlink: 'carts', json: 'number' },
    { name: 'id_order', format: 'isUnsignedId', xlink: 'orders', json: 'number' },
    { name: 'id_customer', format: 'isUnsignedId', xlink: 'customers', json: 'number' },
    { name: 'id_employee', format: 'isUnsignedId', xlink: 'employees', json: 'number' },
    { name: 'message', format: 'isCleanHtml', required: true, maxSize: 1600, json: 'string' },
    { name: 'private', format: 'isBool', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
  ],
  associations: [],
};
