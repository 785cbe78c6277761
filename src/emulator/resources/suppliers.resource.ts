import type { ResourceDefinition } from '../resource-definition.js';

/** `suppliers`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const suppliersResource: ResourceDefinition = {
  name: 'suppliers',
  singular: 'supplier',
  description: 'The product suppliers',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'link_rewrite', json: 'string' },
    { name: 'name', format: 'isCatalogName', required: true, maxSize: 64, json: 'string' },
    { name: 'active', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
    { name: 'description', format: 'isCleanHtml', multilingual: true, json: 'string' },
    { name: 'meta_title', format: 'isGenericName', maxSize: 255, multilingual: true, json: 'string' },
    { name: 'meta_description', format: 'isGenericName', maxSize: 512, multilingual: true, json: 'string' },
    { name: 'meta_keywords', format: 'isGenericName', maxSize: 255, multilingual: true, json: 'string' },
  ],
  associations: [],
};
