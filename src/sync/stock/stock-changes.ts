import { type Hub, type HubTransaction, InvalidRecordError, type StockLevel } from '../../hub/index.js';

/** The result of a stock change: the new on-hand at the location and what was queued for the stores. */
export interface StockChangeResult {
  readonly variantId: number;
  readonly location: string;
  readonly onHand: number;
  /** False when a count found the quantity already there (no movement). */
  readonly changed: boolean;
  /** Store variants whose new sellable quantity was queued (the variant's, and kits containing it). */
  readonly queued: number;
}

interface StockChangeTarget {
  readonly variantId: number;
  /** Location code. */
  readonly location: string;
  /** Kept in the ledger with the movement. */
  readonly reason: string;
  /** How messages name the variant (its SKU, quoted); default `Variant <id>`. */
  readonly label?: string;
}

async function change(
  hub: Hub,
  target: StockChangeTarget,
  move: (tx: HubTransaction) => Promise<StockLevel[]>,
): Promise<StockChangeResult> {
  const { variantId, location } = target;
  if ((await hub.stock.kitsAmong([variantId])).has(variantId)) {
    const variant = target.label === undefined ? `Variant ${variantId}` : `'${target.label}'`;
    throw new InvalidRecordError(
      `${variant} is a kit: its stock is computed from its components; adjust the components instead.`,
    );
  }
  return hub.transaction(async (tx) => {
    const levels = await move(tx);
    const queued = levels.length === 0 ? 0 : await tx.stock.queueSellableUpdates([variantId]);
    const level =
      levels.find((entry) => entry.location === location) ??
      (await tx.stock.onHand([variantId])).find((entry) => entry.location === location);
    return { variantId, location, onHand: level?.onHand ?? 0, changed: levels.length > 0, queued };
  });
}

/**
 * Adds or removes stock at a location — an `adjustment` movement — and queues the stores' new
 * sellable quantities, in one transaction. Kits are refused (their stock is their components').
 *
 * @example
 * await adjustStock(hub, { variantId: 12, location: 'MAIN', change: -3, reason: 'broken' });
 */
export function adjustStock(
  hub: Hub,
  adjustment: StockChangeTarget & { readonly change: number },
): Promise<StockChangeResult> {
  return change(hub, adjustment, (tx) =>
    tx.stock.recordMovements([
      {
        variantId: adjustment.variantId,
        location: adjustment.location,
        kind: 'adjustment',
        quantity: adjustment.change,
        note: adjustment.reason,
      },
    ]),
  );
}

/**
 * Sets the counted on-hand at a location — the difference as an `adjustment` movement with the
 * reason as its note — and queues the stores' new sellable quantities, in one transaction.
 *
 * @example
 * await countStock(hub, { variantId: 12, location: 'MAIN', counted: 40, reason: 'inventory' });
 */
export function countStock(
  hub: Hub,
  count: StockChangeTarget & { readonly counted: number },
): Promise<StockChangeResult> {
  return change(hub, count, (tx) =>
    tx.stock.setOnHand(
      [{ variantId: count.variantId, location: count.location, onHand: count.counted }],
      'adjustment',
      // The reason is the movement's note, as for an adjustment (before, counts kept it as the
      // reference: the ledger shows both, so those rows still read the same).
      { note: count.reason },
    ),
  );
}
