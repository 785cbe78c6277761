import type { HubProductPatch } from '../../hub/index.js';

const decimal = {
  anyOf: [{ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }, { type: 'integer' }],
  description: 'Exact decimal, as a string ("9.90") or a whole number; never a binary float.',
} as const;
const nullableDecimal = { anyOf: [...decimal.anyOf, { type: 'null' }] } as const;
const nullableText = (description: string) =>
  ({ type: ['string', 'null'], maxLength: 200, description }) as const;
const localized = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 20000 },
  description: 'Text per language, by ISO code.',
} as const;

const variant = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: {
      type: 'integer',
      minimum: 1,
      description: 'PATCH: an existing variant of the product; absent: a new one.',
    },
    sku: nullableText('Empty or absent: the hub derives one (product reference with the attribute values).'),
    barcode: nullableText('EAN-13, unique in the hub.'),
    attributes: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        required: ['name', 'value'],
        additionalProperties: false,
        properties: { name: localized, value: localized },
      },
    },
    priceImpact: { ...decimal, description: 'Added to the product price, excl. tax.' },
    wholesalePrice: nullableDecimal,
    weightImpact: nullableDecimal,
    active: { type: 'boolean' },
  },
} as const;

/** The fields of a hub product a body may carry (POST requires name and price). */
export const productBodyProperties = {
  kind: { type: 'string', enum: ['simple', 'combinations', 'kit', 'virtual'] },
  name: { type: 'string', minLength: 1, maxLength: 255 },
  names: localized,
  description: localized,
  summary: localized,
  reference: nullableText('Needed to create the product in a store.'),
  ean13: nullableText('Product EAN-13.'),
  price: { ...decimal, description: 'Excl. tax.' },
  wholesalePrice: nullableDecimal,
  taxRate: nullableText('Tax-rate code.'),
  family: nullableText('Family code.'),
  unitOfMeasure: nullableText('Unit-of-measure code.'),
  manufacturer: nullableText('Manufacturer name.'),
  weight: nullableDecimal,
  active: { type: 'boolean' },
  variants: {
    type: 'array',
    minItems: 1,
    maxItems: 500,
    items: variant,
    description:
      'PATCH: the whole list — listed ones updated (by id), new ones added, unlisted ones deactivated.',
  },
  components: {
    type: 'array',
    maxItems: 100,
    description: 'Bill of materials of a kit (replaces it): component variants by hub id.',
    items: {
      type: 'object',
      required: ['variantId', 'quantity'],
      additionalProperties: false,
      properties: { variantId: { type: 'integer', minimum: 1 }, quantity: { type: 'integer', minimum: 1 } },
    },
  },
} as const;

/** A validated body as the catalog takes it. */
export type ProductBody = HubProductPatch;
