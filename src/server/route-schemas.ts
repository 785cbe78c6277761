/** Schema pieces several routes share: path parameters and paging. */

export const storeParams = {
  type: 'object',
  required: ['store'],
  additionalProperties: false,
  properties: {
    store: { type: 'string', minLength: 1, maxLength: 64, description: 'Store name (or numeric id).' },
  },
} as const;

export const storeFeedParams = {
  type: 'object',
  required: ['store', 'feed'],
  additionalProperties: false,
  properties: {
    ...storeParams.properties,
    feed: { type: 'string', minLength: 1, maxLength: 64, description: 'Feed name (GET /feeds lists them).' },
  },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

export const limitQuery = {
  type: 'integer',
  minimum: 1,
  maximum: 500,
  default: 50,
  description: 'Items per page (1 to 500).',
} as const;

export const beforeQuery = {
  type: 'integer',
  minimum: 1,
  description: 'Only items with a smaller id (the next page of a newest-first list).',
} as const;

export const storeQuery = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: 'Only this store (name or id).',
} as const;
