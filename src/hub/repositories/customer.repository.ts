import { chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { hashText } from '../content-hash.js';
import { type HubContext, write } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';
import type { DbCustomer, DbCustomerAddress } from '../schema/hub-database.js';
import { HUB_GENDERS, type HubGender } from '../settings/store-settings.js';
import { resolveBindings } from './binding.repository.js';
import { upsertBoundRows } from './bound-upsert.js';
import type { UpsertedItem, UpsertResult } from './catalog.types.js';
import { appendEvents } from './event.repository.js';
import type { EventInput } from './event.types.js';
import type { OrderAddress } from './order.types.js';

/** A customer as a feed hands it in (gender already mapped with the store's `genders` setting). */
export interface CustomerRecord {
  readonly externalId: string | number;
  readonly externalUpdatedAt?: string | null;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly company?: string | null;
  readonly gender?: HubGender;
  /** `YYYY-MM-DD`; PrestaShop's `0000-00-00` means none. */
  readonly birthday?: string | null;
  readonly newsletter?: boolean;
  readonly active?: boolean;
}

/** An address as a feed hands it in; it belongs to a customer of the same store. */
export interface AddressRecord extends OrderAddress {
  readonly externalId: string | number;
  readonly customerExternalId: string | number;
  readonly externalUpdatedAt?: string | null;
  readonly alias?: string | null;
  /** Deleted in the store (PrestaShop keeps deleted addresses that orders refer to). */
  readonly deleted?: boolean;
}

/** What an address is to its customer: `both` bills and delivers. */
export type AddressRole = 'billing' | 'delivery' | 'both';

/**
 * The billing and delivery address an import chose for one customer by the store's rule (store
 * ids), or null for none (the customer has no address the hub holds).
 */
export interface AddressChoiceInput {
  readonly customerExternalId: string | number;
  readonly billingExternalId: string | number | null;
  readonly deliveryExternalId: string | number | null;
  /** The rule that chose them (`last-order`, `store-default`). */
  readonly rule: string;
}

export interface CustomerAddress {
  readonly id: number;
  /** Billing, delivery, both, or null for an address that is neither. */
  readonly role: AddressRole | null;
  readonly alias: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string | null;
  readonly address1: string;
  readonly address2: string | null;
  readonly postcode: string | null;
  readonly city: string;
  readonly state: string | null;
  readonly countryIso: string | null;
  readonly phone: string | null;
  readonly phoneMobile: string | null;
  readonly vatNumber: string | null;
  readonly deleted: boolean;
}

export interface Customer {
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string | null;
  readonly gender: HubGender;
  readonly birthday: string | null;
  readonly newsletter: boolean;
  readonly active: boolean;
  /**
   * How the billing and delivery addresses were chosen: by the store's rule at import
   * (`last-order`, `store-default`), by a user (`user`: imports leave them alone), or not yet (null).
   */
  readonly addressChoice: string | null;
  readonly addresses: readonly CustomerAddress[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One order of a customer, as the customer's page lists it. */
export interface CustomerOrder {
  readonly id: number;
  readonly storeId: number;
  readonly reference: string | null;
  readonly currency: string;
  /** Exact decimal text. */
  readonly totalPaidTaxIncl: string;
  readonly hubStatus: string;
  /** UTC ISO. */
  readonly placedAt: string;
}

/** {@link UpsertResult}, plus the addresses left out because their customer is not in the hub. */
export interface AddressUpsertResult extends UpsertResult {
  readonly skipped: readonly { readonly externalId: string; readonly reason: string }[];
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function toAddress(row: DbCustomerAddress): CustomerAddress {
  return {
    id: row.id,
    role: row.role === 'billing' || row.role === 'delivery' || row.role === 'both' ? row.role : null,
    alias: row.alias,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    address1: row.address1,
    address2: row.address2,
    postcode: row.postcode,
    city: row.city,
    state: row.state,
    countryIso: row.country_iso,
    phone: row.phone,
    phoneMobile: row.phone_mobile,
    vatNumber: row.vat_number,
    deleted: row.deleted === 1,
  };
}

function toCustomer(row: DbCustomer, addresses: readonly CustomerAddress[]): Customer {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    gender: row.gender as HubGender,
    birthday: row.birthday,
    newsletter: row.newsletter === 1,
    active: row.active === 1,
    addressChoice: row.address_choice,
    addresses,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** `customer.created` / `customer.updated` for the rows a page created or changed. */
function customerEvents(
  storeId: number,
  rows: readonly { externalId: string; columns: Record<string, unknown> }[],
  items: readonly UpsertedItem[],
): EventInput[] {
  const columns = new Map(rows.map((row) => [row.externalId, row.columns]));
  return items.flatMap((item): EventInput[] => {
    const c = columns.get(item.externalId);
    if (item.outcome === 'unchanged' || c === undefined) return [];
    return [
      {
        type: item.outcome === 'created' ? 'customer.created' : 'customer.updated',
        storeId,
        subject: `customer:${item.localId}`,
        data: {
          customerId: item.localId,
          storeId,
          externalId: item.externalId,
          email: String(c.email),
          firstName: String(c.first_name),
          lastName: String(c.last_name),
          company: (c.company as string | null) ?? null,
          newsletter: c.newsletter === 1,
          active: c.active === 1,
        },
      },
    ];
  });
}

/**
 * Customers and their addresses, bound to each store they come from.
 *
 * @example
 * await hub.transaction(async (tx) => {
 *   await tx.customers.upsertCustomers(storeId, customers);
 *   await tx.customers.upsertAddresses(storeId, addresses);
 * });
 */
export class CustomerRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async upsertCustomers(storeId: number, records: readonly CustomerRecord[]): Promise<UpsertResult> {
    const rows = records.map((record) => {
      const externalId = String(record.externalId);
      const email = text(record.email);
      if (email === null) throw new InvalidRecordError(`customer ${externalId}: the e-mail address is empty`);
      const gender = record.gender ?? 'unknown';
      if (!HUB_GENDERS.includes(gender)) {
        throw new InvalidRecordError(
          `customer ${externalId}: gender must be one of ${HUB_GENDERS.join(', ')}, got '${gender}'`,
        );
      }
      const birthday = text(record.birthday);
      const columns = {
        email,
        first_name: record.firstName.trim(),
        last_name: record.lastName.trim(),
        company: text(record.company),
        gender,
        birthday: birthday === null || birthday.startsWith('0000') ? null : birthday,
        newsletter: record.newsletter ? 1 : 0,
        active: record.active === false ? 0 : 1,
      };
      const hash = hashText(JSON.stringify(columns));
      return {
        externalId,
        externalUpdatedAt: record.externalUpdatedAt ?? null,
        hash,
        columns: { ...columns, content_hash: hash },
      };
    });
    return write(this.#ctx, async (db) => {
      const result = await upsertBoundRows(this.#ctx, db, storeId, 'customers', 'customers', rows);
      await appendEvents(this.#ctx, db, customerEvents(storeId, rows, result.items));
      return result;
    });
  }

  /** Addresses whose customer is not bound in this store are skipped (reported, not written). */
  async upsertAddresses(storeId: number, records: readonly AddressRecord[]): Promise<AddressUpsertResult> {
    return write(this.#ctx, async (db) => {
      const customers = await resolveBindings(
        this.#ctx,
        db,
        storeId,
        'customers',
        records.map((record) => record.customerExternalId),
      );
      const skipped: { externalId: string; reason: string }[] = [];
      const rows = records.flatMap((record) => {
        const externalId = String(record.externalId);
        const customer = customers.get(String(record.customerExternalId));
        if (!customer) {
          skipped.push({ externalId, reason: `customer ${record.customerExternalId} is not in the hub yet` });
          return [];
        }
        const columns = {
          customer_id: customer.localId,
          alias: text(record.alias),
          first_name: record.firstName.trim(),
          last_name: record.lastName.trim(),
          company: text(record.company),
          address1: record.address1.trim(),
          address2: text(record.address2),
          postcode: text(record.postcode),
          city: record.city.trim(),
          state: text(record.state),
          country_iso: text(record.countryIso)?.toUpperCase() ?? null,
          phone: text(record.phone),
          phone_mobile: text(record.phoneMobile),
          vat_number: text(record.vatNumber),
          deleted: record.deleted ? 1 : 0,
        };
        return [
          {
            externalId,
            externalUpdatedAt: record.externalUpdatedAt ?? null,
            hash: hashText(JSON.stringify(columns)),
            columns,
          },
        ];
      });
      const result = await upsertBoundRows(this.#ctx, db, storeId, 'addresses', 'customer_addresses', rows);
      return { ...result, skipped };
    });
  }

  /**
   * Records the billing and delivery address the store's rule chose, customer by customer (roles of
   * the customer's other addresses cleared; null ids: no address, roles cleared); customers whose
   * addresses a user chose are left alone, and so is a customer whose choice names an address the
   * hub does not hold.
   */
  async setAddressRoles(storeId: number, choices: readonly AddressChoiceInput[]): Promise<void> {
    if (choices.length === 0) return;
    await write(this.#ctx, async (db) => {
      const kind = this.#ctx.engine.kind;
      const customers = await resolveBindings(
        this.#ctx,
        db,
        storeId,
        'customers',
        choices.map((choice) => choice.customerExternalId),
      );
      const addressIds = choices.flatMap((choice) =>
        [choice.billingExternalId, choice.deliveryExternalId].filter((id) => id !== null),
      );
      const addresses = await resolveBindings(this.#ctx, db, storeId, 'addresses', addressIds);
      // Whose each address is: an address of another customer is never given a role here.
      const ownerOf = new Map<number, number>();
      for (const chunk of chunked(
        [...addresses.values()].map((binding) => binding.localId),
        IDS_PER_QUERY,
      )) {
        const rows = await db
          .selectFrom('customer_addresses')
          .select(['id', 'customer_id'])
          .where(inList(kind, 'id', chunk))
          .execute();
        for (const row of rows) ownerOf.set(row.id, row.customer_id);
      }
      const localIds = [...new Set([...customers.values()].map((binding) => binding.localId))];
      const userChosen = new Set<number>();
      for (const chunk of chunked(localIds, IDS_PER_QUERY)) {
        const rows = await db
          .selectFrom('customers')
          .select('id')
          .where(inList(kind, 'id', chunk))
          .where('address_choice', '=', 'user')
          .execute();
        for (const row of rows) userChosen.add(row.id);
      }
      const roles = new Map<number, AddressRole>();
      const byRule = new Map<string, number[]>();
      for (const choice of choices) {
        const customerId = customers.get(String(choice.customerExternalId))?.localId;
        if (customerId === undefined || userChosen.has(customerId)) continue;
        const local = (id: string | number | null): number | undefined => {
          const localId = id === null ? undefined : addresses.get(String(id))?.localId;
          return localId !== undefined && ownerOf.get(localId) === customerId ? localId : undefined;
        };
        const billing = local(choice.billingExternalId);
        const delivery = local(choice.deliveryExternalId);
        // An address named but not in the hub (yet), or not theirs: the customer's roles stay as they are.
        if (
          (choice.billingExternalId !== null && billing === undefined) ||
          (choice.deliveryExternalId !== null && delivery === undefined)
        )
          continue;
        if (billing !== undefined) roles.set(billing, 'billing');
        if (delivery !== undefined) roles.set(delivery, billing === delivery ? 'both' : 'delivery');
        const ruled = byRule.get(choice.rule);
        if (ruled === undefined) byRule.set(choice.rule, [customerId]);
        else ruled.push(customerId);
      }
      const chosenCustomers = [...byRule.values()].flat();
      // Only the addresses whose role changes are written: an import names the same customers page
      // after page, and rewriting their unchanged rows cost as much as the orders themselves.
      const changes = new Map<AddressRole | null, number[]>();
      for (const chunk of chunked(chosenCustomers, IDS_PER_QUERY)) {
        const rows = await db
          .selectFrom('customer_addresses')
          .select(['id', 'role'])
          .where(inList(kind, 'customer_id', chunk))
          .execute();
        for (const row of rows) {
          // `roles` names addresses of these customers only (checked against ownerOf above).
          const wanted = roles.get(row.id) ?? null;
          if (wanted === row.role) continue;
          const ids = changes.get(wanted);
          if (ids === undefined) changes.set(wanted, [row.id]);
          else ids.push(row.id);
        }
      }
      for (const [role, ids] of changes) {
        for (const chunk of chunked(ids, IDS_PER_QUERY)) {
          await db
            .updateTable('customer_addresses')
            .set({ role })
            .where(inList(kind, 'id', chunk))
            .execute();
        }
      }
      for (const [rule, ids] of byRule) {
        for (const chunk of chunked(ids, IDS_PER_QUERY)) {
          await db
            .updateTable('customers')
            .set({ address_choice: rule })
            .where(inList(kind, 'id', chunk))
            .where((eb) => eb.or([eb('address_choice', 'is', null), eb('address_choice', '!=', rule)]))
            .execute();
        }
      }
    });
  }

  /**
   * A user's choice of one customer's billing and delivery address (hub address ids; the same id
   * for both is fine). Imports leave it alone from then on, until {@link releaseAddressChoice}.
   * Throws an `InvalidRecordError` naming the customer's addresses when one is not theirs or deleted.
   */
  async chooseAddresses(
    customerId: number,
    choice: { readonly billingAddressId: number; readonly deliveryAddressId: number },
  ): Promise<Customer> {
    await write(this.#ctx, async (db) => {
      const customer = await db
        .selectFrom('customers')
        .select('id')
        .where('id', '=', customerId)
        .executeTakeFirst();
      if (!customer) throw new NotFoundError(`No customer with id ${customerId}.`);
      const addresses = await db
        .selectFrom('customer_addresses')
        .select(['id', 'deleted'])
        .where('customer_id', '=', customerId)
        .orderBy('id')
        .execute();
      const usable = addresses.filter((address) => address.deleted === 0).map((address) => address.id);
      for (const [what, id] of [
        ['billing', choice.billingAddressId],
        ['delivery', choice.deliveryAddressId],
      ] as const) {
        if (!usable.includes(id)) {
          throw new InvalidRecordError(
            `customer ${customerId}: address ${id} cannot be the ${what} address — ` +
              (usable.length === 0
                ? 'the customer has no address in the hub.'
                : `it is not one of theirs (or is deleted); theirs: ${usable.join(', ')}.`),
          );
        }
      }
      await db
        .updateTable('customer_addresses')
        .set({ role: null })
        .where('customer_id', '=', customerId)
        .execute();
      const same = choice.billingAddressId === choice.deliveryAddressId;
      await db
        .updateTable('customer_addresses')
        .set({ role: same ? 'both' : 'billing' })
        .where('id', '=', choice.billingAddressId)
        .execute();
      if (!same) {
        await db
          .updateTable('customer_addresses')
          .set({ role: 'delivery' })
          .where('id', '=', choice.deliveryAddressId)
          .execute();
      }
      await db
        .updateTable('customers')
        .set({ address_choice: 'user' })
        .where('id', '=', customerId)
        .execute();
    });
    return this.get(customerId);
  }

  /** Hands a customer's address roles back to the store's rule: the next import chooses them again. */
  async releaseAddressChoice(customerId: number): Promise<Customer> {
    const result = await write(this.#ctx, (db) =>
      db
        .updateTable('customers')
        .set({ address_choice: null })
        .where('id', '=', customerId)
        .executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) === 0) throw new NotFoundError(`No customer with id ${customerId}.`);
    return this.get(customerId);
  }

  async get(customerId: number): Promise<Customer> {
    const found = (await this.#load([customerId])).get(customerId);
    if (!found) throw new NotFoundError(`No customer with id ${customerId}.`);
    return found;
  }

  /** Customers in id order; `search` matches e-mail or name (case-insensitive). */
  async list(query: { search?: string; afterId?: number; limit?: number } = {}): Promise<Customer[]> {
    let select = this.#ctx.db
      .selectFrom('customers')
      .select('id')
      .where('id', '>', query.afterId ?? 0);
    const search = query.search?.trim().toLowerCase();
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      select = select.where((eb) =>
        eb.or(
          (['email', 'first_name', 'last_name'] as const).map((column) =>
            eb(eb.fn('lower', [column]), 'like', pattern),
          ),
        ),
      );
    }
    const ids = (
      await select
        .orderBy('id')
        .limit(query.limit ?? 100)
        .execute()
    ).map((row) => row.id);
    const loaded = await this.#load(ids);
    return ids.flatMap((id) => {
      const customer = loaded.get(id);
      return customer ? [customer] : [];
    });
  }

  /** A customer's orders in every store, newest first (at most `limit`). */
  async orders(customerId: number, limit = 50): Promise<CustomerOrder[]> {
    const rows = await this.#ctx.db
      .selectFrom('orders')
      .select(['id', 'store_id', 'reference', 'currency', 'total_paid_tax_incl', 'hub_status', 'placed_at'])
      .where('customer_id', '=', customerId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      storeId: row.store_id,
      reference: row.reference,
      currency: row.currency,
      totalPaidTaxIncl: row.total_paid_tax_incl,
      hubStatus: row.hub_status,
      placedAt: row.placed_at,
    }));
  }

  async #load(ids: readonly number[]): Promise<Map<number, Customer>> {
    const result = new Map<number, Customer>();
    const kind = this.#ctx.engine.kind;
    for (const chunk of chunked([...new Set(ids)], IDS_PER_QUERY)) {
      const [customers, addresses] = await Promise.all([
        this.#ctx.db
          .selectFrom('customers')
          .selectAll()
          .where(inList(kind, 'id', chunk))
          .execute(),
        this.#ctx.db
          .selectFrom('customer_addresses')
          .selectAll()
          .where(inList(kind, 'customer_id', chunk))
          .orderBy('id')
          .execute(),
      ]);
      for (const row of customers) {
        result.set(
          row.id,
          toCustomer(row, addresses.filter((address) => address.customer_id === row.id).map(toAddress)),
        );
      }
    }
    return result;
  }
}
