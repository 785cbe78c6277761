import { z } from 'zod';

import type { HubEventDataMap, HubEventType } from '../hub/index.js';

/**
 * The event catalogue: each event type with its JSON schema (zod, strict) and an example. The API
 * publishes the schemas in its OpenAPI document; docs/automation.md shows the examples. The data
 * types the hub writes (`HubEventDataMap`) must parse with these: test/automation/event-catalogue.test.ts.
 */

const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('A decimal amount as text (never a float).');
const instant = z.iso.datetime().describe('ISO 8601 UTC instant.');
const id = z.int().min(1);

const orderData = z.strictObject({
  orderId: id.describe("The hub's order id."),
  storeId: id,
  externalId: z.string().describe("The store's order id."),
  reference: z.string().nullable(),
  storeStateId: z.int().nullable().describe("The store's order state id (current_state)."),
  hubStatus: z
    .string()
    .describe("The hub's status: pending_approval, approved, partially_shipped, shipped, cancelled."),
  currency: z.string().describe('ISO 4217 code.'),
  totalPaidTaxIncl: decimal,
  totalPaidTaxExcl: decimal,
  totalProductsTaxIncl: decimal,
  totalShippingTaxIncl: decimal,
  placedAt: instant,
  storeUpdatedAt: instant.nullable(),
  customerExternalId: z.string().nullable(),
  lines: z.array(
    z.strictObject({
      sku: z.string().nullable(),
      name: z.string(),
      quantity: z.int(),
      unitPriceTaxIncl: decimal,
    }),
  ),
});

const orderStatusData = z.strictObject({
  orderId: id,
  storeId: id,
  externalId: z.string().nullable(),
  reference: z.string().nullable(),
  previousStatus: z.string(),
  hubStatus: z.string(),
});

const customerData = z.strictObject({
  customerId: id,
  storeId: id,
  externalId: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  company: z.string().nullable(),
  newsletter: z.boolean(),
  active: z.boolean(),
});

const stockData = z.strictObject({
  storeId: id,
  variantId: id,
  externalId: z.string().describe("The store's variant id, <product>:<combination>."),
  previousQuantity: z.int(),
  quantity: z.int(),
  threshold: z.int().optional().describe('stock.low: the store setting automation.stockLowThreshold.'),
});

export const EVENT_DATA_SCHEMAS = {
  'order.created': orderData,
  'order.updated': orderData.extend({
    changes: z.array(z.enum(['state', 'totals', 'lines', 'other'])).describe('What changed in the store.'),
  }),
  'order.state_changed': orderData.extend({ previousStateId: z.int().nullable() }),
  'order.shipped': orderStatusData,
  'order.cancelled': orderStatusData,
  'customer.created': customerData,
  'customer.updated': customerData,
  'product.updated': z.strictObject({
    productId: id,
    storeId: id,
    externalId: z.string(),
    created: z.boolean().describe('True when the product is new in the hub.'),
    name: z.string(),
    reference: z.string().nullable(),
    variantCount: z.int(),
  }),
  'stock.changed': stockData,
  'stock.low': stockData,
  'cart.abandoned': z.strictObject({
    storeId: id,
    cartExternalId: z.string().describe("The store's cart id."),
    customerExternalId: z.string().describe("The store's customer id."),
    storeUpdatedAt: instant.describe("The cart's last change in the store (date_upd)."),
    idleMinutes: z
      .int()
      .describe('Minutes the cart had been idle when found: at least automation.cartAbandonedAfterMinutes.'),
  }),
  'run.failed': z.strictObject({
    runId: id,
    storeId: id.nullable(),
    feed: z.string(),
    error: z.string(),
    finishedAt: z.string(),
  }),
  'store.unreachable': z.strictObject({ storeId: id, runId: id, feed: z.string(), error: z.string() }),
  'webhook.failing': z.strictObject({
    subscriptionId: id,
    url: z.string(),
    webhookId: z.string(),
    attempts: z.int(),
    lastError: z.string(),
    failingSince: instant,
  }),
} satisfies { [T in HubEventType]: z.ZodType<HubEventDataMap[T]> };

/** The event types, for help texts. */
export const HUB_EVENT_TYPES_HELP = Object.keys(EVENT_DATA_SCHEMAS).join(', ');

/** What each event means, for the catalogue. */
export const EVENT_DESCRIPTIONS: Readonly<Record<HubEventType, string>> = {
  'order.created': 'An order was imported from a store for the first time.',
  'order.updated':
    'An imported order changed in the store: its state, totals, lines, or else (addresses, messages).',
  'order.state_changed': "The store's state of an order changed (also sent as order.updated).",
  'order.shipped': "The hub's status of an order became shipped (a full shipment, or the store says so).",
  'order.cancelled': "The hub's status of an order became cancelled.",
  'customer.created': 'A customer was imported from a store for the first time.',
  'customer.updated': 'An imported customer changed in the store.',
  'product.updated': 'A product was created or changed in the hub by a catalog import.',
  'stock.changed': "A variant's sellable quantity in a store changed.",
  'stock.low':
    "A variant's sellable quantity in a store fell below the store's automation.stockLowThreshold.",
  'cart.abandoned':
    "A customer's cart with no order stayed untouched longer than the store's automation.cartAbandonedAfterMinutes (the watch-carts feed); once per change of the cart.",
  'run.failed': 'A feed run failed.',
  'store.unreachable': 'A feed run failed because the store could not be reached.',
  'webhook.failing': 'A webhook message was given up after a day of retries: its subscription stopped.',
};

/** The envelope of one event, as sent in a message body or in a batch's `items`. */
export const eventEnvelopeSchema = z.strictObject({
  id: z.string().describe('evt_<id>: the event id, stable.'),
  type: z.string(),
  timestamp: instant,
  storeId: id.nullable(),
  subject: z.string().describe('What the event is about: order:12, customer:3, variant:7@store:1, run:9…'),
  data: z.record(z.string(), z.unknown()),
});

/** The body of a batch message (the order-updated trigger): one activation per cycle. */
export const batchBodySchema = z.strictObject({
  type: z.string().describe('The subscription\'s event type, or "batch" when it takes several.'),
  trigger: z.literal('order-updated').or(z.literal('events')),
  timestamp: instant,
  subscriptionId: id,
  items: z.array(eventEnvelopeSchema).describe('Oldest first; one per changed record (its newest change).'),
});

export type EventEnvelope = z.output<typeof eventEnvelopeSchema>;
export type BatchBody = z.output<typeof batchBodySchema>;

/** The JSON schema of each event type's data (for OpenAPI and the docs). */
export function eventJsonSchemas(): Record<HubEventType, Record<string, unknown>> {
  const schemas: Partial<Record<HubEventType, Record<string, unknown>>> = {};
  for (const [type, schema] of Object.entries(EVENT_DATA_SCHEMAS) as [HubEventType, z.ZodType][]) {
    const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: 'output' }) as Record<
      string,
      unknown
    >;
    schemas[type] = { ...json, description: EVENT_DESCRIPTIONS[type] };
  }
  return schemas as Record<HubEventType, Record<string, unknown>>;
}
