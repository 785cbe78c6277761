import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `customer_messages`: not recorded; fields from `CustomerMessage::$definition` (8.x tree): `private` is an integer column (number), `read` a boolean (string); `file_name`, `ip_address`, `user_agent` are nullable.
 */
export const customerMessagesResource: ResourceDefinition = {
  name: 'customer_messages',
  singular: 'customer_message',
  description: 'Customer services messages',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_employee', format: 'isUnsignedId', xlink: 'employees', json: 'number' },
    { name: 'id_customer_thread', xlink: 'customer_threads', json: 'number' },
    { name: 'ip_address', format: 'isIp2Long', maxSize: 15, json: 'string', default: null },
    { name: 'message', format: 'isCleanHtml', required: true, maxSize: 16777216, json: 'string' },
    { name: 'file_name', json: 'string', default: null },
    { name: 'user_agent', json: 'string', default: null },
    { name: 'private', json: 'number' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
    { name: 'read', format: 'isBool', json: 'string' },
  ],
  associations: [],
};
