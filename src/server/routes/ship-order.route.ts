import type { Hub, Order } from '../../hub/index.js';
import { recordShipment } from '../../sync/index.js';
import type { RouteRegistration } from '../api-context.js';
import { toApiOrder, toApiShipment } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lines: {
      type: 'array',
      minItems: 1,
      description: 'Order lines and quantities shipped; omitted: everything still to ship.',
      items: {
        type: 'object',
        required: ['orderLineId', 'quantity'],
        additionalProperties: false,
        properties: {
          orderLineId: { type: 'integer', minimum: 1 },
          quantity: { type: 'integer', minimum: 1 },
        },
      },
    },
    trackingNumber: { type: 'string', minLength: 1, maxLength: 100 },
    trackingUrl: { type: 'string', minLength: 1, maxLength: 2000 },
    carrier: { type: 'string', minLength: 1, maxLength: 100 },
    fromLocation: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: 64,
      description:
        "Location the goods leave from (default the store's defaults.stockLocation; a store without one is refused with 422); null: stock is not touched.",
    },
  },
} as const;

interface Body {
  readonly lines?: readonly { readonly orderLineId: number; readonly quantity: number }[];
  readonly trackingNumber?: string;
  readonly trackingUrl?: string;
  readonly carrier?: string;
  readonly fromLocation?: string | null;
}

const schema = {
  summary: 'Ship an order, in full or in part',
  description:
    'Records the shipment, moves the order to shipped or partially shipped, takes the goods out of stock, and queues the shipping confirmation for the store (its shipmentStates setting) — in one transaction.',
  tags: ['orders'],
  params: idParams,
  body,
  response: {
    201: {
      type: 'object',
      required: ['shipment', 'order', 'confirmationQueued', 'confirmationNote'],
      additionalProperties: false,
      properties: {
        shipment: { $ref: 'ApiShipment#' },
        order: { $ref: 'ApiOrder#' },
        confirmationQueued: {
          type: 'boolean',
          description: 'The store will be told (false: no shipment state is configured for it).',
        },
        confirmationNote: {
          type: ['string', 'null'],
          description: 'Why the store will not be told (null when it will).',
        },
      },
    },
    404: errorRef,
    422: errorRef,
  },
} as const;

/**
 * Why a shipment queued no confirmation for the store: the order has no store id, or the store has no
 * state for this kind of shipment (what the shipment repository checks, said with the setting to change).
 */
async function unconfirmedReason(hub: Hub, order: Order, complete: boolean): Promise<string> {
  const store = await hub.stores.get(order.storeId);
  if (order.externalId === null)
    return `Order ${order.id} has no order id in store '${store.name}': there is no store order to tell.`;
  const setting = complete ? 'shipmentStates.full' : 'shipmentStates.partial';
  return (
    `Store '${store.name}' has no ${setting}: it is not told of ${complete ? 'full' : 'partial'} shipments. ` +
    `Choose the state in the store's settings (Shipping confirmation) to tell it from now on.`
  );
}

/** `POST /orders/:id/shipments`. */
export const registerShipOrder: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { id: number }; Body: Body }>(
    '/orders/:id/shipments',
    {
      schema,
      config: { access: 'operator' },
      // The body is optional: no body ships everything left.
      preValidation: (request, _reply, done) => {
        request.body ??= {};
        done();
      },
    },
    async (request, reply) => {
      const { lines, trackingNumber, trackingUrl, carrier, fromLocation } = request.body;
      const result = await recordShipment(ctx.hub, {
        orderId: request.params.id,
        ...(lines === undefined ? {} : { lines }),
        ...(trackingNumber === undefined ? {} : { trackingNumber }),
        ...(trackingUrl === undefined ? {} : { trackingUrl }),
        ...(carrier === undefined ? {} : { carrier }),
        ...(fromLocation === undefined ? {} : { fromLocation }),
      });
      ctx.nudgeOutbox();
      request.log.info(
        { orderId: request.params.id, shipmentId: result.shipment.id, status: result.orderStatus },
        'order shipped',
      );
      const order = await ctx.hub.orders.get(request.params.id);
      return reply.status(201).send({
        shipment: toApiShipment(result.shipment),
        order: toApiOrder(order),
        confirmationQueued: result.confirmationQueued,
        confirmationNote: result.confirmationQueued
          ? null
          : await unconfirmedReason(ctx.hub, order, result.shipment.complete),
      });
    },
  );
};
