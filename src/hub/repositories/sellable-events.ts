import type { Kysely } from 'kysely';

import { bulkInsert, chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { type HubContext, nowIso } from '../hub-context.js';
import type { HubDatabase } from '../schema/hub-database.js';
import { appendEvents } from './event.repository.js';
import type { EventInput } from './event.types.js';

/**
 * Keeps the last sellable quantity known per store and variant and writes, on `db` (the transaction
 * that moved the stock), `stock.changed` for each that differs from it and `stock.low` for each that
 * falls below the store's `automation.stockLowThreshold`. The first quantity known of a variant
 * only sets the baseline: an initial import does not flood subscribers with one event per variant.
 */
export async function recordSellableLevels(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
  threshold: number | null,
  targets: readonly { variantId: number; externalId: string }[],
  quantities: ReadonlyMap<number, number>,
): Promise<void> {
  if (targets.length === 0) return;
  const kind = ctx.engine.kind;
  const previous = new Map<number, number>();
  for (const chunk of chunked(
    targets.map((target) => target.variantId),
    IDS_PER_QUERY,
  )) {
    const rows = await db
      .selectFrom('sellable_levels')
      .select(['variant_id', 'quantity'])
      .where('store_id', '=', storeId)
      .where(inList(kind, 'variant_id', chunk))
      .execute();
    for (const row of rows) previous.set(row.variant_id, row.quantity);
  }
  const now = nowIso(ctx);
  const events: EventInput[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const target of targets) {
    const quantity = quantities.get(target.variantId) ?? 0;
    const before = previous.get(target.variantId);
    if (before === quantity) continue;
    rows.push({ store_id: storeId, variant_id: target.variantId, quantity, updated_at: now });
    if (before === undefined) continue;
    const subject = `variant:${target.variantId}@store:${storeId}`;
    const data = {
      storeId,
      variantId: target.variantId,
      externalId: target.externalId,
      previousQuantity: before,
      quantity,
    };
    events.push({ type: 'stock.changed', storeId, subject, data });
    if (threshold !== null && quantity < threshold && before >= threshold)
      events.push({ type: 'stock.low', storeId, subject, data: { ...data, threshold } });
  }
  await bulkInsert(db, ctx.engine, 'sellable_levels', rows, {
    conflict: ['store_id', 'variant_id'],
    update: ['quantity', 'updated_at'],
  });
  await appendEvents(ctx, db, events);
}
