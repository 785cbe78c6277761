import type { BoundCustomer } from '../../hub/index.js';
import { filter, type PsCustomer, type PsFilter } from '../../webservice/index.js';
import { type ActionContext, withStoreClient } from './action-context.js';
import { decodeCursor } from './action-cursor.js';
import { ActionInputError } from './action-errors.js';
import { actionPage, hubPage, pageLimit, pageSource } from './action-paging.js';
import type { ActionCustomer, ActionPage, ActionPaging, UpdatedWindow } from './action-types.js';
import { hubInstant, storeInstant, text } from './action-values.js';
import { checkWindow, storeDateFilter } from './action-window.js';
import { readStorePage } from './store-page-reader.js';

/** Filters of the customer listing. */
export interface CustomerFilters extends UpdatedWindow {
  /** Exactly this e-mail address. */
  readonly email?: string;
  readonly active?: boolean;
}

const FIELDS = ['email', 'firstname', 'lastname', 'active', 'newsletter', 'date_upd'];

/**
 * Customers of a store, in id order, filtered by e-mail, active flag and `date_upd` window; from the
 * store (the default) or the hub's copy.
 *
 * @example
 * const { items } = await listCustomers({ hub, store }, { email: 'jane@example.com' });
 */
export async function listCustomers(
  ctx: ActionContext,
  filters: CustomerFilters,
  paging: ActionPaging = {},
): Promise<ActionPage<ActionCustomer>> {
  const limit = pageLimit(paging);
  const window = checkWindow(filters);
  const email = filters.email?.trim();
  if (email !== undefined && !/^[^\s,|[\]]+@[^\s,|[\]]+$/.test(email)) {
    throw new ActionInputError(`email must be one e-mail address, got '${filters.email}'.`);
  }
  const said = { email, active: filters.active, ...window };
  const afterId = decodeCursor(paging.cursor, 'customers', said);
  const source = pageSource(paging);
  if (source === 'hub') {
    const rows = await ctx.hub.boundRecords.customers(ctx.store.id, {
      ...(email === undefined ? {} : { email }),
      ...(filters.active === undefined ? {} : { active: filters.active }),
      ...window,
      afterExternalId: afterId,
      limit: limit + 1,
    });
    return hubPage(rows.map(customerFromHub), limit, 'customers', said);
  }
  const dates = storeDateFilter(ctx.store, window);
  const storeFilters: Record<string, PsFilter> = {
    ...(email === undefined ? {} : { email }),
    ...(filters.active === undefined ? {} : { active: filters.active ? '1' : '0' }),
    ...(dates === undefined ? {} : { date_upd: dates }),
  };
  return withStoreClient(ctx, 'listing customers', async (client) => {
    const page = await readStorePage({
      fetch: (after, count) =>
        client.list('customers', {
          display: FIELDS,
          filter: { ...storeFilters, id: filter.gt(after) },
          sort: 'id_ASC',
          limit: count,
        }),
      convert: (records) => Promise.resolve(records.map((record) => customerFromStore(ctx, record))),
      afterId,
      limit,
    });
    return actionPage(source, page.items, page.nextAfterId, limit, 'customers', said);
  });
}

function customerFromStore(ctx: ActionContext, record: PsCustomer): ActionCustomer {
  return {
    id: record.id,
    email: text(record, 'email'),
    firstName: text(record, 'firstname'),
    lastName: text(record, 'lastname'),
    active: text(record, 'active') === '1',
    newsletter: text(record, 'newsletter') === '1',
    updatedAt: storeInstant(text(record, 'date_upd'), ctx.store.timeZone),
  };
}

function customerFromHub(row: BoundCustomer): ActionCustomer {
  return {
    id: row.externalId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    active: row.active,
    newsletter: row.newsletter,
    updatedAt: hubInstant(row.storeUpdatedAt),
  };
}
