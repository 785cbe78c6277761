import { type BoundOrder, NotFoundError } from '../../hub/index.js';
import { findStoreOrderState } from '../../sync/index.js';
import { filter, type PrestaShopClient, type PsFilter, type PsOrder } from '../../webservice/index.js';
import { type ActionContext, withStoreClient } from './action-context.js';
import { decodeCursor } from './action-cursor.js';
import { ActionInputError } from './action-errors.js';
import { actionPage, hubPage, pageLimit, pageSource } from './action-paging.js';
import type {
  ActionItem,
  ActionOrder,
  ActionPage,
  ActionPaging,
  ActionSource,
  UpdatedWindow,
} from './action-types.js';
import { hubInstant, money, storeId, storeInstant, text, textOrNull } from './action-values.js';
import { checkWindow, storeDateFilter } from './action-window.js';
import { readStorePage } from './store-page-reader.js';

/** Filters of the order listing. */
export interface OrderFilters extends UpdatedWindow {
  /** Any of these states: ids (`2`) or names in the store's default language (`Payment accepted`). */
  readonly states?: readonly string[];
  /** The store's customer id. */
  readonly customerId?: number;
}

/**
 * Orders of a store, in id order, with their lines, filtered by state (ids or names), customer and
 * `date_upd` window; from the store (the default: one request per page, plus one for the page's
 * currencies) or the hub's copy. State names are read from the store's order states.
 *
 * @example
 * const { items } = await listOrders({ hub, store }, { states: ['Payment accepted'], updatedFrom: since });
 */
export async function listOrders(
  ctx: ActionContext,
  filters: OrderFilters,
  paging: ActionPaging = {},
): Promise<ActionPage<ActionOrder>> {
  const limit = pageLimit(paging);
  const window = checkWindow(filters);
  const states = filters.states?.map((state) => state.trim()).filter((state) => state !== '');
  if (states !== undefined && states.length === 0)
    throw new ActionInputError('state names no state: leave it out, or name one.');
  const said = { states: states?.join('|'), customerId: filters.customerId, ...window };
  const afterId = decodeCursor(paging.cursor, 'orders', said);
  const source = pageSource(paging);
  const stateIds = states === undefined ? undefined : await resolveStates(ctx, states);
  if (source === 'hub') {
    const rows = await ctx.hub.boundRecords.orders(ctx.store.id, {
      ...(stateIds === undefined ? {} : { stateIds }),
      ...(filters.customerId === undefined ? {} : { customerExternalId: filters.customerId }),
      ...window,
      afterExternalId: afterId,
      limit: limit + 1,
    });
    return hubPage(rows.map(orderFromHub), limit, 'orders', said);
  }
  const dates = storeDateFilter(ctx.store, window);
  const storeFilters: Record<string, PsFilter> = {
    ...(stateIds === undefined ? {} : { current_state: filter.oneOf(stateIds) }),
    ...(filters.customerId === undefined ? {} : { id_customer: filters.customerId }),
    ...(dates === undefined ? {} : { date_upd: dates }),
  };
  return withStoreClient(ctx, 'listing orders', async (client) => {
    const page = await readStorePage({
      fetch: (after, count) =>
        client.list('orders', {
          display: 'full',
          filter: { ...storeFilters, id: filter.gt(after) },
          sort: 'id_ASC',
          limit: count,
        }),
      convert: (records) => ordersFromStore(ctx, client, records),
      afterId,
      limit,
    });
    return actionPage(source, page.items, page.nextAfterId, limit, 'orders', said);
  });
}

/** One order by its store id, with its lines. */
export async function getOrder(
  ctx: ActionContext,
  id: number,
  options: { readonly source?: ActionSource } = {},
): Promise<ActionItem<ActionOrder>> {
  if (options.source === 'hub') {
    const [row] = await ctx.hub.boundRecords.orders(ctx.store.id, { externalId: id, limit: 1 });
    if (row === undefined) {
      throw new NotFoundError(
        `The hub has no order ${id} of store '${ctx.store.name}': read it from the store (source=store), or import it first.`,
      );
    }
    return { source: 'hub', item: orderFromHub(row) };
  }
  return withStoreClient(ctx, 'reading an order', async (client) => {
    const records = await client.list('orders', { display: 'full', filter: { id } });
    const [order] = await ordersFromStore(ctx, client, records);
    if (order === undefined) throw new NotFoundError(`Store '${ctx.store.name}' has no order ${id}.`);
    return { source: 'store', item: order };
  });
}

/** State ids as given, names looked up among the store's order states. */
async function resolveStates(ctx: ActionContext, states: readonly string[]): Promise<number[]> {
  if (states.every((state) => /^\d+$/.test(state))) return states.map(Number);
  return withStoreClient(ctx, 'reading order states', async (client) => {
    const ids: number[] = [];
    for (const state of states) ids.push((await findStoreOrderState(ctx.store, client, state)).id);
    return ids;
  });
}

async function ordersFromStore(
  ctx: ActionContext,
  client: PrestaShopClient,
  records: readonly PsOrder[],
): Promise<ActionOrder[]> {
  const currencyIds = [...new Set(records.map((record) => storeId(record, 'id_currency')))].filter(
    (id): id is number => id !== null,
  );
  const currencies =
    currencyIds.length === 0
      ? []
      : await client.list('currencies', { display: ['iso_code'], filter: { id: filter.oneOf(currencyIds) } });
  const isoById = new Map(currencies.map((currency) => [currency.id, text(currency, 'iso_code')]));
  const timeZone = ctx.store.timeZone;
  return records.map((record) => ({
    id: record.id,
    reference: textOrNull(text(record, 'reference')),
    customerId: storeId(record, 'id_customer'),
    stateId: storeId(record, 'current_state'),
    currency: isoById.get(storeId(record, 'id_currency') ?? 0) ?? null,
    totalPaidTaxIncl: money(text(record, 'total_paid_tax_incl')),
    totalPaidTaxExcl: money(text(record, 'total_paid_tax_excl')),
    placedAt: storeInstant(text(record, 'date_add'), timeZone),
    updatedAt: storeInstant(text(record, 'date_upd'), timeZone),
    lines: (record.associations?.order_rows ?? []).map((row) => ({
      productId: positive(row.product_id),
      combinationId: wholeOrNull(row.product_attribute_id),
      reference: textOrNull(row.product_reference),
      name: row.product_name,
      quantity: Number(row.product_quantity),
      unitPriceTaxExcl: money(row.unit_price_tax_excl),
      unitPriceTaxIncl: money(row.unit_price_tax_incl),
    })),
  }));
}

function orderFromHub(row: BoundOrder): ActionOrder {
  return {
    id: row.externalId,
    reference: textOrNull(row.reference),
    customerId: row.customerExternalId,
    stateId: row.storeStateId,
    currency: row.currency,
    totalPaidTaxIncl: money(row.totalPaidTaxIncl),
    totalPaidTaxExcl: money(row.totalPaidTaxExcl),
    placedAt: hubInstant(row.placedAt),
    updatedAt: hubInstant(row.storeUpdatedAt),
    lines: row.lines.map((line) => ({
      productId: line.productExternalId,
      combinationId: line.combinationExternalId,
      reference: textOrNull(line.sku),
      name: line.name,
      quantity: line.quantity,
      unitPriceTaxExcl: money(line.unitPriceTaxExcl),
      unitPriceTaxIncl: money(line.unitPriceTaxIncl),
    })),
  };
}

function positive(value: string | undefined): number | null {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

function wholeOrNull(value: string | undefined): number | null {
  const id = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(id) && id >= 0 ? id : null;
}
