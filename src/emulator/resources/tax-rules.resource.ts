import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `tax_rules`: not recorded; fields from `TaxRule::$definition`; the three xlinked ids come first as listed in `$webserviceParameters`.
 */
export const taxRulesResource: ResourceDefinition = {
  name: 'tax_rules',
  singular: 'tax_rule',
  description: 'Tax rules entity',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    {
      name: 'id_tax_rules_group',
      format: 'isUnsignedId',
      required: true,
      xlink: 'tax_rule_groups',
      json: 'number',
    },
    { name: 'id_state', format: 'isUnsignedId', xlink: 'states', json: 'number' },
    { name: 'id_country', format: 'isUnsignedId', required: true, xlink: 'countries', json: 'number' },
    { name: 'zipcode_from', format: 'isPostCode', json: 'string' },
    { name: 'zipcode_to', format: 'isPostCode', json: 'string' },
    // unverified: no xlink to taxes: none declared in $webserviceParameters as far as read.
    { name: 'id_tax', format: 'isUnsignedId', required: true, json: 'number' },
    { name: 'behavior', format: 'isUnsignedInt', json: 'number' },
    { name: 'description', format: 'isString', maxSize: 100, json: 'string' },
  ],
  associations: [],
};
