import { type RawBuilder, sql, type SqlBool } from 'kysely';

import { inList } from '../bulk-sql.js';
import type { HubContext } from '../hub-context.js';

/**
 * What every read of {@link BoundRecordRepository} takes: records of one store, in the store's id
 * order, after a store id (keyset paging: the same cursor means the same thing in the hub and in the
 * store), with the store's `date_upd` (as the hub last saw it) inside a window.
 */
export interface BoundReadQuery {
  /** Only records whose store id is greater (the cursor). */
  readonly afterExternalId?: number;
  /** Only this store id (a "get"). */
  readonly externalId?: number;
  /** Inclusive bounds on the store's `date_upd` as the hub last saw it (UTC ISO instants). */
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  /** At most this many (default 50). */
  readonly limit?: number;
}

/** A product as the hub has it, named by its store id. */
export interface BoundProduct {
  readonly externalId: number;
  readonly productId: number;
  readonly reference: string | null;
  readonly name: string;
  /** Decimal string with 6 places. */
  readonly price: string;
  readonly active: boolean;
  /** The store's `date_upd` when the hub last read it (UTC ISO). */
  readonly storeUpdatedAt: string | null;
}

/** A line of a bound order, its product named by store ids when the hub knows them. */
export interface BoundOrderLine {
  readonly productExternalId: number | null;
  readonly combinationExternalId: number | null;
  readonly sku: string | null;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceTaxExcl: string;
  readonly unitPriceTaxIncl: string;
}

/** An order as the hub has it, named by its store id, with its product lines. */
export interface BoundOrder {
  readonly externalId: number;
  readonly orderId: number;
  readonly reference: string | null;
  /** The store's customer id (null when the hub has the customer under no binding of this store). */
  readonly customerExternalId: number | null;
  readonly storeStateId: number | null;
  readonly currency: string;
  readonly totalPaidTaxIncl: string;
  readonly totalPaidTaxExcl: string;
  /** UTC ISO. */
  readonly placedAt: string;
  readonly storeUpdatedAt: string | null;
  readonly lines: readonly BoundOrderLine[];
}

/** A customer as the hub has it, named by its store id. */
export interface BoundCustomer {
  readonly externalId: number;
  readonly customerId: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly active: boolean;
  readonly newsletter: boolean;
  readonly storeUpdatedAt: string | null;
}

type BindingScope = 'products' | 'orders' | 'customers';

/** The store id of a binding, as a number: records come in the store's id order, as the store lists them. */
const DEFAULT_LIMIT = 50;

const STORE_ID = sql<number>`cast(${sql.ref('b.external_id')} as bigint)`;

/**
 * The hub's copy of one store's records, read by the store's own ids — what automation actions
 * answer with `source=hub`: the same filters as the store's webservice (product reference and
 * active flag, order state and customer, customer e-mail and active flag, the store's `date_upd`
 * window), paged by store id.
 *
 * @example
 * const page = await hub.boundRecords.orders(store.id, { stateIds: [2], afterExternalId: 40, limit: 50 });
 * page.map((order) => order.externalId); // [41, 44, …]
 */
export class BoundRecordRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async products(
    storeId: number,
    query: BoundReadQuery & { readonly reference?: string; readonly active?: boolean },
  ): Promise<BoundProduct[]> {
    let select = this.#ctx.db
      .selectFrom('bindings as b')
      .innerJoin('products as p', 'p.id', 'b.local_id')
      .select([
        'b.external_id',
        'b.external_updated_at',
        'p.id',
        'p.reference',
        'p.name',
        'p.price',
        'p.active',
      ])
      .where(this.#bound(storeId, 'products', query, 'b.external_updated_at'));
    if (query.reference !== undefined) select = select.where('p.reference', '=', query.reference);
    if (query.active !== undefined) select = select.where('p.active', '=', query.active ? 1 : 0);
    const rows = await select
      .orderBy(STORE_ID)
      .limit(query.limit ?? DEFAULT_LIMIT)
      .execute();
    return rows.map((row) => ({
      externalId: Number(row.external_id),
      productId: row.id,
      reference: row.reference,
      name: row.name,
      price: row.price,
      active: row.active === 1,
      storeUpdatedAt: row.external_updated_at,
    }));
  }

  async orders(
    storeId: number,
    query: BoundReadQuery & {
      readonly stateIds?: readonly number[];
      readonly customerExternalId?: number;
    },
  ): Promise<BoundOrder[]> {
    const kind = this.#ctx.engine.kind;
    let select = this.#ctx.db
      .selectFrom('bindings as b')
      .innerJoin('orders as o', 'o.id', 'b.local_id')
      .leftJoin('bindings as c', (join) =>
        join
          .onRef('c.local_id', '=', 'o.customer_id')
          .on('c.store_id', '=', storeId)
          .on('c.resource', '=', 'customers'),
      )
      .select([
        'b.external_id',
        'o.id',
        'o.reference',
        'c.external_id as customer_external_id',
        'o.store_state_id',
        'o.currency',
        'o.total_paid_tax_incl',
        'o.total_paid_tax_excl',
        'o.placed_at',
        'o.store_updated_at',
      ])
      .where('o.store_id', '=', storeId)
      .where(this.#bound(storeId, 'orders', query, 'o.store_updated_at'));
    if (query.stateIds !== undefined) select = select.where(inList(kind, 'o.store_state_id', query.stateIds));
    if (query.customerExternalId !== undefined)
      select = select.where('c.external_id', '=', String(query.customerExternalId));
    const rows = await select
      .orderBy(STORE_ID)
      .limit(query.limit ?? DEFAULT_LIMIT)
      .execute();
    const lines = await this.#orderLines(
      storeId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      externalId: Number(row.external_id),
      orderId: row.id,
      reference: row.reference,
      customerExternalId: row.customer_external_id === null ? null : Number(row.customer_external_id),
      storeStateId: row.store_state_id,
      currency: row.currency,
      totalPaidTaxIncl: row.total_paid_tax_incl,
      totalPaidTaxExcl: row.total_paid_tax_excl,
      placedAt: row.placed_at,
      storeUpdatedAt: row.store_updated_at,
      lines: lines.get(row.id) ?? [],
    }));
  }

  async customers(
    storeId: number,
    query: BoundReadQuery & { readonly email?: string; readonly active?: boolean },
  ): Promise<BoundCustomer[]> {
    let select = this.#ctx.db
      .selectFrom('bindings as b')
      .innerJoin('customers as cu', 'cu.id', 'b.local_id')
      .select([
        'b.external_id',
        'b.external_updated_at',
        'cu.id',
        'cu.email',
        'cu.first_name',
        'cu.last_name',
        'cu.active',
        'cu.newsletter',
      ])
      .where(this.#bound(storeId, 'customers', query, 'b.external_updated_at'));
    const email = query.email?.toLowerCase();
    if (email !== undefined) select = select.where((eb) => eb(eb.fn('lower', ['cu.email']), '=', email));
    if (query.active !== undefined) select = select.where('cu.active', '=', query.active ? 1 : 0);
    const rows = await select
      .orderBy(STORE_ID)
      .limit(query.limit ?? DEFAULT_LIMIT)
      .execute();
    return rows.map((row) => ({
      externalId: Number(row.external_id),
      customerId: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      active: row.active === 1,
      newsletter: row.newsletter === 1,
      storeUpdatedAt: row.external_updated_at,
    }));
  }

  /** The live bindings of one store and resource, with the cursor, the id and the date window. */
  #bound(storeId: number, resource: BindingScope, query: BoundReadQuery, updatedColumn: string) {
    const conditions: RawBuilder<SqlBool>[] = [
      sql<SqlBool>`${sql.ref('b.store_id')} = ${storeId}`,
      sql<SqlBool>`${sql.ref('b.resource')} = ${resource}`,
      sql<SqlBool>`${sql.ref('b.deleted_at')} is null`,
    ];
    if (query.afterExternalId !== undefined)
      conditions.push(sql<SqlBool>`${STORE_ID} > ${query.afterExternalId}`);
    if (query.externalId !== undefined)
      conditions.push(sql<SqlBool>`${sql.ref('b.external_id')} = ${String(query.externalId)}`);
    if (query.updatedFrom !== undefined)
      conditions.push(sql<SqlBool>`${sql.ref(updatedColumn)} >= ${query.updatedFrom}`);
    if (query.updatedTo !== undefined)
      conditions.push(sql<SqlBool>`${sql.ref(updatedColumn)} <= ${query.updatedTo}`);
    return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
  }

  async #orderLines(storeId: number, orderIds: readonly number[]): Promise<Map<number, BoundOrderLine[]>> {
    const byOrder = new Map<number, BoundOrderLine[]>();
    if (orderIds.length === 0) return byOrder;
    const rows = await this.#ctx.db
      .selectFrom('order_lines as l')
      .leftJoin('bindings as v', (join) =>
        join
          .onRef('v.local_id', '=', 'l.variant_id')
          .on('v.store_id', '=', storeId)
          .on('v.resource', '=', 'variants'),
      )
      .select([
        'l.order_id',
        'l.sku',
        'l.name',
        'l.quantity',
        'l.unit_price_tax_excl',
        'l.unit_price_tax_incl',
        'v.external_id as variant_external_id',
      ])
      .where(inList(this.#ctx.engine.kind, 'l.order_id', orderIds))
      .where('l.kind', '=', 'product')
      .orderBy('l.order_id')
      .orderBy('l.line_no')
      .execute();
    for (const row of rows) {
      const [product, combination] = (row.variant_external_id ?? '').split(':').map(Number);
      const line: BoundOrderLine = {
        productExternalId: Number.isInteger(product) && product !== undefined && product > 0 ? product : null,
        combinationExternalId:
          row.variant_external_id === null || combination === undefined || !Number.isInteger(combination)
            ? null
            : combination,
        sku: row.sku,
        name: row.name,
        quantity: row.quantity,
        unitPriceTaxExcl: row.unit_price_tax_excl,
        unitPriceTaxIncl: row.unit_price_tax_incl,
      };
      byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), line]);
    }
    return byOrder;
  }
}
