import { type Hub, InvalidRecordError, NotFoundError } from '../hub/index.js';

export interface StockAdjustment {
  readonly variantId: number;
  /** Location code. */
  readonly location: string;
  /** +N in, −N out. */
  readonly change: number;
  /** Kept in the ledger with the movement. */
  readonly reason: string;
}

export interface StockAdjustmentResult {
  readonly variantId: number;
  readonly location: string;
  readonly onHand: number;
  /** Store variants whose new sellable quantity was queued for their store. */
  readonly queued: number;
}

/**
 * Changes a variant's stock at a location — an `adjustment` movement in the ledger — and queues the
 * new sellable quantities for the stores selling it, in one transaction. (What `stock adjust` does
 * on the command line; `src/sync/stock` has no function for it.)
 *
 * @example
 * await adjustStock(hub, { variantId: 12, location: 'MAIN', change: -3, reason: 'broken in the warehouse' });
 */
export async function adjustStock(hub: Hub, adjustment: StockAdjustment): Promise<StockAdjustmentResult> {
  const { variantId, location, change, reason } = adjustment;
  if (!(await hub.catalog.variants([variantId])).has(variantId))
    throw new NotFoundError(`No variant with id ${variantId}. GET /products lists them.`);
  if ((await hub.stock.kitsAmong([variantId])).has(variantId)) {
    throw new InvalidRecordError(
      `Variant ${variantId} is a kit: its stock is computed from its components; adjust the components instead.`,
    );
  }
  return hub.transaction(async (tx) => {
    const levels = await tx.stock.recordMovements([
      { variantId, location, kind: 'adjustment', quantity: change, note: reason },
    ]);
    const queued = await tx.stock.queueSellableUpdates([variantId]);
    const onHand = levels.find((level) => level.location === location)?.onHand ?? 0;
    return { variantId, location, onHand, queued };
  });
}
