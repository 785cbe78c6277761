import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `tags`: checked field by field against PrestaShop 8.1.2's `Tag` (`$definition`,
 * `$webserviceParameters`: `id_lang` xlinked) and against the project's recordings of the
 * development 8.1.2 store (`test/fixtures/realstore/tags.*`, an empty list: the schemas only).
 */
export const tagsResource: ResourceDefinition = {
  name: 'tags',
  singular: 'tag',
  description: 'The Products tags',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_lang', format: 'isUnsignedId', required: true, xlink: 'languages', json: 'number' },
    { name: 'name', format: 'isGenericName', required: true, maxSize: 32, json: 'string' },
  ],
  associations: [],
};
