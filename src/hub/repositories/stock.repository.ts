import { type Kysely, sql } from 'kysely';

import { bulkInsert, chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { type HubContext, nowIso, write } from '../hub-context.js';
import { InvalidRecordError } from '../hub-errors.js';
import type { HubDatabase } from '../schema/hub-database.js';
import { parseSettings } from '../settings/validate-settings.js';
import { RESERVING_STATUSES } from './order.types.js';
import { enqueueOutbox } from './outbox.repository.js';

export type StockMovementKind = 'initial_import' | 'receipt' | 'adjustment' | 'shipment' | 'transfer';

const MOVEMENT_KINDS: readonly StockMovementKind[] = [
  'initial_import',
  'receipt',
  'adjustment',
  'shipment',
  'transfer',
];

export interface StockMovementInput {
  readonly variantId: number;
  /** Location code. */
  readonly location: string;
  readonly kind: StockMovementKind;
  /** The change: positive in, negative out. */
  readonly quantity: number;
  readonly reference?: string | null;
  readonly note?: string | null;
  readonly occurredAt?: Date;
}

export interface StockLevel {
  readonly variantId: number;
  readonly location: string;
  readonly onHand: number;
}

export interface StockMovement {
  readonly id: number;
  readonly variantId: number;
  readonly location: string;
  readonly kind: StockMovementKind;
  readonly quantity: number;
  readonly reference: string | null;
  readonly note: string | null;
  readonly occurredAt: string;
}

/** A (store, variant) pair whose sellable quantity the store shows. */
export interface StockTarget {
  readonly storeId: number;
  readonly variantId: number;
  /** The store's id for the variant (`<product>:<combination>`). */
  readonly externalId: string;
}

/** The payload of a `stock` outbox entry. */
export interface StockOutboxPayload {
  readonly variantId: number;
  readonly externalId: string;
  readonly quantity: number;
}

async function locationIds(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  codes: readonly string[],
): Promise<Map<string, number>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'code'])
    .where(inList(ctx.engine.kind, 'code', unique))
    .execute();
  const ids = new Map(rows.map((row) => [row.code, row.id]));
  const missing = unique.find((code) => !ids.has(code));
  if (missing !== undefined)
    throw new InvalidRecordError(
      `No location with code '${missing}'. Create it in the hub's master data first.`,
    );
  return ids;
}

/**
 * Writes movements to the ledger and adds them to the on-hand table in the same transaction.
 * On-hand is updated with `on_hand = on_hand + change`, so concurrent movements never lose one another.
 */
export async function applyStockMovements(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  movements: readonly StockMovementInput[],
): Promise<StockLevel[]> {
  const real = movements.filter((movement) => movement.quantity !== 0);
  if (real.length === 0) return [];
  for (const movement of real) {
    if (!Number.isInteger(movement.quantity)) {
      throw new InvalidRecordError(
        `Stock movement of variant ${movement.variantId}: quantity must be a whole number, got ${movement.quantity}.`,
      );
    }
    if (!MOVEMENT_KINDS.includes(movement.kind)) {
      throw new InvalidRecordError(
        `Stock movement kind must be one of ${MOVEMENT_KINDS.join(', ')}, got '${movement.kind}'.`,
      );
    }
  }
  const ids = await locationIds(
    ctx,
    db,
    real.map((movement) => movement.location),
  );
  const codes = new Map([...ids].map(([code, id]) => [id, code]));
  const now = nowIso(ctx);
  await bulkInsert(
    db,
    ctx.engine,
    'stock_movements',
    real.map((movement) => ({
      variant_id: movement.variantId,
      location_id: ids.get(movement.location) ?? 0,
      kind: movement.kind,
      quantity: movement.quantity,
      reference: movement.reference ?? null,
      note: movement.note ?? null,
      occurred_at: movement.occurredAt?.toISOString() ?? now,
    })),
  );
  const deltas = new Map<
    string,
    { variant_id: number; location_id: number; on_hand: number; updated_at: string }
  >();
  for (const movement of real) {
    const locationId = ids.get(movement.location) ?? 0;
    const key = `${movement.variantId}|${locationId}`;
    const entry = deltas.get(key) ?? {
      variant_id: movement.variantId,
      location_id: locationId,
      on_hand: 0,
      updated_at: now,
    };
    entry.on_hand += movement.quantity;
    deltas.set(key, entry);
  }
  // Same lock order for every writer (no deadlocks between concurrent adjustments).
  const rows = [...deltas.values()].sort(
    (a, b) => a.variant_id - b.variant_id || a.location_id - b.location_id,
  );
  const levels = await bulkInsert<{ variant_id: number; location_id: number; on_hand: number }>(
    db,
    ctx.engine,
    'stock_levels',
    rows,
    {
      conflict: ['variant_id', 'location_id'],
      update: ['updated_at'],
      updateRaw: ['"on_hand" = "stock_levels"."on_hand" + excluded."on_hand"'],
      returning: ['variant_id', 'location_id', 'on_hand'],
    },
  );
  return levels.map((level) => ({
    variantId: level.variant_id,
    location: codes.get(level.location_id) ?? '',
    onHand: level.on_hand,
  }));
}

/**
 * Stock per variant and location: a ledger of movements, an on-hand table kept equal to the ledger's
 * sums in the same transaction, reservations by approved unshipped orders, and sellable quantities per
 * store computed for a whole page of variants in a few set queries.
 *
 * @example
 * await hub.transaction(async (tx) => {
 *   await tx.stock.recordMovements([{ variantId, location: 'MAIN', kind: 'receipt', quantity: 12 }]);
 *   await tx.stock.queueSellableUpdates([variantId]);
 * });
 */
export class StockRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /** Records movements; returns the new on-hand of each (variant, location) they touched. */
  recordMovements(movements: readonly StockMovementInput[]): Promise<StockLevel[]> {
    return write(this.#ctx, (db) => applyStockMovements(this.#ctx, db, movements));
  }

  /**
   * Sets on-hand to counted quantities by recording the difference as a movement (`initial_import`
   * for the one-time import from a store, `adjustment` for a count).
   */
  async setOnHand(
    counts: readonly { variantId: number; location: string; onHand: number }[],
    kind: 'initial_import' | 'adjustment',
    reference: string | null = null,
  ): Promise<StockLevel[]> {
    return write(this.#ctx, async (db) => {
      const ids = await locationIds(
        this.#ctx,
        db,
        counts.map((count) => count.location),
      );
      const current = new Map<string, number>();
      for (const chunk of chunked([...new Set(counts.map((count) => count.variantId))], IDS_PER_QUERY)) {
        let select = db
          .selectFrom('stock_levels')
          .select(['variant_id', 'location_id', 'on_hand'])
          .where(inList(this.#ctx.engine.kind, 'variant_id', chunk));
        if (this.#ctx.engine.kind === 'postgres') select = select.forUpdate();
        for (const row of await select.execute())
          current.set(`${row.variant_id}|${row.location_id}`, row.on_hand);
      }
      return applyStockMovements(
        this.#ctx,
        db,
        counts.map((count) => ({
          variantId: count.variantId,
          location: count.location,
          kind,
          quantity: count.onHand - (current.get(`${count.variantId}|${ids.get(count.location) ?? 0}`) ?? 0),
          reference,
        })),
      );
    });
  }

  /** Moves stock between two locations (two movements with one reference). */
  transfer(input: {
    variantId: number;
    from: string;
    to: string;
    quantity: number;
    reference?: string | null;
  }): Promise<StockLevel[]> {
    if (!Number.isInteger(input.quantity) || input.quantity <= 0) {
      throw new InvalidRecordError(`A transfer moves a whole number ≥ 1 of items, got ${input.quantity}.`);
    }
    const base = {
      variantId: input.variantId,
      kind: 'transfer' as const,
      reference: input.reference ?? null,
    };
    return this.recordMovements([
      { ...base, location: input.from, quantity: -input.quantity },
      { ...base, location: input.to, quantity: input.quantity },
    ]);
  }

  /** On-hand per location of these variants (locations with no stock row are absent). */
  async onHand(variantIds: readonly number[]): Promise<StockLevel[]> {
    const levels: StockLevel[] = [];
    for (const chunk of chunked([...new Set(variantIds)], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('stock_levels as s')
        .innerJoin('locations as l', 'l.id', 's.location_id')
        .select(['s.variant_id', 'l.code', 's.on_hand'])
        .where(inList(this.#ctx.engine.kind, 's.variant_id', chunk))
        .orderBy('s.variant_id')
        .orderBy('l.code')
        .execute();
      levels.push(
        ...rows.map((row) => ({ variantId: row.variant_id, location: row.code, onHand: row.on_hand })),
      );
    }
    return levels;
  }

  /** The ledger of a variant, newest first. */
  async movements(
    variantId: number,
    options: { beforeId?: number; limit?: number } = {},
  ): Promise<StockMovement[]> {
    let select = this.#ctx.db
      .selectFrom('stock_movements as m')
      .innerJoin('locations as l', 'l.id', 'm.location_id')
      .select([
        'm.id',
        'm.variant_id',
        'l.code',
        'm.kind',
        'm.quantity',
        'm.reference',
        'm.note',
        'm.occurred_at',
      ])
      .where('m.variant_id', '=', variantId);
    if (options.beforeId !== undefined) select = select.where('m.id', '<', options.beforeId);
    const rows = await select
      .orderBy('m.id', 'desc')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      variantId: row.variant_id,
      location: row.code,
      kind: row.kind as StockMovementKind,
      quantity: row.quantity,
      reference: row.reference,
      note: row.note,
      occurredAt: row.occurred_at,
    }));
  }

  /**
   * Quantities reserved by approved, not fully shipped orders (kit lines reserve their components).
   * Variants without reservations are absent.
   */
  async reserved(variantIds: readonly number[]): Promise<Map<number, number>> {
    return this.#reserved(this.#ctx.db, variantIds);
  }

  async #reserved(db: Kysely<HubDatabase>, variantIds: readonly number[]): Promise<Map<number, number>> {
    const result = new Map<number, number>();
    const kind = this.#ctx.engine.kind;
    for (const chunk of chunked([...new Set(variantIds)], IDS_PER_QUERY)) {
      const direct = await db
        .selectFrom('order_lines as l')
        .innerJoin('orders as o', 'o.id', 'l.order_id')
        .select(['l.variant_id', sql<number>`sum(l.quantity - l.quantity_shipped)`.as('reserved')])
        .where('o.hub_status', 'in', RESERVING_STATUSES)
        .where('l.kind', '=', 'product')
        .where(inList(kind, 'l.variant_id', chunk))
        .groupBy('l.variant_id')
        .execute();
      const viaKits = await db
        .selectFrom('order_lines as l')
        .innerJoin('orders as o', 'o.id', 'l.order_id')
        .innerJoin('kit_components as k', 'k.kit_variant_id', 'l.variant_id')
        .select([
          'k.component_variant_id as variant_id',
          sql<number>`sum((l.quantity - l.quantity_shipped) * k.quantity)`.as('reserved'),
        ])
        .where('o.hub_status', 'in', RESERVING_STATUSES)
        .where('l.kind', '=', 'product')
        .where(inList(kind, 'k.component_variant_id', chunk))
        .groupBy('k.component_variant_id')
        .execute();
      for (const row of [...direct, ...viaKits]) {
        if (row.variant_id !== null)
          result.set(row.variant_id, (result.get(row.variant_id) ?? 0) + Number(row.reserved));
      }
    }
    return result;
  }

  /**
   * Sellable quantity per variant for a store: on hand in the store's `stockExportLocations` − reserved,
   * never below 0; a kit sells min over its components of ⌊component sellable ÷ quantity⌋. A page of
   * variants costs four queries whatever its size.
   */
  async sellable(storeId: number, variantIds: readonly number[]): Promise<Map<number, number>> {
    return this.#sellable(this.#ctx.db, storeId, variantIds);
  }

  async #sellable(
    db: Kysely<HubDatabase>,
    storeId: number,
    variantIds: readonly number[],
  ): Promise<Map<number, number>> {
    const kind = this.#ctx.engine.kind;
    const store = await db
      .selectFrom('stores')
      .select(['name', 'settings'])
      .where('id', '=', storeId)
      .executeTakeFirst();
    if (!store) throw new InvalidRecordError(`No store with id ${storeId}.`);
    const codes = parseSettings(JSON.parse(store.settings)).stockExportLocations;
    if (codes.length === 0) {
      throw new InvalidRecordError(
        `Store '${store.name}' has no stock export locations, so its sellable quantities are unknown. ` +
          `Set them first: prestabridge stores set ${store.name} stockExportLocations=CODE[,CODE…]`,
      );
    }
    const locations = [...(await locationIds(this.#ctx, db, codes)).values()];
    const requested = [...new Set(variantIds)];
    const components = new Map<number, { variantId: number; quantity: number }[]>();
    for (const chunk of chunked(requested, IDS_PER_QUERY)) {
      const rows = await db
        .selectFrom('kit_components')
        .select(['kit_variant_id', 'component_variant_id', 'quantity'])
        .where(inList(kind, 'kit_variant_id', chunk))
        .execute();
      for (const row of rows) {
        components.set(row.kit_variant_id, [
          ...(components.get(row.kit_variant_id) ?? []),
          { variantId: row.component_variant_id, quantity: row.quantity },
        ]);
      }
    }
    const plain = [
      ...new Set([
        ...requested.filter((id) => !components.has(id)),
        ...[...components.values()].flat().map((c) => c.variantId),
      ]),
    ];
    const onHand = new Map<number, number>();
    for (const chunk of chunked(plain, IDS_PER_QUERY)) {
      const rows = await db
        .selectFrom('stock_levels')
        .select(['variant_id', sql<number>`sum(on_hand)`.as('on_hand')])
        .where(inList(kind, 'variant_id', chunk))
        .where(inList(kind, 'location_id', locations))
        .groupBy('variant_id')
        .execute();
      for (const row of rows) onHand.set(row.variant_id, Number(row.on_hand));
    }
    const reserved = await this.#reserved(db, plain);
    const plainSellable = (id: number) => Math.max(0, (onHand.get(id) ?? 0) - (reserved.get(id) ?? 0));
    const result = new Map<number, number>();
    for (const id of requested) {
      const parts = components.get(id);
      result.set(
        id,
        parts === undefined
          ? plainSellable(id)
          : Math.min(...parts.map((part) => Math.floor(plainSellable(part.variantId) / part.quantity))),
      );
    }
    return result;
  }

  /** The (store, variant) pairs whose sellable quantity depends on these variants (kits containing them included). */
  async affectedTargets(variantIds: readonly number[]): Promise<StockTarget[]> {
    return this.#affectedTargets(this.#ctx.db, variantIds);
  }

  async #affectedTargets(db: Kysely<HubDatabase>, variantIds: readonly number[]): Promise<StockTarget[]> {
    const kind = this.#ctx.engine.kind;
    const all = new Set(variantIds);
    for (const chunk of chunked([...new Set(variantIds)], IDS_PER_QUERY)) {
      const kits = await db
        .selectFrom('kit_components')
        .select('kit_variant_id')
        .where(inList(kind, 'component_variant_id', chunk))
        .execute();
      for (const kit of kits) all.add(kit.kit_variant_id);
    }
    const targets: StockTarget[] = [];
    for (const chunk of chunked([...all], IDS_PER_QUERY)) {
      const rows = await db
        .selectFrom('bindings')
        .select(['store_id', 'local_id', 'external_id'])
        .where('resource', '=', 'variants')
        .where('deleted_at', 'is', null)
        .where(inList(kind, 'local_id', chunk))
        .execute();
      targets.push(
        ...rows.map((row) => ({
          storeId: row.store_id,
          variantId: row.local_id,
          externalId: row.external_id,
        })),
      );
    }
    return targets.sort((a, b) => a.storeId - b.storeId || a.variantId - b.variantId);
  }

  /**
   * Queues the new sellable quantity of these variants (and of kits containing them) for every store
   * they are bound to, as coalescing `stock` outbox entries — in the caller's transaction. Stores that
   * do not export stock yet are left out: `exportFields.quantity` off, no stock export locations, or
   * no initial stock import (which would overwrite the shop's stock with the hub's zeros).
   * @returns the number of entries queued.
   */
  async queueSellableUpdates(variantIds: readonly number[]): Promise<number> {
    return write(this.#ctx, async (db) => {
      const targets = await this.#affectedTargets(db, variantIds);
      const byStore = new Map<number, StockTarget[]>();
      for (const target of targets)
        byStore.set(target.storeId, [...(byStore.get(target.storeId) ?? []), target]);
      let queued = 0;
      for (const [storeId, storeTargets] of byStore) {
        const store = await db
          .selectFrom('stores')
          .select(['settings', 'initial_stock_imported_at'])
          .where('id', '=', storeId)
          .executeTakeFirst();
        if (!store || store.initial_stock_imported_at === null) continue;
        const settings = parseSettings(JSON.parse(store.settings));
        if (!settings.exportFields.quantity || settings.stockExportLocations.length === 0) continue;
        const sellable = await this.#sellable(
          db,
          storeId,
          storeTargets.map((target) => target.variantId),
        );
        await enqueueOutbox(
          this.#ctx,
          db,
          storeTargets.map((target) => ({
            storeId,
            kind: 'stock',
            target: `variant:${target.variantId}`,
            payload: {
              variantId: target.variantId,
              externalId: target.externalId,
              quantity: sellable.get(target.variantId) ?? 0,
            } satisfies StockOutboxPayload,
          })),
        );
        queued += storeTargets.length;
      }
      return queued;
    });
  }

  /** (variant, location) pairs whose on-hand differs from the sum of their ledger (empty when all agree). */
  async ledgerMismatches(): Promise<
    { variantId: number; locationId: number; onHand: number; ledger: number }[]
  > {
    const ledger = this.#ctx.db
      .selectFrom('stock_movements')
      .select(['variant_id', 'location_id', sql<number>`sum(quantity)`.as('total')])
      .groupBy(['variant_id', 'location_id'])
      .as('m');
    const rows = await this.#ctx.db
      .selectFrom('stock_levels as s')
      .fullJoin(ledger, (join) =>
        join.onRef('m.variant_id', '=', 's.variant_id').onRef('m.location_id', '=', 's.location_id'),
      )
      .select([
        sql<number>`coalesce(s.variant_id, m.variant_id)`.as('variant_id'),
        sql<number>`coalesce(s.location_id, m.location_id)`.as('location_id'),
        sql<number>`coalesce(s.on_hand, 0)`.as('on_hand'),
        sql<number>`coalesce(m.total, 0)`.as('ledger'),
      ])
      .where(sql<boolean>`coalesce(s.on_hand, 0) <> coalesce(m.total, 0)`)
      .execute();
    return rows.map((row) => ({
      variantId: row.variant_id,
      locationId: row.location_id,
      onHand: Number(row.on_hand),
      ledger: Number(row.ledger),
    }));
  }
}
