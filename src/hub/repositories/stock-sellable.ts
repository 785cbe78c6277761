import { type Kysely, sql } from 'kysely';

import { chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import type { HubContext } from '../hub-context.js';
import { InvalidRecordError } from '../hub-errors.js';
import type { HubDatabase } from '../schema/hub-database.js';
import { parseSettings } from '../settings/validate-settings.js';
import { addMasterDataCommand } from './master-data-kinds.js';
import { RESERVING_STATUSES } from './order.types.js';
import { enqueueOutbox } from './outbox.repository.js';
import { recordSellableLevels } from './sellable-events.js';

/**
 * The sellable side of stock, as functions of a transaction (`db`) so that every repository whose
 * change moves a sellable quantity (movements, order approval and cancellation, shipments, kit
 * components) queues the new values in its own transaction.
 */

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

/** Sellable quantities of a page of variants, and which of them are kits (sold from their components). */
export interface SellableQuantities {
  readonly quantities: Map<number, number>;
  readonly kits: ReadonlySet<number>;
}

/**
 * PostgreSQL advisory locks on variants live in this key space (`pg_advisory_xact_lock(space, id)`);
 * the two-integer form never collides with the one-bigint locks Kysely's migrator takes.
 */
const VARIANT_LOCK_SPACE = 7401;

/** Location ids by code; a code the hub does not know is refused with what to do. */
export async function locationIds(
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
      `No location with code '${missing}'. Create it first: ${addMasterDataCommand('locations', missing)}`,
    );
  return ids;
}

/**
 * Quantities reserved by open orders — waiting for approval, approved or partially shipped: ordered
 * − shipped (kit lines reserve their components),
 * of every store or only of `storeId` (or of the stores in `storeIds`). Variants without reservations
 * are absent.
 */
export async function reservedQuantities(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  variantIds: readonly number[],
  storeId?: number,
  storeIds?: readonly number[],
): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  const kind = ctx.engine.kind;
  if (storeIds !== undefined && storeIds.length === 0) return result;
  for (const chunk of chunked([...new Set(variantIds)], IDS_PER_QUERY)) {
    let direct = db
      .selectFrom('order_lines as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .select(['l.variant_id', sql<number>`sum(l.quantity - l.quantity_shipped)`.as('reserved')])
      .where('o.hub_status', 'in', RESERVING_STATUSES)
      .where('l.kind', '=', 'product')
      .where(inList(kind, 'l.variant_id', chunk))
      .groupBy('l.variant_id');
    let viaKits = db
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
      .groupBy('k.component_variant_id');
    if (storeId !== undefined) {
      direct = direct.where('o.store_id', '=', storeId);
      viaKits = viaKits.where('o.store_id', '=', storeId);
    }
    if (storeIds !== undefined) {
      direct = direct.where(inList(kind, 'o.store_id', storeIds));
      viaKits = viaKits.where(inList(kind, 'o.store_id', storeIds));
    }
    for (const row of [...(await direct.execute()), ...(await viaKits.execute())]) {
      if (row.variant_id !== null)
        result.set(row.variant_id, (result.get(row.variant_id) ?? 0) + Number(row.reserved));
    }
  }
  return result;
}

/**
 * Sellable quantity per variant for a store: on hand in the store's `stockExportLocations` − reserved
 * by the open orders that ship from those locations (the orders of stores whose `defaults.stockLocation`
 * is one of them, or is unset), never below 0; a kit sells min over its components of ⌊component sellable ÷ quantity⌋. A page of
 * variants costs four queries whatever its size.
 */
export async function sellableQuantities(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
  variantIds: readonly number[],
): Promise<SellableQuantities> {
  const kind = ctx.engine.kind;
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
  const locations = [...(await locationIds(ctx, db, codes)).values()];
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
  const reserved = await reservedQuantities(
    ctx,
    db,
    plain,
    undefined,
    await storesShippingFrom(db, new Set(codes)),
  );
  const plainSellable = (id: number) => Math.max(0, (onHand.get(id) ?? 0) - (reserved.get(id) ?? 0));
  const quantities = new Map<number, number>();
  for (const id of requested) {
    const parts = components.get(id);
    quantities.set(
      id,
      parts === undefined
        ? plainSellable(id)
        : Math.min(...parts.map((part) => Math.floor(plainSellable(part.variantId) / part.quantity))),
    );
  }
  return { quantities, kits: new Set(components.keys()) };
}

/**
 * The stores whose open orders reserve units in these locations: those whose `defaults.stockLocation`
 * (where their shipments take stock from) is one of them, and those without a stock location (where
 * their orders will ship from is unknown: they reserve everywhere, so that no unit is sold twice).
 * Undefined when that is every store — no filter needed.
 */
async function storesShippingFrom(
  db: Kysely<HubDatabase>,
  codes: ReadonlySet<string>,
): Promise<number[] | undefined> {
  const stores = await db.selectFrom('stores').select(['id', 'settings']).execute();
  const reserving = stores.filter((store) => {
    const location = parseSettings(JSON.parse(store.settings)).defaults.stockLocation;
    return location === null || codes.has(location);
  });
  return reserving.length === stores.length ? undefined : reserving.map((store) => store.id);
}

/**
 * The (store, variant) pairs whose sellable quantity depends on these variants — kits containing them
 * included — in every store, or only in `storeId`.
 */
export async function affectedStockTargets(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  variantIds: readonly number[],
  storeId?: number,
): Promise<StockTarget[]> {
  const kind = ctx.engine.kind;
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
    // The store is filtered here, not in SQL: with `store_id = ?` SQLite walks the store's whole
    // slice of the primary key instead of the local-id index (a variant has few bindings).
    const rows = await db
      .selectFrom('bindings')
      .select(['store_id', 'local_id', 'external_id'])
      .where('resource', '=', 'variants')
      .where('deleted_at', 'is', null)
      .where(inList(kind, 'local_id', chunk))
      .execute();
    for (const row of rows) {
      if (storeId === undefined || row.store_id === storeId)
        targets.push({ storeId: row.store_id, variantId: row.local_id, externalId: row.external_id });
    }
  }
  return targets.sort((a, b) => a.storeId - b.storeId || a.variantId - b.variantId);
}

/**
 * Serializes the computation of these variants' sellable quantities between transactions. Two
 * changes to different rows (stock at two locations, an adjustment and an order approval) do not
 * block each other; without this, each could compute its value without the other's change and the
 * older value could be queued last. Taken after the change and before the computation, so the
 * computation (a new statement) sees every change committed before the lock was granted. SQLite has
 * one writer at a time: nothing to do.
 */
async function lockVariants(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  variantIds: readonly number[],
): Promise<void> {
  if (ctx.engine.kind !== 'postgres' || variantIds.length === 0) return;
  // Sorted: every writer locks in the same order, so two of them never deadlock on these locks.
  const sorted = [...new Set(variantIds)].sort((a, b) => a - b);
  for (const chunk of chunked(sorted, IDS_PER_QUERY)) {
    await sql`select pg_advisory_xact_lock(${VARIANT_LOCK_SPACE}, v) from unnest(${chunk}::int[]) as v`.execute(
      db,
    );
  }
}

/**
 * Queues the new sellable quantity of these variants (and of kits containing them) for every store
 * they are bound to — or only `storeId` — as coalescing `stock` outbox entries, on `db` (the caller's
 * transaction). Left out: stores that do not export stock yet (no initial stock import, which would
 * overwrite the shop's stock with the hub's zeros, or no stock export locations), plain variants when
 * `exportFields.quantity` is off, kits when `exportFields.bomQuantity` is off. Call it after the
 * changes of the transaction (it locks the variants until the commit on PostgreSQL).
 * @returns the number of entries queued.
 */
export async function queueSellableUpdates(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  variantIds: readonly number[],
  storeId?: number,
): Promise<number> {
  if (variantIds.length === 0) return 0;
  const targets = await affectedStockTargets(ctx, db, variantIds, storeId);
  if (targets.length === 0) return 0;
  await lockVariants(
    ctx,
    db,
    targets.map((target) => target.variantId),
  );
  const byStore = new Map<number, StockTarget[]>();
  for (const target of targets) byStore.set(target.storeId, [...(byStore.get(target.storeId) ?? []), target]);
  let queued = 0;
  for (const [id, storeTargets] of byStore) {
    const store = await db
      .selectFrom('stores')
      .select(['settings', 'initial_stock_imported_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!store || store.initial_stock_imported_at === null) continue;
    const settings = parseSettings(JSON.parse(store.settings));
    const { quantity, bomQuantity } = settings.exportFields;
    if ((!quantity && !bomQuantity) || settings.stockExportLocations.length === 0) continue;
    const sellable = await sellableQuantities(
      ctx,
      db,
      id,
      storeTargets.map((target) => target.variantId),
    );
    await recordSellableLevels(
      ctx,
      db,
      id,
      settings.automation.stockLowThreshold,
      storeTargets,
      sellable.quantities,
    );
    const exported = storeTargets.filter((target) =>
      sellable.kits.has(target.variantId) ? bomQuantity : quantity,
    );
    await enqueueOutbox(
      ctx,
      db,
      exported.map((target) => ({
        storeId: id,
        kind: 'stock',
        target: `variant:${target.variantId}`,
        payload: {
          variantId: target.variantId,
          externalId: target.externalId,
          quantity: sellable.quantities.get(target.variantId) ?? 0,
        } satisfies StockOutboxPayload,
      })),
    );
    queued += exported.length;
  }
  return queued;
}

/**
 * The variants whose sellable quantity these orders move: the variants on their product lines and
 * the components of kits among them (kit lines reserve their components). `reservingOnly`: only
 * orders that reserve stock now (open: waiting for approval, approved or partially shipped).
 */
export async function orderStockVariants(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  orderIds: readonly number[],
  options: { readonly reservingOnly?: boolean } = {},
): Promise<number[]> {
  const kind = ctx.engine.kind;
  const variants = new Set<number>();
  for (const chunk of chunked([...new Set(orderIds)], IDS_PER_QUERY)) {
    let select = db
      .selectFrom('order_lines as l')
      .innerJoin('orders as o', 'o.id', 'l.order_id')
      .select('l.variant_id')
      .distinct()
      .where('l.kind', '=', 'product')
      .where('l.variant_id', 'is not', null)
      .where(inList(kind, 'o.id', chunk));
    if (options.reservingOnly === true) select = select.where('o.hub_status', 'in', RESERVING_STATUSES);
    for (const line of await select.execute()) if (line.variant_id !== null) variants.add(line.variant_id);
  }
  for (const chunk of chunked([...variants], IDS_PER_QUERY)) {
    const components = await db
      .selectFrom('kit_components')
      .select('component_variant_id')
      .where(inList(kind, 'kit_variant_id', chunk))
      .execute();
    for (const component of components) variants.add(component.component_variant_id);
  }
  return [...variants];
}

/**
 * Queues the sellable quantities a change of these orders moves (cancellation releases, a
 * shipment ends reservations and may take stock out of a location): their
 * {@link orderStockVariants}, with every kit containing those.
 * @returns the number of entries queued.
 */
export async function queueOrderStockUpdates(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  orderIds: readonly number[],
): Promise<number> {
  return queueSellableUpdates(ctx, db, await orderStockVariants(ctx, db, orderIds));
}
