/**
 * What the automation action routes share: path and paging parameters, the wire shapes of their
 * answers (the same whether the data came from the store or the hub: `source` says which), and the
 * turn of an action's input error into a 400.
 */
import { ActionInputError, MAX_ACTION_LIMIT } from '../../automation/index.js';
import { ApiError } from '../api-errors.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeParams } from '../route-schemas.js';

export const storeIdParams = {
  type: 'object',
  required: ['store', 'id'],
  additionalProperties: false,
  properties: {
    ...storeParams.properties,
    id: { type: 'integer', minimum: 1, description: "The store's id of the record." },
  },
} as const;

/** `source`, `cursor` and `limit`, and the `date_upd` window. */
export const pagingProperties = {
  source: {
    type: 'string',
    enum: ['store', 'hub'],
    default: 'store',
    description:
      "Where to read: the store, live (default), or the hub's copy (what the last imports saw; no store request).",
  },
  cursor: {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    description: "The previous page's `next`, with the same filters.",
  },
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: MAX_ACTION_LIMIT,
    default: 50,
    description: `Items per page (default 50; a caller may raise it to ${MAX_ACTION_LIMIT}).`,
  },
} as const;

export const windowProperties = {
  updatedFrom: {
    type: 'string',
    format: 'date-time',
    description: 'Only records whose store `date_upd` is at or after this instant (ISO 8601 with its zone).',
  },
  updatedTo: {
    type: 'string',
    format: 'date-time',
    description: 'Only records whose store `date_upd` is at or before this instant.',
  },
} as const;

export const sourceQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { source: pagingProperties.source },
} as const;

const nullable = (type: string) => ({ type: [type, 'null'] }) as const;
const decimal = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } as const;
const instant = { type: ['string', 'null'], format: 'date-time' } as const;

function record(properties: Record<string, object>, description: string) {
  return {
    type: 'object',
    description,
    required: Object.keys(properties),
    additionalProperties: false,
    properties,
  } as const;
}

export const actionProductSchema = record(
  {
    id: { type: 'integer', description: "The store's product id." },
    reference: nullable('string'),
    name: { type: 'string', description: "In the store's default language." },
    price: { ...decimal, description: 'Base price excl. tax.' },
    active: { type: 'boolean' },
    updatedAt: { ...instant, description: "The store's date_upd." },
  },
  'A product of the store.',
);

export const actionOrderSchema = record(
  {
    id: { type: 'integer', description: "The store's order id." },
    reference: nullable('string'),
    customerId: { ...nullable('integer'), description: "The store's customer id." },
    stateId: { ...nullable('integer'), description: "The store's order state id." },
    currency: { ...nullable('string'), description: 'ISO 4217 code.' },
    totalPaidTaxIncl: decimal,
    totalPaidTaxExcl: decimal,
    placedAt: instant,
    updatedAt: instant,
    lines: {
      type: 'array',
      items: record(
        {
          productId: nullable('integer'),
          combinationId: { ...nullable('integer'), description: '0 for a product without combinations.' },
          reference: nullable('string'),
          name: { type: 'string' },
          quantity: { type: 'integer' },
          unitPriceTaxExcl: decimal,
          unitPriceTaxIncl: decimal,
        },
        'An order line.',
      ),
    },
  },
  'An order of the store, with its lines.',
);

export const actionCustomerSchema = record(
  {
    id: { type: 'integer', description: "The store's customer id." },
    email: { type: 'string' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    active: { type: 'boolean' },
    newsletter: { type: 'boolean' },
    updatedAt: instant,
  },
  'A customer of the store.',
);

export const actionCartSchema = record(
  {
    id: { type: 'integer', description: "The store's cart id." },
    customerId: { ...nullable('integer'), description: "The store's customer id (null for a guest)." },
    orderId: { ...nullable('integer'), description: 'The order placed from the cart, null when none.' },
    createdAt: instant,
    updatedAt: instant,
    lines: {
      type: 'array',
      items: record(
        { productId: { type: 'integer' }, combinationId: { type: 'integer' }, quantity: { type: 'integer' } },
        'A cart line.',
      ),
    },
  },
  'A cart of the store, with the order placed from it.',
);

/** A page of an action listing. */
export function actionPageOf(item: object, description: string) {
  return {
    type: 'object',
    description,
    required: ['source', 'items', 'next', 'limit'],
    additionalProperties: false,
    properties: {
      source: { type: 'string', enum: ['store', 'hub'], description: 'Where the data came from.' },
      items: { type: 'array', items: item },
      next: {
        ...nullable('string'),
        description:
          'Cursor of the next page (send it as `cursor` with the same filters), null on the last page. A page may hold fewer items than `limit` and still have one.',
      },
      limit: { type: 'integer' },
    },
  } as const;
}

/** One record of an action. */
export function actionItemOf(item: object) {
  return {
    type: 'object',
    required: ['source', 'item'],
    additionalProperties: false,
    properties: {
      source: { type: 'string', enum: ['store', 'hub'], description: 'Where the data came from.' },
      item,
    },
  } as const;
}

/** The errors an action route answers besides 400, 401, 403 and 500. */
export const actionErrors = { 404: errorRef, 422: errorRef, 502: errorRef } as const;

/** Runs an action; its input errors (a foreign cursor, a window that ends before it starts) answer 400. */
export async function runAction<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ActionInputError)
      throw new ApiError(400, 'bad-request', error.message, { cause: error });
    throw error;
  }
}
