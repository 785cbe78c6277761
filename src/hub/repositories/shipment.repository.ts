import { type HubContext, nowIso, write } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';
import { parseSettings } from '../settings/validate-settings.js';
import { appendEvents } from './event.repository.js';
import type { HubOrderStatus, Shipment } from './order.types.js';
import { orderStatusEvents } from './order-events.js';
import { enqueueOutbox } from './outbox.repository.js';
import { applyStockMovements } from './stock.repository.js';
import { queueOrderStockUpdates } from './stock-sellable.js';

export interface ShipmentInput {
  readonly orderId: number;
  /** Lines and quantities shipped; omitted: everything still to ship. */
  readonly lines?: readonly { readonly orderLineId: number; readonly quantity: number }[];
  readonly carrier?: string | null;
  readonly trackingNumber?: string | null;
  readonly trackingUrl?: string | null;
  readonly shippedAt?: Date;
  /** Location code the goods left from: records `shipment` stock movements. Omitted: stock is not touched. */
  readonly fromLocation?: string;
}

/** The payload of a `shipment` outbox entry: what to tell the store. */
export interface ShipmentConfirmation {
  readonly orderId: string;
  readonly shipmentId: number;
  readonly complete: boolean;
  /** The store state to set (the store's `shipmentStates.full` or `.partial`). */
  readonly stateId: number;
  readonly trackingNumber: string | null;
  readonly carrier: string | null;
}

export interface ShipmentResult {
  readonly shipment: Shipment;
  readonly orderStatus: HubOrderStatus;
  /** Whether a shipping confirmation was queued for the store (none when no state is configured). */
  readonly confirmationQueued: boolean;
}

const SHIPPABLE: readonly string[] = ['approved', 'partially_shipped'];

/**
 * Shipments recorded in the hub. One call writes the shipment, the shipped quantities, the order's new
 * status, optional stock movements, the stores' new sellable quantities (outbox) and the shipping
 * confirmation for the store — all in one transaction.
 *
 * @example
 * const { orderStatus } = await hub.shipments.record({ orderId, trackingNumber: '3SABC123', fromLocation: 'MAIN' });
 */
export class ShipmentRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async record(input: ShipmentInput): Promise<ShipmentResult> {
    return write(this.#ctx, async (db) => {
      const order = await db
        .selectFrom('orders')
        .select(['id', 'store_id', 'hub_status'])
        .where('id', '=', input.orderId)
        .executeTakeFirst();
      if (!order) throw new NotFoundError(`No order with id ${input.orderId}.`);
      if (!SHIPPABLE.includes(order.hub_status)) {
        throw new InvalidRecordError(
          `Order ${order.id} is ${order.hub_status.replace('_', ' ')}: only approved or partially shipped orders can ship.`,
        );
      }
      const lines = await db
        .selectFrom('order_lines')
        .select(['id', 'kind', 'variant_id', 'quantity', 'quantity_shipped'])
        .where('order_id', '=', order.id)
        .orderBy('line_no')
        .execute();
      const products = lines.filter((line) => line.kind === 'product');
      const requested =
        input.lines ??
        products
          .filter((line) => line.quantity > line.quantity_shipped)
          .map((line) => ({ orderLineId: line.id, quantity: line.quantity - line.quantity_shipped }));
      if (requested.length === 0) throw new InvalidRecordError(`Order ${order.id} has nothing left to ship.`);
      const byId = new Map(products.map((line) => [line.id, line]));
      for (const { orderLineId, quantity } of requested) {
        const line = byId.get(orderLineId);
        if (!line) throw new InvalidRecordError(`Order ${order.id} has no product line ${orderLineId}.`);
        const left = line.quantity - line.quantity_shipped;
        if (!Number.isInteger(quantity) || quantity < 1 || quantity > left) {
          throw new InvalidRecordError(
            `Order ${order.id}, line ${orderLineId}: can ship 1 to ${left} more, not ${quantity}.`,
          );
        }
      }

      const shippedAt = (input.shippedAt ?? this.#ctx.clock()).toISOString();
      for (const { orderLineId, quantity } of requested) {
        await db
          .updateTable('order_lines')
          .set((eb) => ({ quantity_shipped: eb('quantity_shipped', '+', quantity) }))
          .where('id', '=', orderLineId)
          .execute();
      }
      const shippedAfter = new Map(requested.map((entry) => [entry.orderLineId, entry.quantity]));
      const complete = products.every(
        (line) => line.quantity_shipped + (shippedAfter.get(line.id) ?? 0) >= line.quantity,
      );
      const orderStatus: HubOrderStatus = complete ? 'shipped' : 'partially_shipped';
      const shipment = await db
        .insertInto('shipments')
        .values({
          order_id: order.id,
          carrier: input.carrier ?? null,
          tracking_number: input.trackingNumber ?? null,
          tracking_url: input.trackingUrl ?? null,
          complete: complete ? 1 : 0,
          shipped_at: shippedAt,
          created_at: nowIso(this.#ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('shipment_lines')
        .values(
          requested.map((entry) => ({
            shipment_id: shipment.id,
            order_line_id: entry.orderLineId,
            quantity: entry.quantity,
          })),
        )
        .execute();
      await db
        .updateTable('orders')
        .set({ hub_status: orderStatus, updated_at: nowIso(this.#ctx) })
        .where('id', '=', order.id)
        .execute();
      if (complete)
        await appendEvents(
          this.#ctx,
          db,
          await orderStatusEvents(this.#ctx, db, [{ id: order.id, from: order.hub_status }], 'shipped'),
        );

      if (input.fromLocation !== undefined) {
        const location = input.fromLocation;
        await applyStockMovements(
          this.#ctx,
          db,
          requested.flatMap(({ orderLineId, quantity }) => {
            const variantId = byId.get(orderLineId)?.variant_id ?? null;
            return variantId === null
              ? []
              : [
                  {
                    variantId,
                    location,
                    kind: 'shipment' as const,
                    quantity: -quantity,
                    reference: `shipment:${shipment.id}`,
                  },
                ];
          }),
        );
      }

      // Shipped lines reserve no more and may have left an export location: the stores see the new figure.
      await queueOrderStockUpdates(this.#ctx, db, [order.id]);
      const confirmationQueued = await this.#queueConfirmation(db, order.store_id, order.id, {
        shipmentId: shipment.id,
        complete,
        trackingNumber: input.trackingNumber ?? null,
        carrier: input.carrier ?? null,
      });
      return {
        shipment: {
          id: shipment.id,
          orderId: order.id,
          carrier: input.carrier ?? null,
          trackingNumber: input.trackingNumber ?? null,
          trackingUrl: input.trackingUrl ?? null,
          complete,
          shippedAt,
          lines: requested.map((entry) => ({ orderLineId: entry.orderLineId, quantity: entry.quantity })),
        },
        orderStatus,
        confirmationQueued,
      };
    });
  }

  /** Queues the confirmation when the store has a state for this kind of shipment (none configured: nothing). */
  async #queueConfirmation(
    db: HubContext['db'],
    storeId: number,
    orderId: number,
    shipment: {
      shipmentId: number;
      complete: boolean;
      trackingNumber: string | null;
      carrier: string | null;
    },
  ): Promise<boolean> {
    const store = await db
      .selectFrom('stores')
      .select('settings')
      .where('id', '=', storeId)
      .executeTakeFirstOrThrow();
    const states = parseSettings(JSON.parse(store.settings)).shipmentStates;
    const stateId = shipment.complete ? states.full : states.partial;
    const binding = await db
      .selectFrom('bindings')
      .select('external_id')
      .where('store_id', '=', storeId)
      .where('resource', '=', 'orders')
      .where('local_id', '=', orderId)
      .executeTakeFirst();
    if (stateId === null || !binding) return false;
    const payload: ShipmentConfirmation = { orderId: binding.external_id, stateId, ...shipment };
    await enqueueOutbox(this.#ctx, db, [
      { storeId, kind: 'shipment', target: `order:${binding.external_id}`, payload },
    ]);
    return true;
  }
}
