import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `manufacturers`: checked field by field against PrestaShop 8.1.2's `Manufacturer` (`$definition`,
 * `$webserviceParameters`: `active`, then `link_rewrite` read through the getter `getLink` with no
 * setter — so `notFilterable`, `read_only`, left out of `schema=blank` and refused in writes) and
 * against the project's recordings of the development 8.1.2 store
 * (`test/fixtures/realstore/manufacturers.*`). `date_add`/`date_upd` declare no rule (no `format`),
 * `meta_keywords` no size. `addresses` lists the brand's addresses (`getWsAddresses`) and is written
 * through `setWsAddresses`; `brand-rules.ts` keeps both and `link_rewrite` in step.
 */
export const manufacturersResource: ResourceDefinition = {
  name: 'manufacturers',
  singular: 'manufacturer',
  description: 'The product brands',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'active', json: 'string' },
    { name: 'link_rewrite', notFilterable: true, readOnlyAttribute: true, readOnly: true, json: 'string' },
    { name: 'name', format: 'isCatalogName', required: true, maxSize: 64, json: 'string' },
    { name: 'date_add', json: 'string' },
    { name: 'date_upd', json: 'string' },
    { name: 'description', format: 'isCleanHtml', multilingual: true, json: 'string' },
    { name: 'short_description', format: 'isCleanHtml', multilingual: true, json: 'string' },
    { name: 'meta_title', format: 'isGenericName', maxSize: 255, multilingual: true, json: 'string' },
    { name: 'meta_description', format: 'isGenericName', maxSize: 512, multilingual: true, json: 'string' },
    { name: 'meta_keywords', format: 'isGenericName', multilingual: true, json: 'string' },
  ],
  associations: [
    {
      name: 'addresses',
      nodeType: 'address',
      api: 'addresses',
      writable: true,
      fields: [{ name: 'id', xlink: 'addresses', json: 'number' }],
    },
  ],
};
