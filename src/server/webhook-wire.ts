import { EVENT_DESCRIPTIONS, eventJsonSchemas } from '../automation/index.js';
import { HUB_EVENT_TYPES, type HubEventType } from '../hub/index.js';

/**
 * Wire schemas of the webhook routes and of every event's data (`components.schemas`, `$id`). The
 * event schemas come from the automation catalogue (zod), so the API describes what is sent.
 */

const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;

/** `order.updated` → `EventOrderUpdated`. */
export function eventSchemaId(type: HubEventType): string {
  return `Event${type
    .split(/[._]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;
}

export const apiWebhookSchema = {
  $id: 'ApiWebhook',
  type: 'object',
  description: 'A webhook subscription. Its signing secret is shown once, when it is added or rotated.',
  additionalProperties: false,
  required: [
    'id',
    'url',
    'events',
    'storeId',
    'form',
    'intervalSeconds',
    'ceiling',
    'allowPrivate',
    'status',
  ],
  properties: {
    id: { type: 'integer' },
    url: text,
    events: { type: 'array', items: { type: 'string', enum: [...HUB_EVENT_TYPES] } },
    storeId: nullableInteger,
    form: {
      type: 'string',
      enum: ['event', 'batch'],
      description: "batch: the order-updated trigger's items form.",
    },
    intervalSeconds: { type: 'integer' },
    ceiling: { type: 'integer' },
    allowPrivate: { type: 'boolean' },
    status: { type: 'string', enum: ['active', 'paused', 'failing'] },
    failingSince: nullableText,
    description: nullableText,
    watermarkEventId: nullableInteger,
    previousSecretExpiresAt: nullableText,
    createdAt: text,
    counts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pending: { type: 'integer' },
        queued: { type: 'integer', description: 'Events waiting for the next batch cycle.' },
        done: { type: 'integer' },
        failed: { type: 'integer' },
      },
    },
  },
} as const;

export const apiWebhookAttemptSchema = {
  $id: 'ApiWebhookAttempt',
  type: 'object',
  additionalProperties: false,
  properties: {
    attempt: { type: 'integer' },
    at: text,
    ok: { type: 'boolean' },
    statusCode: nullableInteger,
    durationMs: { type: 'integer' },
    responseExcerpt: nullableText,
    error: nullableText,
  },
} as const;

export const apiWebhookDeliverySchema = {
  $id: 'ApiWebhookDelivery',
  type: 'object',
  description: 'One message: the same webhook-id and body on every attempt and replay.',
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    webhookId: text,
    eventType: text,
    eventIds: { type: 'array', items: { type: 'integer' } },
    itemCount: { type: 'integer' },
    status: { type: 'string', enum: ['pending', 'done', 'failed'] },
    attempts: { type: 'integer' },
    nextAttemptAt: text,
    lastStatusCode: nullableInteger,
    lastError: nullableText,
    createdAt: text,
    deliveredAt: nullableText,
    attemptList: { type: 'array', items: { $ref: 'ApiWebhookAttempt#' } },
  },
} as const;

/** Every event's data schema, as a component. */
export function eventDataSchemas(): { $id: string }[] {
  const schemas = eventJsonSchemas();
  return HUB_EVENT_TYPES.map((type) => ({ ...schemas[type], $id: eventSchemaId(type), title: type }));
}

export const apiEventTypeSchema = {
  $id: 'ApiEventType',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'description', 'schema'],
  properties: {
    type: { type: 'string', enum: [...HUB_EVENT_TYPES] },
    description: text,
    schema: { type: 'string', description: 'The component in /openapi.json describing its data.' },
  },
} as const;

export function eventTypeList(): { type: HubEventType; description: string; schema: string }[] {
  return HUB_EVENT_TYPES.map((type) => ({
    type,
    description: EVENT_DESCRIPTIONS[type],
    schema: `#/components/schemas/${eventSchemaId(type)}`,
  }));
}

export const webhookWireSchemas = (): { readonly $id: string }[] => [
  apiWebhookSchema,
  apiWebhookAttemptSchema,
  apiWebhookDeliverySchema,
  apiEventTypeSchema,
  ...eventDataSchemas(),
];
