import type { Binding, PlanMatch } from '../../hub/index.js';
import type { PsRecord } from '../../webservice/index.js';
import { sameInstant } from '../catalog/export/export-plan.js';
import {
  countImportPlan,
  type ImportPlan,
  type ImportPlanContext,
  type ImportPlanEntry,
  type ImportPlanner,
  type ImportPlanRequest,
  planFilter,
} from '../import-plan.js';
import { StoreDates } from '../store-dates.js';

/** Store customers per request of the plan (a few fields each). */
const PLAN_PAGE_SIZE = 1000;

/** What the plan reads of a store customer. */
export interface PlannedStoreCustomer {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  /** `date_upd` as a UTC instant. */
  readonly updatedAt: string | null;
}

export interface CustomerImportState {
  readonly store: PlannedStoreCustomer;
  readonly binding: Pick<Binding, 'localId' | 'externalUpdatedAt' | 'deletedAt'> | null;
  /** Hub customers with the same e-mail address, with what they are bound to in this store. */
  readonly sameEmail: readonly PlanMatch[];
}

/**
 * What import-customers (with `--only`) does with one store customer. Customers flow from the store
 * to the hub only: there is no "add to store" or "update store".
 *
 * Assumptions: a store customer is the hub customer it is bound to (store, `customers`, store id);
 * an unbound one is new and gets a hub customer of its own (customers are matched by store id only,
 * never merged by e-mail). "Conflict": an unbound customer whose e-mail address (any case) belongs to
 * a hub customer already bound to another customer of this store — importing it gives the hub two
 * customers with that address (a guest checkout and an account, typically). A bound customer whose
 * `date_upd` is not the one recorded at its last import is "update hub".
 *
 * @example
 * decideCustomerImport({ store, binding: null, sameEmail: [] }); // { action: 'add-to-hub', … }
 */
export function decideCustomerImport(state: CustomerImportState): Pick<ImportPlanEntry, 'action' | 'reason'> {
  const { store, binding } = state;
  if (binding === null) {
    const taken = state.sameEmail.find(
      (match) => match.externalId !== null && match.externalId !== String(store.id),
    );
    if (taken !== undefined) {
      return {
        action: 'conflict',
        reason:
          `${store.email} is hub customer ${taken.localId}'s, already bound to store customer ${taken.externalId}: ` +
          'importing would give the hub two customers with this address',
      };
    }
    if (store.email === '')
      return { action: 'conflict', reason: 'no e-mail address in the store: the import fails it' };
    const elsewhere = state.sameEmail[0];
    return {
      action: 'add-to-hub',
      reason:
        elsewhere === undefined
          ? 'new in the store'
          : `new in the store (hub customer ${elsewhere.localId} from another store has this e-mail; not merged)`,
    };
  }
  if (binding.deletedAt !== null)
    return { action: 'update-hub', reason: 'back in the store after being deleted' };
  if (binding.externalUpdatedAt === null || !sameInstant(binding.externalUpdatedAt, store.updatedAt))
    return { action: 'update-hub', reason: 'changed in the store since the last import' };
  return { action: 'up-to-date', reason: 'in sync' };
}

function text(value: PsRecord[string]): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The plan of import-customers: every store customer, pages of a few fields, the hub side a page at a time. */
export const customerImportPlanner: ImportPlanner = {
  record: 'customer',
  async plan(ctx: ImportPlanContext, request: ImportPlanRequest = {}): Promise<ImportPlan> {
    const { store, client, hub } = ctx;
    const dates = StoreDates.of(store);
    const keep = planFilter(request);
    const entries: ImportPlanEntry[] = [];
    let planned = 0;
    for await (const records of client.iterate(
      'customers',
      { display: ['email', 'firstname', 'lastname', 'date_upd'] },
      { pageSize: PLAN_PAGE_SIZE },
    )) {
      ctx.signal?.throwIfAborted();
      const customers: PlannedStoreCustomer[] = records.map((record) => ({
        id: record.id,
        email: text(record.email),
        name: `${text(record.firstname)} ${text(record.lastname)}`.trim(),
        updatedAt: dates.toInstant(text(record.date_upd)),
      }));
      const bindings = await hub.bindings.resolve(
        store.id,
        'customers',
        customers.map((customer) => customer.id),
      );
      const byEmail = await hub.importPlans.customersByEmail(
        store.id,
        customers.filter((customer) => !bindings.has(String(customer.id))).map((customer) => customer.email),
      );
      for (const customer of customers) {
        const binding = bindings.get(String(customer.id)) ?? null;
        const decision = decideCustomerImport({
          store: customer,
          binding,
          sameEmail: binding === null ? (byEmail.get(customer.email.toLowerCase()) ?? []) : [],
        });
        const entry: ImportPlanEntry = {
          ...decision,
          externalId: customer.id,
          localId: binding?.localId ?? null,
          imported: binding !== null,
          label: customer.name === '' ? `<${customer.email}>` : `${customer.name} <${customer.email}>`,
        };
        if (keep(entry)) entries.push(entry);
      }
      planned += customers.length;
      ctx.onProgress?.(planned);
    }
    return {
      feed: 'import-customers',
      store: store.name,
      record: 'customer',
      notImportedOnly: request.notImported === true,
      selectBy: 'store',
      entries,
      counts: countImportPlan(entries),
    };
  },
};
