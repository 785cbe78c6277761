import type { ResourceDefinition } from '../resource-definition.js';

/** `order_states`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const orderStatesResource: ResourceDefinition = {
  name: 'order_states',
  singular: 'order_state',
  description: 'The Order statuses',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'unremovable', format: 'isBool', json: 'string' },
    { name: 'delivery', format: 'isBool', json: 'string' },
    { name: 'hidden', format: 'isBool', json: 'string' },
    { name: 'send_email', format: 'isBool', json: 'string' },
    { name: 'module_name', format: 'isModuleName', json: 'string' },
    { name: 'invoice', format: 'isBool', json: 'string' },
    { name: 'color', format: 'isColor', json: 'string' },
    { name: 'logable', format: 'isBool', json: 'string' },
    { name: 'shipped', format: 'isBool', json: 'string' },
    { name: 'paid', format: 'isBool', json: 'string' },
    { name: 'pdf_delivery', format: 'isBool', json: 'string' },
    { name: 'pdf_invoice', format: 'isBool', json: 'string' },
    { name: 'deleted', format: 'isBool', json: 'string' },
    {
      name: 'name',
      format: 'isGenericName',
      required: true,
      maxSize: 64,
      multilingual: true,
      json: 'string',
    },
    { name: 'template', format: 'isTplName', maxSize: 64, multilingual: true, json: 'string' },
  ],
  associations: [],
};
