import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `customer_messages`: checked field by field against PrestaShop 8.1.2's `CustomerMessage`
 * (`$definition`, `$webserviceParameters`: the two xlinked ids first) and against the project's
 * recordings of the development 8.1.2 store (`test/fixtures/realstore/customer_messages.*`, an empty
 * list: the schemas only). `message` is HTML without a validation rule (no `format`); `private` and
 * `read` are `TYPE_BOOL` (JSON strings); `file_name`, `ip_address`, `user_agent` are nullable.
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
    { name: 'message', required: true, maxSize: 16777216, json: 'string' },
    { name: 'file_name', json: 'string', default: null },
    { name: 'user_agent', json: 'string', default: null },
    { name: 'private', format: 'isBool', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
    { name: 'read', format: 'isBool', json: 'string' },
  ],
  associations: [],
};
