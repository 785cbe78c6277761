import { type Kysely, sql } from 'kysely';

import { bulkInsert, chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import { InvalidRecordError } from '../hub-errors.js';
import type { HubDatabase } from '../schema/hub-database.js';
import { parseSettings } from '../settings/validate-settings.js';
import type { VariantAttribute } from './catalog.types.js';
import {
  affectedStockTargets,
  locationIds,
  queueOrderStockUpdates,
  queueSellableUpdates,
  reservedQuantities,
  type SellableQuantities,
  sellableQuantities,
  type StockTarget,
} from './stock-sellable.js';

export type { StockOutboxPayload, StockTarget } from './stock-sellable.js';

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

/**
 * One of a store's `stock_availables` rows as the hub last saw it: read by import-stock or
 * stock-check, or written by a push. `quantity` is the store's value at that moment.
 */
export interface StoreStockRow {
  readonly stockAvailableId: number;
  readonly productId: number;
  /** 0: a product without combinations (or the product-level row of one with combinations). */
  readonly combinationId: number;
  readonly quantity: number;
  /** Driven by the store's warehouses (advanced stock management): pushes are ignored there. */
  readonly dependsOnStock: boolean;
  /**
   * The rest of the row as the store showed it when it was read, which a PUT must send back (it
   * empties the optional fields it leaves out); absent when the read did not show all of it.
   */
  readonly rest?: StoreStockRowRest;
  /**
   * When the hub read the row (remembered rows; absent on a row just read). A push trusts a
   * remembered `rest` only for a short while after it (see the stock outbox handler).
   */
  readonly readAt?: string;
}

/** The fields of a `stock_availables` row a push does not change but must send back whole. */
export interface StoreStockRowRest {
  readonly outOfStock: number;
  readonly shopId: number;
  readonly shopGroupId: number;
  readonly location: string;
}

/** One row of `stock list`: a variant's on-hand per location, reserved, and sellable per bound store. */
export interface StockListItem {
  readonly variantId: number;
  readonly sku: string | null;
  readonly name: string;
  readonly kit: boolean;
  readonly onHand: readonly { readonly location: string; readonly onHand: number }[];
  readonly reserved: number;
  readonly sellable: readonly {
    readonly storeId: number;
    readonly store: string;
    readonly quantity: number;
  }[];
}

export interface StockListQuery {
  /** Only the variants with this SKU (listed even without stock). */
  readonly sku?: string;
  /** Only this variant (listed even without stock). */
  readonly variantId?: number;
  /** Only variants with a stock row at this location. */
  readonly location?: string;
  readonly afterVariantId?: number;
  readonly limit?: number;
}

/** A kit with its bill of materials: each component's quantity per kit and its on-hand everywhere. */
export interface StockKit {
  readonly variantId: number;
  readonly sku: string | null;
  readonly name: string;
  readonly components: readonly {
    readonly variantId: number;
    readonly sku: string | null;
    readonly name: string;
    /** Units of the component in one kit. */
    readonly quantity: number;
    /** On hand at every location together. */
    readonly onHand: number;
  }[];
}

/** A variant found by SKU (SKUs are not unique in the hub: a lookup may find several). */
export interface StockVariantRef {
  readonly variantId: number;
  readonly sku: string | null;
  /** The hub made the SKU up (the store gave none, or one another variant has). */
  readonly skuDerived: boolean;
  /** The product's name, with the variant's attribute values (`T-shirt - White, S`). */
  readonly name: string;
  readonly kit: boolean;
  /** The store variants it is bound to: store name and the store's `<product>:<combination>`. */
  readonly stores: readonly { readonly store: string; readonly externalId: string }[];
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

/** A remembered store stock row's fields besides its (product, combination) key: what a read refreshes. */
const STORE_ROW_FIELDS = [
  'stock_available_id',
  'quantity',
  'depends_on_stock',
  'read_at',
  'out_of_stock',
  'shop_id',
  'shop_group_id',
  'location',
] as const;

/**
 * Stock per variant and location: a ledger of movements, an on-hand table kept equal to the ledger's
 * sums in the same transaction, reservations by open orders, and sellable quantities per
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
   * for the one-time import from a store, `adjustment` for a count). `reference` is what the
   * movement refers to (the import's run); `note` is why, in words (a count's reason).
   */
  async setOnHand(
    counts: readonly { variantId: number; location: string; onHand: number }[],
    kind: 'initial_import' | 'adjustment',
    source: { readonly reference?: string | null; readonly note?: string | null } = {},
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
          reference: source.reference ?? null,
          note: source.note ?? null,
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
   * Quantities reserved by open orders — waiting for approval, approved or partially shipped: ordered
   * − shipped (kit lines reserve their components),
   * of every store or only of `storeId`. Variants without reservations are absent.
   */
  reserved(variantIds: readonly number[], storeId?: number): Promise<Map<number, number>> {
    return reservedQuantities(this.#ctx, this.#ctx.db, variantIds, storeId);
  }

  /**
   * Units the hub has shipped of these store orders (product lines with a variant), per variant —
   * store orders the hub does not hold count nothing. The initial stock import adds back only what
   * an open store order still has in the warehouse.
   */
  async shippedOfStoreOrders(
    storeId: number,
    externalOrderIds: readonly (string | number)[],
  ): Promise<Map<number, number>> {
    const result = new Map<number, number>();
    const kind = this.#ctx.engine.kind;
    for (const chunk of chunked([...new Set(externalOrderIds.map(String))], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('bindings as b')
        .innerJoin('order_lines as l', 'l.order_id', 'b.local_id')
        .select(['l.variant_id', sql<number>`sum(l.quantity_shipped)`.as('shipped')])
        .where('b.store_id', '=', storeId)
        .where('b.resource', '=', 'orders')
        .where(inList(kind, 'b.external_id', chunk))
        .where('l.kind', '=', 'product')
        .where('l.quantity_shipped', '>', 0)
        .groupBy('l.variant_id')
        .execute();
      for (const row of rows) {
        if (row.variant_id !== null)
          result.set(row.variant_id, (result.get(row.variant_id) ?? 0) + Number(row.shipped));
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
    return (await sellableQuantities(this.#ctx, this.#ctx.db, storeId, variantIds)).quantities;
  }

  /** {@link sellable}, and which of the variants are kits (sold from their components). */
  sellableWithKits(storeId: number, variantIds: readonly number[]): Promise<SellableQuantities> {
    return sellableQuantities(this.#ctx, this.#ctx.db, storeId, variantIds);
  }

  /** The (store, variant) pairs whose sellable quantity depends on these variants (kits containing them included). */
  affectedTargets(variantIds: readonly number[], storeId?: number): Promise<StockTarget[]> {
    return affectedStockTargets(this.#ctx, this.#ctx.db, variantIds, storeId);
  }

  /**
   * Queues the new sellable quantity of these variants (and of kits containing them) for every store
   * they are bound to — or only `storeId` — as coalescing `stock` outbox entries, in the caller's
   * transaction. Stores that do not export stock yet are left out: no initial stock import (which
   * would overwrite the shop's stock with the hub's zeros) or no stock export locations; so are plain
   * variants when `exportFields.quantity` is off and kits when `exportFields.bomQuantity` is off.
   * Concurrent transactions never queue an older value last (PostgreSQL: the variants are locked until
   * the commit, so call it after the transaction's changes).
   * @returns the number of entries queued.
   */
  queueSellableUpdates(variantIds: readonly number[], storeId?: number): Promise<number> {
    return write(this.#ctx, (db) => queueSellableUpdates(this.#ctx, db, variantIds, storeId));
  }

  /**
   * Queues the sellable quantities moved by a change of these orders (cancelled: released; shipped:
   * on-hand and reservation down). The order and shipment repositories call it
   * in their own transactions; call it after changing orders by other means.
   * @returns the number of entries queued.
   */
  queueOrderUpdates(orderIds: readonly number[]): Promise<number> {
    return write(this.#ctx, (db) => queueOrderStockUpdates(this.#ctx, db, orderIds));
  }

  /**
   * Remembers store rows as just read (import-stock, stock-check, a push that had to look its row
   * up), with the rest of each row when the read showed it (else the rest is forgotten). A (product,
   * combination) pair is one row per store; a new row id for a pair replaces the old.
   */
  async rememberStoreRows(storeId: number, rows: readonly StoreStockRow[]): Promise<void> {
    if (rows.length === 0) return;
    const now = nowIso(this.#ctx);
    const unique = new Map(rows.map((row) => [`${row.productId}:${row.combinationId}`, row]));
    await write(this.#ctx, (db) =>
      bulkInsert(
        db,
        this.#ctx.engine,
        'store_stock_rows',
        [...unique.values()]
          .sort((a, b) => a.productId - b.productId || a.combinationId - b.combinationId)
          .map((row) => ({
            store_id: storeId,
            stock_available_id: row.stockAvailableId,
            product_id: row.productId,
            combination_id: row.combinationId,
            quantity: row.quantity,
            depends_on_stock: row.dependsOnStock ? 1 : 0,
            read_at: now,
            pushed_at: null,
            out_of_stock: row.rest?.outOfStock ?? null,
            shop_id: row.rest?.shopId ?? null,
            shop_group_id: row.rest?.shopGroupId ?? null,
            location: row.rest?.location ?? null,
          })),
        {
          conflict: ['store_id', 'product_id', 'combination_id'],
          update: [...STORE_ROW_FIELDS],
        },
      ),
    );
  }

  /**
   * The remembered store rows of these (product, combination) pairs, by `<product>:<combination>`, with
   * the rest of each row and when it was read, where the hub has them.
   */
  async storeRows(
    storeId: number,
    pairs: readonly { productId: number; combinationId: number }[],
  ): Promise<Map<string, StoreStockRow>> {
    const result = new Map<string, StoreStockRow>();
    const wanted = new Set(pairs.map((pair) => `${pair.productId}:${pair.combinationId}`));
    for (const chunk of chunked([...new Set(pairs.map((pair) => pair.productId))], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('store_stock_rows')
        .select(['product_id', 'combination_id', ...STORE_ROW_FIELDS])
        .where('store_id', '=', storeId)
        .where(inList(this.#ctx.engine.kind, 'product_id', chunk))
        .execute();
      for (const row of rows) {
        const key = `${row.product_id}:${row.combination_id}`;
        if (!wanted.has(key)) continue;
        result.set(key, {
          stockAvailableId: row.stock_available_id,
          productId: row.product_id,
          combinationId: row.combination_id,
          quantity: row.quantity,
          dependsOnStock: row.depends_on_stock === 1,
          ...(row.out_of_stock === null ||
          row.shop_id === null ||
          row.shop_group_id === null ||
          row.location === null
            ? {}
            : {
                rest: {
                  outOfStock: row.out_of_stock,
                  shopId: row.shop_id,
                  shopGroupId: row.shop_group_id,
                  location: row.location,
                },
              }),
          ...(row.read_at === null ? {} : { readAt: row.read_at }),
        });
      }
    }
    return result;
  }

  /** Records that the store row now holds `quantity` (a push went through). */
  async recordPushed(storeId: number, stockAvailableId: number, quantity: number): Promise<void> {
    await this.recordPushedMany(storeId, [{ stockAvailableId, quantity }]);
  }

  /** {@link recordPushed} for the rows of one batch, in one transaction (rows of equal quantity in one statement). */
  async recordPushedMany(
    storeId: number,
    pushed: readonly { readonly stockAvailableId: number; readonly quantity: number }[],
  ): Promise<void> {
    if (pushed.length === 0) return;
    const byQuantity = new Map<number, number[]>();
    for (const { stockAvailableId, quantity } of pushed)
      byQuantity.set(quantity, [...(byQuantity.get(quantity) ?? []), stockAvailableId]);
    const now = nowIso(this.#ctx);
    await write(this.#ctx, async (db) => {
      for (const [quantity, ids] of byQuantity) {
        for (const chunk of chunked(ids, IDS_PER_QUERY)) {
          await db
            .updateTable('store_stock_rows')
            .set({ quantity, pushed_at: now })
            .where('store_id', '=', storeId)
            .where(inList(this.#ctx.engine.kind, 'stock_available_id', chunk))
            .execute();
        }
      }
    });
  }

  /** Forgets a store row (it no longer exists in the store). */
  async forgetStoreRow(storeId: number, stockAvailableId: number): Promise<void> {
    await write(this.#ctx, (db) =>
      db
        .deleteFrom('store_stock_rows')
        .where('store_id', '=', storeId)
        .where('stock_available_id', '=', stockAvailableId)
        .execute(),
    );
  }

  /** The kits among these variants (variants with components: their stock comes from the components). */
  async kitsAmong(variantIds: readonly number[]): Promise<Set<number>> {
    const kits = new Set<number>();
    for (const chunk of chunked([...new Set(variantIds)], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('kit_components')
        .select('kit_variant_id')
        .distinct()
        .where(inList(this.#ctx.engine.kind, 'kit_variant_id', chunk))
        .execute();
      for (const row of rows) kits.add(row.kit_variant_id);
    }
    return kits;
  }

  /**
   * Kits in variant id order, a page after `afterVariantId`, with their components: two queries
   * for the page and one for the components' on-hand, whatever its size.
   */
  async kits(options: { afterVariantId?: number; limit?: number } = {}): Promise<StockKit[]> {
    const db = this.#ctx.db;
    const kitIds = (
      await db
        .selectFrom('kit_components')
        .select('kit_variant_id')
        .distinct()
        .where('kit_variant_id', '>', options.afterVariantId ?? 0)
        .orderBy('kit_variant_id')
        .limit(options.limit ?? 100)
        .execute()
    ).map((row) => row.kit_variant_id);
    if (kitIds.length === 0) return [];
    const rows = await db
      .selectFrom('kit_components as k')
      .innerJoin('variants as v', 'v.id', 'k.component_variant_id')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['k.kit_variant_id', 'k.component_variant_id', 'k.quantity', 'v.sku', 'p.name'])
      .where(inList(this.#ctx.engine.kind, 'k.kit_variant_id', kitIds))
      .orderBy('k.kit_variant_id')
      .orderBy('k.component_variant_id')
      .execute();
    const heads = new Map(
      (
        await db
          .selectFrom('variants as v')
          .innerJoin('products as p', 'p.id', 'v.product_id')
          .select(['v.id', 'v.sku', 'p.name'])
          .where(inList(this.#ctx.engine.kind, 'v.id', kitIds))
          .execute()
      ).map((row) => [row.id, row]),
    );
    const onHand = new Map<number, number>();
    for (const level of await this.onHand(rows.map((row) => row.component_variant_id)))
      onHand.set(level.variantId, (onHand.get(level.variantId) ?? 0) + level.onHand);
    return kitIds.map((id) => ({
      variantId: id,
      sku: heads.get(id)?.sku ?? null,
      name: heads.get(id)?.name ?? '',
      components: rows
        .filter((row) => row.kit_variant_id === id)
        .map((row) => ({
          variantId: row.component_variant_id,
          sku: row.sku,
          name: row.name,
          quantity: row.quantity,
          onHand: onHand.get(row.component_variant_id) ?? 0,
        })),
    }));
  }

  /**
   * Variants with this SKU (none, one, or several: SKUs are not unique in the hub — PrestaShop's demo
   * combinations share their product's reference), each named with its attribute values and its
   * store bindings, so that an ambiguous SKU can be refused naming them.
   */
  async variantsBySku(sku: string): Promise<StockVariantRef[]> {
    const rows = await this.#ctx.db
      .selectFrom('variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id', 'v.sku', 'v.sku_derived', 'v.attributes', 'p.name'])
      .where('v.sku', '=', sku)
      .orderBy('v.id')
      .execute();
    return this.#variantRefs(rows);
  }

  /** Variants by hub id (missing ids are absent), named as {@link variantsBySku} names them. */
  async variantsById(variantIds: readonly number[]): Promise<StockVariantRef[]> {
    const rows = [];
    for (const chunk of chunked([...new Set(variantIds)], IDS_PER_QUERY)) {
      rows.push(
        ...(await this.#ctx.db
          .selectFrom('variants as v')
          .innerJoin('products as p', 'p.id', 'v.product_id')
          .select(['v.id', 'v.sku', 'v.sku_derived', 'v.attributes', 'p.name'])
          .where(inList(this.#ctx.engine.kind, 'v.id', chunk))
          .execute()),
      );
    }
    return this.#variantRefs(rows.sort((a, b) => a.id - b.id));
  }

  async #variantRefs(
    rows: readonly {
      id: number;
      sku: string | null;
      sku_derived: number;
      attributes: string;
      name: string;
    }[],
  ): Promise<StockVariantRef[]> {
    const ids = rows.map((row) => row.id);
    const kits = await this.kitsAmong(ids);
    const stores = new Map<number, { store: string; externalId: string }[]>();
    for (const chunk of chunked(ids, IDS_PER_QUERY)) {
      const bindings = await this.#ctx.db
        .selectFrom('bindings as b')
        .innerJoin('stores as s', 's.id', 'b.store_id')
        .select(['b.local_id', 'b.external_id', 's.name'])
        .where('b.resource', '=', 'variants')
        .where('b.deleted_at', 'is', null)
        .where(inList(this.#ctx.engine.kind, 'b.local_id', chunk))
        .orderBy('s.name')
        .orderBy('b.external_id')
        .execute();
      for (const binding of bindings) {
        stores.set(binding.local_id, [
          ...(stores.get(binding.local_id) ?? []),
          { store: binding.name, externalId: binding.external_id },
        ]);
      }
    }
    return rows.map((row) => {
      const values = parseJson<VariantAttribute[]>(row.attributes, [])
        .map((attribute) => Object.values(attribute.value)[0])
        .filter((value): value is string => value !== undefined && value !== '');
      return {
        variantId: row.id,
        sku: row.sku,
        skuDerived: row.sku_derived === 1,
        name: values.length > 0 ? `${row.name} - ${values.join(', ')}` : row.name,
        kit: kits.has(row.id),
        stores: stores.get(row.id) ?? [],
      };
    });
  }

  /**
   * `stock list`: variants with stock (at `location`, when given) or with a SKU, in variant id order:
   * on-hand per location, reserved, and sellable in each store the variant is bound to that has
   * stock export locations. A page costs a fixed number of queries whatever its size.
   */
  async list(query: StockListQuery = {}): Promise<StockListItem[]> {
    const db = this.#ctx.db;
    const kind = this.#ctx.engine.kind;
    let select = db
      .selectFrom('variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id', 'v.sku', 'p.name'])
      .where('v.id', '>', query.afterVariantId ?? 0);
    if (query.sku !== undefined) select = select.where('v.sku', '=', query.sku);
    if (query.variantId !== undefined) select = select.where('v.id', '=', query.variantId);
    if (query.location !== undefined) {
      const location = (await locationIds(this.#ctx, db, [query.location])).get(query.location) ?? 0;
      select = select.where((eb) =>
        eb.exists(
          eb
            .selectFrom('stock_levels as s')
            .select('s.variant_id')
            .whereRef('s.variant_id', '=', 'v.id')
            .where('s.location_id', '=', location),
        ),
      );
    } else if (query.sku === undefined && query.variantId === undefined) {
      select = select.where((eb) =>
        eb.exists(
          eb.selectFrom('stock_levels as s').select('s.variant_id').whereRef('s.variant_id', '=', 'v.id'),
        ),
      );
    }
    const variants = await select
      .orderBy('v.id')
      .limit(query.limit ?? 100)
      .execute();
    if (variants.length === 0) return [];
    const ids = variants.map((variant) => variant.id);
    const levels = await this.onHand(ids);
    const reserved = await this.reserved(ids);
    const kits = await this.kitsAmong(ids);
    const bound = await db
      .selectFrom('bindings as b')
      .innerJoin('stores as s', 's.id', 'b.store_id')
      .select(['b.local_id', 's.id', 's.name', 's.settings'])
      .where('b.resource', '=', 'variants')
      .where('b.deleted_at', 'is', null)
      .where(inList(kind, 'b.local_id', ids))
      .orderBy('s.name')
      .execute();
    const sellable = new Map<number, { storeId: number; store: string; quantity: number }[]>();
    const stores = new Map<number, { name: string; variantIds: number[] }>();
    for (const row of bound) {
      if (parseSettings(JSON.parse(row.settings)).stockExportLocations.length === 0) continue;
      const entry = stores.get(row.id) ?? { name: row.name, variantIds: [] };
      entry.variantIds.push(row.local_id);
      stores.set(row.id, entry);
    }
    for (const [storeId, { name, variantIds }] of stores) {
      for (const [variantId, quantity] of await this.sellable(storeId, variantIds)) {
        sellable.set(variantId, [...(sellable.get(variantId) ?? []), { storeId, store: name, quantity }]);
      }
    }
    return variants.map((variant) => ({
      variantId: variant.id,
      sku: variant.sku,
      name: variant.name,
      kit: kits.has(variant.id),
      onHand: levels
        .filter((level) => level.variantId === variant.id)
        .map(({ location, onHand }) => ({ location, onHand })),
      reserved: reserved.get(variant.id) ?? 0,
      sellable: sellable.get(variant.id) ?? [],
    }));
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
