import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `tax_rules`: checked field by field against PrestaShop 8.1.2's `TaxRule` (`$definition`,
 * `$webserviceParameters`: the three xlinked ids first; `id_tax` has no xlink) and against the
 * project's recordings of the development 8.1.2 store (`test/fixtures/realstore/tax_rules.*`).
 * `description` declares no size (no `maxSize`).
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
    { name: 'id_tax', format: 'isUnsignedId', required: true, json: 'number' },
    { name: 'behavior', format: 'isUnsignedInt', json: 'number' },
    { name: 'description', format: 'isString', json: 'string' },
  ],
  associations: [],
};
