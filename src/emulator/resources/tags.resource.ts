import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `tags`: not recorded; fields from `Tag::$definition`.
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
