import type { Kysely } from 'kysely';

import { chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { Decimal } from '../decimal.js';
import type { HubContext } from '../hub-context.js';
import type { HubDatabase } from '../schema/hub-database.js';
import type { EventInput, OrderEventData, OrderUpdatedEventData } from './event.types.js';

/** What an order was before an import rewrote it: what `order.updated` compares with. */
export interface OrderBefore {
  readonly storeStateId: number | null;
  readonly hubStatus: string;
  readonly totals: readonly string[];
  readonly lines: readonly string[];
}

const TOTAL_COLUMNS = [
  'total_products_tax_excl',
  'total_products_tax_incl',
  'total_shipping_tax_excl',
  'total_shipping_tax_incl',
  'total_discounts_tax_excl',
  'total_discounts_tax_incl',
  'total_paid_tax_excl',
  'total_paid_tax_incl',
  'total_paid',
] as const;

/** A written order as the import saw it (the repository's normalized record). */
export interface WrittenOrder {
  readonly id: number;
  readonly created: boolean;
  readonly externalId: string;
  readonly customerExternalId: string | null;
  readonly initialStatus: string;
  readonly columns: Record<string, unknown>;
  readonly lines: readonly Record<string, unknown>[];
}

const decimalKey = (value: unknown): string =>
  Decimal.from(typeof value === 'string' || typeof value === 'number' ? value : 0).toFixed(6, 'half-up');

function lineKey(line: Record<string, unknown>): string {
  return JSON.stringify([
    line.kind ?? 'product',
    line.sku ?? null,
    Number(line.quantity),
    decimalKey(line.unit_price_tax_incl),
  ]);
}

/** The orders' state, status, totals and lines before they are rewritten (two queries per page). */
export async function ordersBefore(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  orderIds: readonly number[],
): Promise<Map<number, OrderBefore>> {
  const before = new Map<number, OrderBefore>();
  for (const chunk of chunked([...orderIds], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('orders')
      .select(['id', 'store_state_id', 'hub_status', ...TOTAL_COLUMNS])
      .where(inList(ctx.engine.kind, 'id', chunk))
      .execute();
    const lines = await db
      .selectFrom('order_lines')
      .select(['order_id', 'line_no', 'kind', 'sku', 'quantity', 'unit_price_tax_incl'])
      .where(inList(ctx.engine.kind, 'order_id', chunk))
      .orderBy('order_id')
      .orderBy('line_no')
      .execute();
    const linesOf = new Map<number, string[]>();
    for (const line of lines)
      linesOf.set(line.order_id, [...(linesOf.get(line.order_id) ?? []), lineKey(line)]);
    for (const row of rows) {
      before.set(row.id, {
        storeStateId: row.store_state_id,
        hubStatus: row.hub_status,
        totals: TOTAL_COLUMNS.map((column) => decimalKey(row[column])),
        lines: linesOf.get(row.id) ?? [],
      });
    }
  }
  return before;
}

function orderData(storeId: number, order: WrittenOrder, hubStatus: string): OrderEventData {
  const c = order.columns;
  const str = (key: string): string => String(c[key]);
  return {
    orderId: order.id,
    storeId,
    externalId: order.externalId,
    reference: (c.reference as string | null) ?? null,
    storeStateId: (c.store_state_id as number | null) ?? null,
    hubStatus,
    currency: str('currency'),
    totalPaidTaxIncl: str('total_paid_tax_incl'),
    totalPaidTaxExcl: str('total_paid_tax_excl'),
    totalProductsTaxIncl: str('total_products_tax_incl'),
    totalShippingTaxIncl: str('total_shipping_tax_incl'),
    placedAt: str('placed_at'),
    storeUpdatedAt: (c.store_updated_at as string | null) ?? null,
    customerExternalId: order.customerExternalId,
    lines: order.lines
      .filter((line) => line.kind === 'product')
      .map((line) => ({
        sku: (line.sku as string | null) ?? null,
        name: String(line.name),
        quantity: Number(line.quantity),
        unitPriceTaxIncl: String(line.unit_price_tax_incl),
      })),
  };
}

/**
 * `order.created` for new orders; for rewritten ones `order.updated` (with what changed) and, when
 * the store's state moved, `order.state_changed`.
 */
export function importedOrderEvents(
  storeId: number,
  orders: readonly WrittenOrder[],
  before: ReadonlyMap<number, OrderBefore>,
): EventInput[] {
  const events: EventInput[] = [];
  for (const order of orders) {
    const subject = `order:${order.id}`;
    if (order.created) {
      events.push({
        type: 'order.created',
        storeId,
        subject,
        data: orderData(storeId, order, order.initialStatus),
      });
      continue;
    }
    const old = before.get(order.id);
    const data = orderData(storeId, order, old?.hubStatus ?? order.initialStatus);
    const changes: OrderUpdatedEventData['changes'][number][] = [];
    if (old === undefined || old.storeStateId !== data.storeStateId) changes.push('state');
    if (
      old === undefined ||
      TOTAL_COLUMNS.some((column, index) => old.totals[index] !== decimalKey(order.columns[column]))
    )
      changes.push('totals');
    const lines = order.lines.map(lineKey);
    if (
      old === undefined ||
      old.lines.length !== lines.length ||
      old.lines.some((key, index) => key !== lines[index])
    )
      changes.push('lines');
    if (changes.length === 0) changes.push('other');
    events.push({ type: 'order.updated', storeId, subject, data: { ...data, changes } });
    if (changes.includes('state'))
      events.push({
        type: 'order.state_changed',
        storeId,
        subject,
        data: { ...data, previousStateId: old?.storeStateId ?? null },
      });
  }
  return events;
}

/** `order.shipped` / `order.cancelled` for orders whose hub status just became that. */
export async function orderStatusEvents(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  moved: readonly { id: number; from: string }[],
  status: string,
): Promise<EventInput[]> {
  const type =
    status === 'shipped' ? 'order.shipped' : status === 'cancelled' ? 'order.cancelled' : undefined;
  if (type === undefined || moved.length === 0) return [];
  const from = new Map(moved.map((entry) => [entry.id, entry.from]));
  const events: EventInput[] = [];
  for (const chunk of chunked([...from.keys()], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('orders as o')
      .leftJoin('bindings as b', (join) =>
        join
          .onRef('b.local_id', '=', 'o.id')
          .onRef('b.store_id', '=', 'o.store_id')
          .on('b.resource', '=', 'orders'),
      )
      .select(['o.id', 'o.store_id', 'o.reference', 'b.external_id'])
      .where(inList(ctx.engine.kind, 'o.id', chunk))
      .orderBy('o.id')
      .execute();
    for (const row of rows) {
      events.push({
        type,
        storeId: row.store_id,
        subject: `order:${row.id}`,
        data: {
          orderId: row.id,
          storeId: row.store_id,
          externalId: row.external_id,
          reference: row.reference,
          previousStatus: from.get(row.id) ?? '',
          hubStatus: status,
        },
      });
    }
  }
  return events;
}
