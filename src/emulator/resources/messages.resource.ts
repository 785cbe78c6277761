import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `messages`: checked field by field against PrestaShop 8.1.2's `Message` (`$definition`,
 * `$webserviceParameters`: the four xlinked ids first; `private` a `TYPE_BOOL`) and against the
 * project's recordings of the development 8.1.2 store (`test/fixtures/realstore/messages.*`, an
 * empty list: the schemas only).
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
