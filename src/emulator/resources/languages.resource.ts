import type { ResourceDefinition } from '../resource-definition.js';

/** `languages`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const languagesResource: ResourceDefinition = {
  name: 'languages',
  singular: 'language',
  description: 'Shop languages',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  contextRecord: 'default-language',
  fields: [
    { name: 'id', json: 'number' },
    { name: 'name', format: 'isGenericName', required: true, maxSize: 32, json: 'string' },
    { name: 'iso_code', format: 'isLanguageIsoCode', required: true, maxSize: 2, json: 'string' },
    { name: 'locale', format: 'isLocale', maxSize: 5, json: 'string' },
    { name: 'language_code', format: 'isLanguageCode', maxSize: 5, json: 'string' },
    { name: 'active', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'is_rtl', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'date_format_lite', format: 'isPhpDateFormat', required: true, maxSize: 32, json: 'string' },
    { name: 'date_format_full', format: 'isPhpDateFormat', required: true, maxSize: 32, json: 'string' },
  ],
  associations: [],
};
