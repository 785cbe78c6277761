import type { AddressChoiceInput, AddressRecord, CustomerRecord, HubTransaction } from '../../hub/index.js';
import { filter, type PsAddress, type PsCustomer } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { Feed, FeedContext, PageTally } from '../feed.js';
import { ONLY_OPTION, onlyIdsOf } from '../import-plan.js';
import { StoreDates } from '../store-dates.js';
import { StoreLanguages } from '../store-languages.js';
import { StoreValueError } from '../store-values.js';
import { chooseAddressRoles, readLastOrders } from './address-choice.js';
import { loadAddressLookups } from './address-lookups.js';
import { customerImportPlanner } from './customer-import-plan.js';
import { advanceMark, EPOCH_LOCAL, sweepByDateUpd, sweepCeiling } from './date-upd-sweep.js';
import { type AddressLookups, mapCustomer, mapCustomerAddress } from './map-customer.js';
import { markNumber, markText, ORDER_PAGE_SIZE_OPTION, orderPageSize } from './order-feed-options.js';
import { unmappedGenderNotice, unreadableAddressNotice } from './order-page-plan.js';
import { IDS_PER_REQUEST } from './order-page-reader.js';

export const IMPORT_CUSTOMERS = 'import-customers';

/** A customer page with its addresses, read and mapped. */
interface CustomerPage {
  readonly customers: readonly PsCustomer[];
  readonly addresses: readonly AddressRecord[];
  /** Each customer's billing and delivery address by the store's `customers.addressChoice` rule. */
  readonly choices: readonly AddressChoiceInput[];
}

/**
 * import-customers: the store's customers — new ones by id, then those changed since the last run
 * (`date_upd`) — with gender through the `genders` setting (an unmapped id is reported with the
 * setting to add, the customer imported as unknown), e-mail, names, company, newsletter, and, when
 * `customers.addresses` is on, every address (with phones unless `customers.phones` is off), each
 * customer's billing and delivery address chosen by `customers.addressChoice` (their last order's, or
 * the store's default) and recorded as the address's role — unless a user chose them
 * (`customers addresses`). An order's own addresses still come from the order itself.
 *
 * `--only 3,8` imports (or updates) those store customers alone and leaves the watermark; `--plan`
 * (the planner) lists what a run would do with each store customer first.
 *
 * Watermark `{ lastId, dateUpd }`.
 */
export const importCustomersFeed: Feed = {
  name: IMPORT_CUSTOMERS,
  description:
    'Import customers with gender, e-mail, names, company, newsletter and (by setting) addresses and phones.',
  direction: 'import',
  cadence: 'frequency',
  needs: [
    { resource: 'customers', verb: 'GET' },
    { resource: 'addresses', verb: 'GET' },
    // The last order's addresses (customers.addressChoice=last-order): a few fields, in bulk.
    { resource: 'orders', verb: 'GET' },
    { resource: 'countries', verb: 'GET' },
    { resource: 'states', verb: 'GET' },
  ],
  writes: ['customers', 'addresses'],
  options: [ORDER_PAGE_SIZE_OPTION, ONLY_OPTION],
  planner: customerImportPlanner,
  async run(ctx) {
    const { store, client, hub } = ctx;
    const only = onlyIdsOf(ctx.options);
    if (only !== undefined) return importSelectedCustomers(ctx, only);
    const mark = (await hub.watermarks.get(store.id, IMPORT_CUSTOMERS))?.value;
    let lastId = markNumber(mark, 'lastId');
    const pageSize = orderPageSize(ctx.options);
    const ceiling = sweepCeiling(StoreDates.of(store), ctx.now());
    // Changes are read from where the first sweep began: what changed meanwhile is read again.
    let dateUpd = markText(mark, 'dateUpd') ?? (lastId === 0 ? ceiling : EPOCH_LOCAL);
    const writer = new CustomerPageWriter(ctx);

    await ctx.progress({ step: 'new customers', done: 0 });
    for await (const customers of client.iterate(
      'customers',
      { display: 'full' },
      { pageSize, afterId: lastId },
    )) {
      ctx.throwIfStopped();
      const page = await writer.read(customers);
      // Never back: a store answering an earlier page again must not move the sweep to its start.
      const pageLastId = Math.max(lastId, customers.at(-1)?.id ?? lastId);
      await ctx.commit(async (tx, tally) => {
        await writer.write(tx, tally, page);
        await tx.watermarks.set(store.id, IMPORT_CUSTOMERS, { lastId: pageLastId, dateUpd });
      });
      lastId = pageLastId;
      await ctx.progress({ done: customers.length, increment: true });
    }

    await ctx.progress({ step: 'changed customers' });
    const from = dateUpd;
    for await (const customers of sweepByDateUpd(client, 'customers', { from, pageSize })) {
      ctx.throwIfStopped();
      const page = await writer.read(customers.filter((customer) => customer.id <= lastId));
      const next = advanceMark(dateUpd, scalar(customers.at(-1)?.date_upd) || dateUpd, ceiling);
      await ctx.commit(async (tx, tally) => {
        await writer.write(tx, tally, page);
        await tx.watermarks.set(store.id, IMPORT_CUSTOMERS, { lastId, dateUpd: next });
      });
      dateUpd = next;
      await ctx.progress({ done: customers.length, increment: true });
    }
    if (mark === undefined && lastId === 0) {
      await ctx.commit((tx) => tx.watermarks.set(store.id, IMPORT_CUSTOMERS, { lastId, dateUpd }));
    }
  },
};

/**
 * import-customers for a selection (`--only 3,8`): these customers read in bulk by id
 * (`filter[id]=[3|8]`, a few hundred a request) with their addresses, written as the sweep writes
 * them, one transaction per request's worth; Stop between them; the watermark left alone. Ids the
 * store does not have are reported as skipped.
 */
async function importSelectedCustomers(ctx: FeedContext, ids: readonly number[]): Promise<void> {
  const writer = new CustomerPageWriter(ctx);
  const found = new Set<number>();
  await ctx.progress({ step: 'selected customers', done: 0, total: ids.length });
  for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
    ctx.throwIfStopped();
    const customers = await ctx.client.list('customers', {
      display: 'full',
      filter: { id: filter.oneOf(ids.slice(start, start + IDS_PER_REQUEST)) },
    });
    customers.sort((a, b) => a.id - b.id);
    for (const customer of customers) found.add(customer.id);
    const page = await writer.read(customers);
    await ctx.commit((tx, tally) => writer.write(tx, tally, page));
    await ctx.progress({ done: customers.length, increment: true });
  }
  for (const id of ids.filter((candidate) => !found.has(candidate)))
    ctx.tally.skipped(id, 'not in the store (no customer with this id)');
}

/** Reads the addresses of a customer page (lookups at the first page) and writes both. */
class CustomerPageWriter {
  readonly #ctx: FeedContext;
  #lookups: Promise<AddressLookups> | undefined;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  async read(customers: readonly PsCustomer[]): Promise<CustomerPage> {
    const { client, store } = this.#ctx;
    if (customers.length === 0 || !store.settings.customers.addresses)
      return { customers, addresses: [], choices: [] };
    const rule = store.settings.customers.addressChoice;
    const ids = customers.map((customer) => customer.id);
    const lists: Promise<PsAddress[]>[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
      const part = ids.slice(start, start + IDS_PER_REQUEST);
      lists.push(
        client
          .iterate(
            'addresses',
            { display: 'full', filter: { id_customer: filter.oneOf(part) } },
            { pageSize: 5000 },
          )
          .toArray(),
      );
    }
    const [lookups, addresses, lastOrders] = await Promise.all([
      this.#addressLookups(),
      Promise.all(lists),
      rule === 'last-order' ? readLastOrders(client, ids, IDS_PER_REQUEST) : Promise.resolve(new Map()),
    ]);
    const dates = StoreDates.of(store);
    const mapped: AddressRecord[] = [];
    for (const address of addresses.flat()) {
      try {
        mapped.push(mapCustomerAddress(address, lookups, dates, { phones: store.settings.customers.phones }));
      } catch (error) {
        if (!(error instanceof StoreValueError)) throw error;
        this.#ctx.notice(unreadableAddressNotice(address.id, error));
      }
    }
    const written = new Set(mapped.map((address) => address.externalId));
    const choices = chooseAddressRoles(
      ids,
      addresses.flat().filter((address) => written.has(address.id)),
      lastOrders,
      rule,
    );
    return { customers, addresses: mapped, choices };
  }

  async write(tx: HubTransaction, tally: PageTally, page: CustomerPage): Promise<void> {
    if (page.customers.length === 0) return;
    const { store } = this.#ctx;
    const dates = StoreDates.of(store);
    const records: CustomerRecord[] = [];
    for (const customer of page.customers) {
      let mapped: ReturnType<typeof mapCustomer>;
      try {
        mapped = mapCustomer(customer, store.settings.genders, dates);
      } catch (error) {
        if (!(error instanceof StoreValueError)) throw error;
        tally.failed(customer.id, error.message);
        continue;
      }
      if (mapped.record.email === '') {
        tally.failed(customer.id, 'no e-mail address in the store');
        continue;
      }
      if (mapped.unmappedGender !== undefined)
        this.#ctx.notice(unmappedGenderNotice(store.name, mapped.unmappedGender.genderId));
      records.push(mapped.record);
    }
    const result = await tx.customers.upsertCustomers(store.id, records);
    tally.created(result.counts.created);
    tally.updated(result.counts.updated);
    tally.unchanged(result.counts.unchanged);
    if (page.addresses.length > 0) await tx.customers.upsertAddresses(store.id, page.addresses);
    const kept = new Set(records.map((record) => String(record.externalId)));
    await tx.customers.setAddressRoles(
      store.id,
      page.choices.filter((choice) => kept.has(String(choice.customerExternalId))),
    );
  }

  #addressLookups(): Promise<AddressLookups> {
    const { client, store } = this.#ctx;
    this.#lookups ??= StoreLanguages.load(store, client).then((languages) =>
      loadAddressLookups(client, languages),
    );
    return this.#lookups;
  }
}
