import type { ResourceDefinition } from '../resource-definition.js';

/** `tax_rule_groups`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const taxRuleGroupsResource: ResourceDefinition = {
  name: 'tax_rule_groups',
  singular: 'tax_rule_group',
  description: 'Tax rule groups',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'name', format: 'isGenericName', required: true, maxSize: 64, json: 'string' },
    { name: 'active', format: 'isBool', json: 'string' },
    { name: 'deleted', format: 'isBool', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
  ],
  associations: [],
};
