/**
 * JSON schemas of the wire types (`api-wire.ts`), registered once with Fastify (`$id`) and referred
 * to by routes as `{ $ref: 'ApiStore#' }`. They drive response serialization and the components of
 * `/openapi.json`.
 */
import { apiCustomerRowSchema, apiCustomerSchema } from './customer-wire.js';
import { apiGoLiveSchema } from './go-live-wire.js';
import { apiStoreProbeSchema } from './store-probe.js';
import { apiUserSchema, apiUserTokenSchema } from './user-wire.js';

const nullable = (type: string) => ({ type: [type, 'null'] }) as const;
const text = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
/** Money and other exact numbers travel as decimal strings. */
const decimal = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } as const;
const nullableDecimal = { type: ['string', 'null'], pattern: '^-?\\d+(\\.\\d+)?$' } as const;
const localizedText = {
  type: 'object',
  description: 'Text per language ISO code.',
  additionalProperties: { type: 'string' },
} as const;

/** `{ type: 'object', required: every property, additionalProperties: false }`. */
function record(properties: Record<string, object>, description?: string) {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    required: Object.keys(properties),
    additionalProperties: false,
    properties,
  } as const;
}

export const apiErrorSchema = {
  $id: 'ApiError',
  type: 'object',
  description: 'Every failed request answers this.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'validation, unauthorized, not-found, feed-busy, …' },
        message: { type: 'string', description: 'What went wrong and what to do.' },
        field: { type: 'string', description: 'The request field at fault (body.name, querystring.limit).' },
        problems: { type: 'array', items: text, description: 'One line per problem (settings).' },
        fields: {
          type: 'array',
          description: 'The same problems, each with the setting it is about (import.frequencyMinutes).',
          items: {
            type: 'object',
            required: ['key', 'message'],
            additionalProperties: false,
            properties: { key: text, message: text },
          },
        },
      },
    },
  },
} as const;

export const apiStoreSchema = {
  $id: 'ApiStore',
  ...record(
    {
      id: integer,
      name: text,
      url: text,
      authMode: { type: 'string', enum: ['header', 'query'] },
      key: { ...nullable('string'), description: '******** when a key is stored; the key itself never.' },
      psVersion: nullable('string'),
      languageId: nullable('integer'),
      shopId: nullable('integer'),
      shop: {
        ...record(
          { name: text, groupId: integer, stockShared: { type: 'boolean' } },
          'Multistore: the shop the store works in, its group, and whether the group shares its stock (one stock row for all its shops). Null when unknown.',
        ),
        type: ['object', 'null'],
      },
      timeZone: text,
      languages: { type: 'array', items: record({ id: integer, iso: text }) },
      settings: {
        type: 'object',
        additionalProperties: true,
        description: 'Every setting with its value (see docs/hub.md, Store settings).',
      },
      lastImportAt: nullableInstant,
      lastExportAt: nullableInstant,
      initialStockImportedAt: nullableInstant,
      createdAt: instant,
      updatedAt: instant,
    },
    'A connected store. The webservice key is never sent back.',
  ),
} as const;

const permission = record({ resource: text, verb: text });

export const apiFeedPermissionsSchema = {
  $id: 'ApiFeedPermissions',
  ...record(
    {
      feed: text,
      description: text,
      direction: { type: 'string', enum: ['import', 'export'] },
      missing: {
        type: 'array',
        items: permission,
        description:
          'Everything the key lacks for the feed, its parts together; empty when it lacks nothing.',
      },
      parts: {
        type: 'array',
        description:
          "The feed's own run first, then each write its records lead to through the outbox (push stock, " +
          'confirm shipments, set order states, export products), with what the key lacks for it.',
        items: record({
          label: {
            type: 'string',
            description: "The feed's name for its run, else what the writes are for.",
          },
          outboxKind: { type: ['string', 'null'], description: 'The outbox kind; null for the run itself.' },
          missing: { type: 'array', items: permission },
        }),
      },
      summary: {
        type: 'string',
        description:
          'import-orders: ok; confirm shipments: lacks PUT on order_carriers, POST on order_histories',
      },
    },
    'What the key lacks for one feed: its run, and each write its records lead to.',
  ),
} as const;

export const apiConnectionCheckSchema = {
  $id: 'ApiConnectionCheck',
  ...record(
    {
      apiUrl: text,
      version: nullable('string'),
      shopName: nullable('string'),
      authMode: { type: 'string', enum: ['header', 'query'] },
      missing: {
        type: 'array',
        items: record({
          resource: text,
          verbs: { type: 'array', items: text },
          feeds: { type: 'array', items: text },
          grant: text,
        }),
      },
      feeds: { type: 'array', items: { $ref: 'ApiFeedPermissions#' } },
      warnings: { type: 'array', items: text },
    },
    'What probing the store found: version, the permissions the key lacks per resource, and per feed.',
  ),
} as const;

const runProperties = {
  id: integer,
  storeId: nullable('integer'),
  feed: text,
  trigger: text,
  status: { type: 'string', enum: ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] },
  owner: nullable('string'),
  counts: record({
    created: integer,
    updated: integer,
    unchanged: integer,
    skipped: integer,
    failed: integer,
  }),
  progress: record({ done: integer, total: nullable('integer'), step: nullable('string') }),
  startedAt: instant,
  heartbeatAt: instant,
  finishedAt: nullableInstant,
  durationMs: nullable('integer'),
  error: nullable('string'),
  stopRequestedAt: nullableInstant,
} as const;

export const apiRunSchema = {
  $id: 'ApiRun',
  ...record(runProperties, 'One execution of a feed.'),
} as const;

export const apiRunDetailSchema = {
  $id: 'ApiRunDetail',
  ...record(
    {
      ...runProperties,
      report: {
        type: ['object', 'null'],
        additionalProperties: true,
        description: 'The feed report (counts, failures, skips, notices, requests), once the run ended.',
      },
      noticeGroups: {
        type: 'array',
        description: "The report's notices grouped by kind, each group with the fix to apply.",
        items: record({
          kind: text,
          title: text,
          fix: nullable('string'),
          settingsSection: {
            ...nullable('string'),
            description: 'The section of the store settings page where the fix is made.',
          },
          notices: { type: 'array', items: record({ key: text, message: text }) },
        }),
      },
      failures: { type: 'array', items: record({ recordId: text, reason: text, at: instant }) },
    },
    'A run with its report and its failed records.',
  ),
} as const;

export const apiFeedSchema = {
  $id: 'ApiFeed',
  ...record(
    {
      name: text,
      description: text,
      direction: { type: 'string', enum: ['import', 'export'] },
      cadence: { type: 'string', enum: ['frequency', 'daily', 'manual'] },
      needs: { type: 'array', items: record({ resource: text, verb: text }) },
      writes: { type: 'array', items: text },
      options: {
        type: 'array',
        items: record({
          name: text,
          flag: text,
          kind: { type: 'string', enum: ['boolean', 'integer', 'date', 'string'] },
          description: text,
        }),
      },
    },
    'A kind of sync job, with the options a run takes.',
  ),
} as const;

export const apiFeedStatusSchema = {
  $id: 'ApiFeedStatus',
  ...record(
    {
      storeId: integer,
      store: text,
      feed: text,
      direction: { type: 'string', enum: ['import', 'export'] },
      cadence: { type: 'string', enum: ['frequency', 'daily', 'manual'] },
      intervalMinutes: {
        ...nullable('number'),
        description: 'Minutes between scheduled runs; null: the scheduler does not run it.',
      },
      override: {
        type: ['integer', 'string', 'null'],
        description: "The store's schedules.<feed> setting: minutes, 'off', or null.",
      },
      lastRun: { anyOf: [{ $ref: 'ApiRun#' }, { type: 'null' }] },
      nextRunAt: nullableInstant,
      notReady: nullable('string'),
    },
    'One feed of one store: schedule, last run, next time.',
  ),
} as const;

const skuDerivedFlag = {
  type: 'boolean',
  description:
    'The hub made the SKU up (the store gave the variant no reference, or one another variant has): the product reference with the attribute values, or V<variant id>.',
} as const;

export const apiProductRowSchema = {
  $id: 'ApiProductRow',
  ...record(
    {
      variantId: integer,
      productId: integer,
      sku: nullable('string'),
      skuDerived: skuDerivedFlag,
      barcode: nullable('string'),
      name: { type: 'string', description: 'Product name with the variant’s attribute values.' },
      price: { ...decimal, description: 'Product price + variant impact, excl. tax.' },
      family: nullable('string'),
      active: { type: 'boolean' },
      storeIds: { type: 'array', items: integer, description: 'Stores the variant is bound to.' },
    },
    'A sellable variant, as the product list shows it.',
  ),
} as const;

export const apiProductSchema = {
  $id: 'ApiProduct',
  ...record(
    {
      id: integer,
      kind: { type: 'string', enum: ['simple', 'combinations', 'kit', 'virtual'] },
      name: text,
      names: localizedText,
      description: localizedText,
      summary: localizedText,
      reference: nullable('string'),
      ean13: nullable('string'),
      upc: nullable('string'),
      isbn: nullable('string'),
      mpn: nullable('string'),
      price: decimal,
      wholesalePrice: nullableDecimal,
      taxRate: nullable('string'),
      family: nullable('string'),
      unitOfMeasure: nullable('string'),
      manufacturer: nullable('string'),
      weight: nullableDecimal,
      active: { type: 'boolean' },
      archivedAt: nullableInstant,
      createdAt: instant,
      updatedAt: instant,
      categoryIds: { type: 'array', items: integer },
      variants: {
        type: 'array',
        items: record({
          id: integer,
          position: integer,
          sku: nullable('string'),
          skuDerived: skuDerivedFlag,
          barcode: nullable('string'),
          upc: nullable('string'),
          isbn: nullable('string'),
          mpn: nullable('string'),
          attributes: { type: 'array', items: record({ name: localizedText, value: localizedText }) },
          priceImpact: decimal,
          wholesalePrice: nullableDecimal,
          weightImpact: nullableDecimal,
          active: { type: 'boolean' },
        }),
      },
    },
    'A product of the hub with its variants.',
  ),
} as const;

const requestLogProperties = {
  id: integer,
  storeId: nullable('integer'),
  at: instant,
  method: text,
  url: { type: 'string', description: 'Redacted: never a ws_key.' },
  status: { ...nullable('integer'), description: 'Null when no answer came.' },
  durationMs: integer,
  bytesSent: integer,
  bytesReceived: integer,
  error: nullable('string'),
} as const;

export const apiRequestLogEntrySchema = {
  $id: 'ApiRequestLogEntry',
  ...record(requestLogProperties, 'A request the hub sent to a store.'),
} as const;

export const apiRequestLogDetailSchema = {
  $id: 'ApiRequestLogDetail',
  ...record(
    { ...requestLogProperties, requestBody: nullable('string'), responseBody: nullable('string') },
    'A request with its bodies (kept when the store logs API requests; keys redacted).',
  ),
} as const;

const storeDate = {
  ...record(
    { local: { type: 'string', description: 'As the store wrote it: YYYY-MM-DD HH:mm:ss.' }, instant },
    'A store date: local as written, and the instant (UTC).',
  ),
} as const;

const address = {
  type: 'object',
  required: ['firstName', 'lastName', 'address1', 'city'],
  additionalProperties: false,
  properties: {
    firstName: text,
    lastName: text,
    company: nullable('string'),
    address1: text,
    address2: nullable('string'),
    postcode: nullable('string'),
    city: text,
    state: nullable('string'),
    countryIso: nullable('string'),
    phone: nullable('string'),
    phoneMobile: nullable('string'),
    vatNumber: nullable('string'),
  },
} as const;

const hubStatus = {
  type: 'string',
  enum: ['pending_approval', 'approved', 'partially_shipped', 'shipped', 'cancelled'],
} as const;

const orderSummaryProperties = {
  id: integer,
  storeId: integer,
  externalId: { ...nullable('string'), description: "The store's order id." },
  reference: nullable('string'),
  customerId: nullable('integer'),
  customerName: nullable('string'),
  currency: text,
  totalPaidTaxIncl: decimal,
  totalsMismatch: {
    type: 'boolean',
    description: "The store's totals differ from a recomputation (they are kept as the store sent them).",
  },
  lineCount: { type: 'integer', description: 'Product lines.' },
  storeStateId: nullable('integer'),
  hubStatus,
  placedAt: storeDate,
} as const;

export const apiOrderSummarySchema = {
  $id: 'ApiOrderSummary',
  ...record(orderSummaryProperties, 'An order as lists show it.'),
} as const;

export const apiShipmentSchema = {
  $id: 'ApiShipment',
  ...record({
    id: integer,
    carrier: nullable('string'),
    trackingNumber: nullable('string'),
    trackingUrl: nullable('string'),
    complete: { type: 'boolean', description: 'This shipment completed the order.' },
    shippedAt: instant,
    lines: { type: 'array', items: record({ orderLineId: integer, quantity: integer }) },
  }),
} as const;

export const apiOrderSchema = {
  $id: 'ApiOrder',
  ...record(
    {
      ...orderSummaryProperties,
      billingAddress: address,
      deliveryAddress: address,
      paymentModule: nullable('string'),
      paymentLabel: nullable('string'),
      paymentMethod: nullable('string'),
      carrierId: nullable('string'),
      shippingMethod: nullable('string'),
      salesLocation: {
        ...nullable('string'),
        description:
          "The sales location the order was taken at (its store's defaults.salesLocation when imported).",
      },
      totals: record({
        productsTaxExcl: decimal,
        productsTaxIncl: decimal,
        shippingTaxExcl: decimal,
        shippingTaxIncl: decimal,
        discountsTaxExcl: decimal,
        discountsTaxIncl: decimal,
        paidTaxExcl: decimal,
        paidTaxIncl: decimal,
        paid: decimal,
      }),
      note: nullable('string'),
      storeUpdatedAt: { anyOf: [storeDate, { type: 'null' }] },
      lines: {
        type: 'array',
        items: record({
          id: integer,
          lineNo: integer,
          kind: { type: 'string', enum: ['product', 'shipping', 'discount'] },
          variantId: nullable('integer'),
          sku: nullable('string'),
          name: text,
          quantity: integer,
          quantityShipped: integer,
          unitPriceTaxExcl: decimal,
          unitPriceTaxIncl: decimal,
          discountTaxExcl: decimal,
          discountTaxIncl: decimal,
          taxRate: nullableDecimal,
        }),
      },
      messages: {
        type: 'array',
        items: record({ author: text, body: text, private: { type: 'boolean' }, writtenAt: instant }),
      },
      stateHistory: {
        type: 'array',
        items: record({
          stateId: integer,
          stateName: nullable('string'),
          changedAt: instant,
          changedAtLocal: nullable('string'),
        }),
      },
      shipments: { type: 'array', items: { $ref: 'ApiShipment#' } },
    },
    'An order with its lines, addresses, totals, messages, state history and shipments.',
  ),
} as const;

export const apiStockItemSchema = {
  $id: 'ApiStockItem',
  ...record(
    {
      variantId: integer,
      sku: nullable('string'),
      name: text,
      kit: {
        type: 'boolean',
        description: 'A kit sells what its components allow; its own stock is not kept.',
      },
      onHand: { type: 'array', items: record({ location: text, onHand: integer }) },
      reserved: {
        type: 'integer',
        description:
          'Ordered and not shipped on open orders (waiting for approval, approved, partially shipped).',
      },
      sellable: {
        type: 'array',
        items: record({ storeId: integer, store: text, quantity: integer }),
        description: 'What each store that exports stock is told it can sell.',
      },
    },
    "A variant's stock per location, reserved and sellable.",
  ),
} as const;

/** Every shared schema, in an order where each comes after those it refers to. */
export const wireSchemas: readonly { readonly $id: string }[] = [
  apiUserSchema,
  apiUserTokenSchema,
  apiErrorSchema,
  apiStoreSchema,
  apiFeedPermissionsSchema,
  apiConnectionCheckSchema,
  apiRunSchema,
  apiRunDetailSchema,
  apiFeedSchema,
  apiFeedStatusSchema,
  apiProductRowSchema,
  apiProductSchema,
  apiRequestLogEntrySchema,
  apiRequestLogDetailSchema,
  apiOrderSummarySchema,
  apiShipmentSchema,
  apiOrderSchema,
  apiStockItemSchema,
  apiStoreProbeSchema,
  apiGoLiveSchema,
  apiCustomerRowSchema,
  apiCustomerSchema,
];

/** A list answer: the items, and the path of the next page (null on the last one). */
export function listOf(ref: string, description: string) {
  return {
    type: 'object',
    description,
    required: ['items', 'next'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: { $ref: `${ref}#` } },
      next: { ...nullable('string'), description: 'Path of the next page, or null.' },
    },
  } as const;
}

/** The error answers a route documents besides 400, 401 and 500 (added to every route). */
export const errorRef = { $ref: 'ApiError#' } as const;
