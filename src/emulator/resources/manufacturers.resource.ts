import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `manufacturers`: not recorded; fields from `Manufacturer::$definition`; `active` and the computed `link_rewrite` come first as in `$webserviceParameters` (rendered like the recorded `suppliers`, whose parameters have the same shape).
 */
export const manufacturersResource: ResourceDefinition = {
  name: 'manufacturers',
  singular: 'manufacturer',
  description: 'The product brands',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    // unverified: no format shown, like the recorded suppliers.active.
    { name: 'active', json: 'string' },
    { name: 'link_rewrite', json: 'string' },
    { name: 'name', format: 'isCatalogName', required: true, maxSize: 64, json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
    { name: 'description', format: 'isCleanHtml', multilingual: true, json: 'string' },
    { name: 'short_description', format: 'isCleanHtml', multilingual: true, json: 'string' },
    { name: 'meta_title', format: 'isGenericName', maxSize: 255, multilingual: true, json: 'string' },
    { name: 'meta_description', format: 'isGenericName', maxSize: 512, multilingual: true, json: 'string' },
    { name: 'meta_keywords', format: 'isGenericName', maxSize: 255, multilingual: true, json: 'string' },
  ],
  associations: [
    {
      name: 'addresses',
      nodeType: 'address',
      api: 'addresses',
      writable: false,
      fields: [{ name: 'id', xlink: 'addresses', json: 'number' }],
    },
  ],
};
