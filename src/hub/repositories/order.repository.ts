import { type Kysely, sql, type SqlBool } from 'kysely';

import { bulkInsert, chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { hashText } from '../content-hash.js';
import { Decimal, toStoredDecimal, toStoredDecimalOrNull } from '../decimal.js';
import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';
import type { DbOrder, HubDatabase } from '../schema/hub-database.js';
import { parseSettings } from '../settings/validate-settings.js';
import { storeLocalToInstant } from '../store-time.js';
import { resolveBindings, upsertBindings } from './binding.repository.js';
import { planBoundUpsert } from './bound-upsert.js';
import type { UpsertedItem } from './catalog.types.js';
import { appendEvents } from './event.repository.js';
import type {
  HubOrderStatus,
  Order,
  OrderAddress,
  OrderLine,
  OrderLineKind,
  OrderListQuery,
  OrderRecord,
  OrderRetry,
  OrderStanding,
  OrderSummary,
  OrderUpsertResult,
  Shipment,
} from './order.types.js';
import { HUB_ORDER_STATUSES, RESERVING_STATUSES } from './order.types.js';
import { importedOrderEvents, ordersBefore, orderStatusEvents } from './order-events.js';
import { enqueueOutbox } from './outbox.repository.js';
import { orderStockVariants, queueOrderStockUpdates, queueSellableUpdates } from './stock-sellable.js';

const ORDER_COLUMNS_UPDATED_ON_IMPORT = [
  'reference',
  'customer_id',
  'billing_address',
  'delivery_address',
  'currency',
  'payment_module',
  'payment_label',
  'payment_method_id',
  'carrier_id',
  'shipping_method_id',
  'total_products_tax_excl',
  'total_products_tax_incl',
  'total_shipping_tax_excl',
  'total_shipping_tax_incl',
  'total_discounts_tax_excl',
  'total_discounts_tax_incl',
  'total_paid_tax_excl',
  'total_paid_tax_incl',
  'total_paid',
  'totals_mismatch',
  'store_state_id',
  'placed_at',
  'placed_at_local',
  'store_updated_at',
  'store_updated_at_local',
  'note',
  'content_hash',
  'updated_at',
] as const;

const LINE_COLUMNS_UPDATED_ON_IMPORT = [
  'kind',
  'variant_id',
  'sku',
  'name',
  'quantity',
  'unit_price_tax_excl',
  'unit_price_tax_incl',
  'discount_tax_excl',
  'discount_tax_incl',
  'tax_rate',
] as const;

const LINE_KINDS: readonly OrderLineKind[] = ['product', 'shipping', 'discount'];

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function addressJson(address: OrderAddress): string {
  return JSON.stringify({
    firstName: address.firstName,
    lastName: address.lastName,
    company: text(address.company),
    address1: address.address1,
    address2: text(address.address2),
    postcode: text(address.postcode),
    city: address.city,
    state: text(address.state),
    countryIso: text(address.countryIso),
    phone: text(address.phone),
    phoneMobile: text(address.phoneMobile),
    vatNumber: text(address.vatNumber),
  });
}

/** A difference of a cent or more after rounding to cents. */
function differs(a: Decimal, b: Decimal): boolean {
  return !a.round(2).eq(b.round(2));
}

interface NormalizedOrder {
  readonly record: OrderRecord;
  readonly externalId: string;
  readonly externalUpdatedAt: string | null;
  readonly hash: string;
  readonly columns: Record<string, unknown>;
  readonly lines: readonly Record<string, unknown>[];
  readonly mismatch: boolean;
}

function normalizeOrder(record: OrderRecord, timeZone: string): NormalizedOrder {
  const externalId = String(record.externalId);
  const fail = (problem: string): never => {
    throw new InvalidRecordError(`order ${externalId}: ${problem}`);
  };
  try {
    const placedAt = storeLocalToInstant(record.placedAt, timeZone) ?? fail('the order date is empty');
    const updatedLocal = text(record.updatedAt);
    const updatedAt = updatedLocal === null ? null : storeLocalToInstant(updatedLocal, timeZone);
    const t = record.totals;
    const totals = {
      total_products_tax_excl: toStoredDecimal(t.productsTaxExcl),
      total_products_tax_incl: toStoredDecimal(t.productsTaxIncl),
      total_shipping_tax_excl: toStoredDecimal(t.shippingTaxExcl),
      total_shipping_tax_incl: toStoredDecimal(t.shippingTaxIncl),
      total_discounts_tax_excl: toStoredDecimal(t.discountsTaxExcl),
      total_discounts_tax_incl: toStoredDecimal(t.discountsTaxIncl),
      total_paid_tax_excl: toStoredDecimal(t.paidTaxExcl),
      total_paid_tax_incl: toStoredDecimal(t.paidTaxIncl),
      total_paid: toStoredDecimal(t.paid),
    };
    const lines = record.lines.map((line, index) => {
      const kind = line.kind ?? 'product';
      if (!LINE_KINDS.includes(kind)) fail(`line ${index + 1}: kind must be product, shipping or discount`);
      if (!Number.isInteger(line.quantity) || line.quantity < 0) {
        fail(`line ${index + 1}: quantity must be a whole number ≥ 0, got ${line.quantity}`);
      }
      return {
        line_no: index + 1,
        kind,
        variantExternalId: line.variantExternalId == null ? null : String(line.variantExternalId),
        variantId: line.variantId ?? null,
        sku: text(line.sku),
        name: line.name,
        quantity: line.quantity,
        unit_price_tax_excl: toStoredDecimal(line.unitPriceTaxExcl),
        unit_price_tax_incl: toStoredDecimal(line.unitPriceTaxIncl),
        discount_tax_excl: toStoredDecimal(line.discountTaxExcl ?? 0),
        discount_tax_incl: toStoredDecimal(line.discountTaxIncl ?? 0),
        tax_rate: toStoredDecimalOrNull(line.taxRate),
      };
    });
    // The store's totals are kept as sent; a recomputation from the lines only raises a flag (unless
    // the caller checked them already).
    const productsIncl = (): Decimal =>
      Decimal.sum(
        lines
          .filter((line) => line.kind === 'product')
          .map((line) => Decimal.from(line.unit_price_tax_incl).mul(line.quantity)),
      );
    const mismatch =
      record.totalsMismatch ??
      (differs(productsIncl(), Decimal.from(totals.total_products_tax_incl)) ||
        differs(
          Decimal.from(totals.total_products_tax_incl)
            .add(totals.total_shipping_tax_incl)
            .sub(totals.total_discounts_tax_incl),
          Decimal.from(totals.total_paid_tax_incl),
        ));
    const currency = text(record.currency)?.toUpperCase() ?? fail('the currency is empty');
    const columns = {
      reference: text(record.reference),
      billing_address: addressJson(record.billingAddress),
      delivery_address: addressJson(record.deliveryAddress),
      currency,
      payment_module: text(record.paymentModule),
      payment_label: text(record.paymentLabel),
      carrier_id: record.carrierId == null ? null : String(record.carrierId),
      ...totals,
      totals_mismatch: mismatch ? 1 : 0,
      store_state_id: record.storeStateId ?? null,
      placed_at: placedAt,
      placed_at_local: record.placedAt.trim(),
      store_updated_at: updatedAt,
      store_updated_at_local: updatedLocal,
      note: text(record.note),
    };
    const hash = hashText(
      JSON.stringify([
        columns,
        record.customerExternalId ?? null,
        record.paymentMethod ?? null,
        record.shippingMethod ?? null,
        lines,
        record.stateHistory ?? [],
        record.messages ?? [],
      ]),
    );
    return { record, externalId, externalUpdatedAt: updatedAt, hash, columns, lines, mismatch };
  } catch (error) {
    if (error instanceof InvalidRecordError && error.message.startsWith(`order ${externalId}:`)) throw error;
    return fail((error as Error).message);
  }
}

function toSummary(
  row: DbOrder,
  externalId: string | null,
  customerName: string | null,
  lineCount: number,
): OrderSummary {
  return {
    id: row.id,
    storeId: row.store_id,
    externalId,
    reference: row.reference,
    customerId: row.customer_id,
    customerName,
    currency: row.currency,
    totalPaidTaxIncl: row.total_paid_tax_incl,
    totalsMismatch: row.totals_mismatch === 1,
    lineCount,
    storeStateId: row.store_state_id,
    hubStatus: row.hub_status as HubOrderStatus,
    placedAt: { local: row.placed_at_local, instant: row.placed_at },
  };
}

/**
 * Orders with lines, totals, messages, state history and the hub's own status. An order is imported
 * exactly once per store, even by two concurrent runs: its binding is the guard.
 *
 * @example
 * await hub.transaction(async (tx) => {
 *   const result = await tx.orders.upsertOrders(storeId, page);
 *   await tx.watermarks.set(storeId, 'import-orders', { lastId: Number(page.at(-1)!.externalId) });
 * });
 */
export class OrderRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async upsertOrders(storeId: number, records: readonly OrderRecord[]): Promise<OrderUpsertResult> {
    if (records.length === 0)
      return { items: [], counts: { created: 0, updated: 0, unchanged: 0 }, totalsMismatches: [] };
    return write(this.#ctx, async (db) => {
      const store = await db
        .selectFrom('stores')
        .select('time_zone')
        .where('id', '=', storeId)
        .executeTakeFirst();
      if (!store) throw new NotFoundError(`No store with id ${storeId}.`);
      const orders = [
        ...new Map(
          records.map((r) => normalizeOrder(r, store.time_zone)).map((o) => [o.externalId, o]),
        ).values(),
      ];
      const byId = new Map(orders.map((order) => [order.externalId, order]));
      const plan = await planBoundUpsert(
        this.#ctx,
        db,
        storeId,
        'orders',
        'orders',
        [...byId.keys()],
        (externalId) => ({
          externalUpdatedAt: byId.get(externalId)?.externalUpdatedAt ?? null,
          contentHash: byId.get(externalId)?.hash ?? null,
        }),
      );

      const items: UpsertedItem[] = [];
      const changed: { order: NormalizedOrder; id: number; created: boolean }[] = [];
      for (const order of orders) {
        const created = plan.created.get(order.externalId);
        const binding = plan.existing.get(order.externalId);
        const id = created ?? binding?.localId ?? 0;
        if (created === undefined && binding?.contentHash === order.hash) {
          items.push({ externalId: order.externalId, localId: id, outcome: 'unchanged' });
          continue;
        }
        items.push({
          externalId: order.externalId,
          localId: id,
          outcome: created === undefined ? 'updated' : 'created',
        });
        changed.push({ order, id, created: created !== undefined });
      }
      if (changed.length > 0) {
        // Lines of reserving orders are reservations: the variants they name before and after the
        // write get their new sellable quantities queued, in this transaction.
        const before = await orderStockVariants(
          this.#ctx,
          db,
          changed.filter((entry) => !entry.created).map((entry) => entry.id),
          { reservingOnly: true },
        );
        const previous = await ordersBefore(
          this.#ctx,
          db,
          changed.filter((entry) => !entry.created).map((entry) => entry.id),
        );
        await this.#writeOrders(db, storeId, store.time_zone, changed);
        await appendEvents(
          this.#ctx,
          db,
          importedOrderEvents(
            storeId,
            changed.map(({ order, id, created }) => ({
              id,
              created,
              externalId: order.externalId,
              customerExternalId:
                order.record.customerExternalId == null ? null : String(order.record.customerExternalId),
              initialStatus: order.record.initialStatus ?? 'pending_approval',
              columns: order.columns,
              lines: order.lines,
            })),
            previous,
          ),
        );
        const after = await orderStockVariants(
          this.#ctx,
          db,
          changed.map((entry) => entry.id),
          { reservingOnly: true },
        );
        await queueSellableUpdates(this.#ctx, db, [...before, ...after]);
      }
      const counts = { created: 0, updated: 0, unchanged: 0 };
      for (const item of items) counts[item.outcome] += 1;
      return {
        items,
        counts,
        totalsMismatches: orders.filter((order) => order.mismatch).map((order) => order.externalId),
      };
    });
  }

  /** The id of the store's `defaults.salesLocation`, which imported orders are taken at; null when unset. */
  async #salesLocationId(db: Kysely<HubDatabase>, storeId: number): Promise<number | null> {
    const store = await db
      .selectFrom('stores')
      .select('settings')
      .where('id', '=', storeId)
      .executeTakeFirst();
    const code = store ? parseSettings(parseJson<unknown>(store.settings, {})).defaults.salesLocation : null;
    if (code === null) return null;
    const location = await db
      .selectFrom('locations')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst();
    return location?.id ?? null;
  }

  async #writeOrders(
    db: Kysely<HubDatabase>,
    storeId: number,
    timeZone: string,
    changed: readonly { order: NormalizedOrder; id: number; created: boolean }[],
  ): Promise<void> {
    const kind = this.#ctx.engine.kind;
    const now = nowIso(this.#ctx);
    const records = changed.map(({ order }) => order.record);
    const codes = async (
      table: 'payment_methods' | 'shipping_methods',
      wanted: (string | null | undefined)[],
      label: string,
    ) => {
      const unique = [
        ...new Set(wanted.filter((code): code is string => typeof code === 'string' && code !== '')),
      ];
      const rows =
        unique.length === 0
          ? []
          : await db
              .selectFrom(table)
              .select(['id', 'code'])
              .where(inList(kind, 'code', unique))
              .execute();
      const ids = new Map(rows.map((row) => [row.code, row.id]));
      const missing = unique.find((code) => !ids.has(code));
      if (missing !== undefined) {
        throw new InvalidRecordError(
          `no ${label} with code '${missing}': create it in the hub's master data or fix the store's mapping.`,
        );
      }
      return ids;
    };
    const paymentIds = await codes(
      'payment_methods',
      records.map((r) => r.paymentMethod),
      'payment method',
    );
    const shippingIds = await codes(
      'shipping_methods',
      records.map((r) => r.shippingMethod),
      'shipping method',
    );
    const salesLocationId = await this.#salesLocationId(db, storeId);
    const customers = await resolveBindings(
      this.#ctx,
      db,
      storeId,
      'customers',
      records.flatMap((r) => (r.customerExternalId == null ? [] : [r.customerExternalId])),
    );
    const variants = await resolveBindings(
      this.#ctx,
      db,
      storeId,
      'variants',
      changed.flatMap(({ order }) =>
        order.lines.flatMap((line) =>
          line.variantExternalId == null ? [] : [line.variantExternalId as string],
        ),
      ),
    );

    const orderRows = changed.map(({ order, id }) => ({
      id,
      store_id: storeId,
      customer_id:
        order.record.customerExternalId == null
          ? null
          : (customers.get(String(order.record.customerExternalId))?.localId ?? null),
      payment_method_id: order.record.paymentMethod
        ? (paymentIds.get(order.record.paymentMethod) ?? null)
        : null,
      shipping_method_id: order.record.shippingMethod
        ? (shippingIds.get(order.record.shippingMethod) ?? null)
        : null,
      // Set when the order is first imported (an update leaves it: not in the columns updated on import).
      sales_location_id: salesLocationId,
      ...order.columns,
      hub_status: order.record.initialStatus ?? 'pending_approval',
      content_hash: order.hash,
      created_at: now,
      updated_at: now,
    }));
    await bulkInsert(db, this.#ctx.engine, 'orders', orderRows, {
      conflict: ['id'],
      update: ORDER_COLUMNS_UPDATED_ON_IMPORT,
    });

    const lineRows = changed.flatMap(({ order, id }) =>
      order.lines.map(({ variantExternalId, variantId, ...line }) => ({
        order_id: id,
        ...line,
        variant_id:
          variantId ??
          (variantExternalId === null ? null : (variants.get(variantExternalId as string)?.localId ?? null)),
        quantity_shipped: 0,
      })),
    );
    await bulkInsert(db, this.#ctx.engine, 'order_lines', lineRows, {
      conflict: ['order_id', 'line_no'],
      update: LINE_COLUMNS_UPDATED_ON_IMPORT,
    });
    for (const { order, id } of changed.filter((entry) => !entry.created)) {
      await db
        .deleteFrom('order_lines')
        .where('order_id', '=', id)
        .where('line_no', '>', order.lines.length)
        .execute();
    }

    const history = changed.flatMap(({ order, id }) =>
      (order.record.stateHistory ?? []).map((entry) => ({
        order_id: id,
        external_id: String(entry.externalId),
        state_id: entry.stateId,
        state_name: entry.stateName ?? null,
        changed_at: storeLocalToInstant(entry.changedAt, timeZone) ?? now,
        changed_at_local: entry.changedAt,
      })),
    );
    await bulkInsert(db, this.#ctx.engine, 'order_state_history', history, {
      conflict: ['order_id', 'external_id'],
    });
    const messages = changed.flatMap(({ order, id }) =>
      (order.record.messages ?? []).map((message) => ({
        order_id: id,
        external_id: String(message.externalId),
        author: message.author,
        body: message.body,
        private: message.private ? 1 : 0,
        written_at: storeLocalToInstant(message.writtenAt, timeZone) ?? now,
      })),
    );
    await bulkInsert(db, this.#ctx.engine, 'order_messages', messages, {
      conflict: ['order_id', 'external_id'],
    });

    await upsertBindings(
      this.#ctx,
      db,
      storeId,
      'orders',
      changed
        .filter((entry) => !entry.created)
        .map(({ order, id }) => ({
          externalId: order.externalId,
          localId: id,
          externalUpdatedAt: order.externalUpdatedAt,
          contentHash: order.hash,
        })),
    );
  }

  /** The order with lines, messages, history and shipments; {@link NotFoundError} if there is none. */
  async get(orderId: number): Promise<Order> {
    const db = this.#ctx.db;
    const row = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
    if (!row)
      throw new NotFoundError(`No order with id ${orderId}. \`prestabridge orders list\` shows the orders.`);
    const [lines, messages, history, shipments, binding, customer, payment, shipping, salesLocation] =
      await Promise.all([
        // A line shows its variant's SKU (unique in the hub; the store's reference may be shared).
        db
          .selectFrom('order_lines as l')
          .leftJoin('variants as v', 'v.id', 'l.variant_id')
          .selectAll('l')
          .select('v.sku as variant_sku')
          .where('l.order_id', '=', orderId)
          .orderBy('l.line_no')
          .execute(),
        db
          .selectFrom('order_messages')
          .selectAll()
          .where('order_id', '=', orderId)
          .orderBy('written_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('order_state_history')
          .selectAll()
          .where('order_id', '=', orderId)
          .orderBy('changed_at')
          .orderBy('id')
          .execute(),
        this.shipments(orderId),
        db
          .selectFrom('bindings')
          .select('external_id')
          .where('resource', '=', 'orders')
          .where('local_id', '=', orderId)
          .where('store_id', '=', row.store_id)
          .executeTakeFirst(),
        row.customer_id === null
          ? undefined
          : db
              .selectFrom('customers')
              .select(['first_name', 'last_name'])
              .where('id', '=', row.customer_id)
              .executeTakeFirst(),
        row.payment_method_id === null
          ? undefined
          : db
              .selectFrom('payment_methods')
              .select('code')
              .where('id', '=', row.payment_method_id)
              .executeTakeFirst(),
        row.shipping_method_id === null
          ? undefined
          : db
              .selectFrom('shipping_methods')
              .select('code')
              .where('id', '=', row.shipping_method_id)
              .executeTakeFirst(),
        row.sales_location_id === null
          ? undefined
          : db
              .selectFrom('locations')
              .select('code')
              .where('id', '=', row.sales_location_id)
              .executeTakeFirst(),
      ]);
    return {
      ...toSummary(
        row,
        binding?.external_id ?? null,
        customer ? `${customer.first_name} ${customer.last_name}` : null,
        lines.filter((line) => line.kind === 'product').length,
      ),
      billingAddress: parseJson<OrderAddress>(row.billing_address, {
        firstName: '',
        lastName: '',
        address1: '',
        city: '',
      }),
      deliveryAddress: parseJson<OrderAddress>(row.delivery_address, {
        firstName: '',
        lastName: '',
        address1: '',
        city: '',
      }),
      paymentModule: row.payment_module,
      paymentLabel: row.payment_label,
      paymentMethod: payment?.code ?? null,
      carrierId: row.carrier_id,
      shippingMethod: shipping?.code ?? null,
      salesLocation: salesLocation?.code ?? null,
      totals: {
        productsTaxExcl: row.total_products_tax_excl,
        productsTaxIncl: row.total_products_tax_incl,
        shippingTaxExcl: row.total_shipping_tax_excl,
        shippingTaxIncl: row.total_shipping_tax_incl,
        discountsTaxExcl: row.total_discounts_tax_excl,
        discountsTaxIncl: row.total_discounts_tax_incl,
        paidTaxExcl: row.total_paid_tax_excl,
        paidTaxIncl: row.total_paid_tax_incl,
        paid: row.total_paid,
      },
      note: row.note,
      storeUpdatedAt:
        row.store_updated_at === null
          ? null
          : { local: row.store_updated_at_local ?? '', instant: row.store_updated_at },
      lines: lines.map((line): OrderLine => ({
        id: line.id,
        lineNo: line.line_no,
        kind: line.kind as OrderLineKind,
        variantId: line.variant_id,
        sku: line.variant_sku ?? line.sku,
        name: line.name,
        quantity: line.quantity,
        quantityShipped: line.quantity_shipped,
        unitPriceTaxExcl: line.unit_price_tax_excl,
        unitPriceTaxIncl: line.unit_price_tax_incl,
        discountTaxExcl: line.discount_tax_excl,
        discountTaxIncl: line.discount_tax_incl,
        taxRate: line.tax_rate,
      })),
      messages: messages.map((message) => ({
        author: message.author,
        body: message.body,
        private: message.private === 1,
        writtenAt: message.written_at,
      })),
      stateHistory: history.map((entry) => ({
        stateId: entry.state_id,
        stateName: entry.state_name,
        changedAt: entry.changed_at,
        changedAtLocal: entry.changed_at_local,
      })),
      shipments,
    };
  }

  /** The hub's order for a store order id, if imported. */
  async findByExternalId(storeId: number, externalId: string | number): Promise<Order | undefined> {
    const binding = (await resolveBindings(this.#ctx, this.#ctx.db, storeId, 'orders', [externalId])).get(
      String(externalId),
    );
    return binding ? this.get(binding.localId) : undefined;
  }

  /**
   * Where these store orders stand in the hub (those imported), by store order id: what update and
   * retry feeds need to decide, in one query per {@link IDS_PER_QUERY} ids.
   */
  async standings(
    storeId: number,
    externalIds: readonly (string | number)[],
  ): Promise<Map<string, OrderStanding>> {
    const result = new Map<string, OrderStanding>();
    const kind = this.#ctx.engine.kind;
    for (const chunk of chunked([...new Set(externalIds.map(String))], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('bindings as b')
        .innerJoin('orders as o', 'o.id', 'b.local_id')
        .select(['b.external_id', 'o.id', 'o.hub_status', 'o.store_state_id'])
        .where('b.store_id', '=', storeId)
        .where('b.resource', '=', 'orders')
        .where(inList(kind, 'b.external_id', chunk))
        .execute();
      for (const row of rows) {
        result.set(row.external_id, {
          orderId: row.id,
          hubStatus: row.hub_status as HubOrderStatus,
          storeStateId: row.store_state_id,
        });
      }
    }
    return result;
  }

  /** `orders list`: newest first, filtered by store and hub status; page with `beforeId`. */
  async list(query: OrderListQuery = {}): Promise<OrderSummary[]> {
    let select = this.#ctx.db
      .selectFrom('orders as o')
      .leftJoin('customers as c', 'c.id', 'o.customer_id')
      .leftJoin('bindings as b', (join) =>
        join
          .onRef('b.local_id', '=', 'o.id')
          .onRef('b.store_id', '=', 'o.store_id')
          .on('b.resource', '=', 'orders'),
      )
      .selectAll('o')
      .select(['b.external_id', 'c.first_name', 'c.last_name'])
      .select((eb) =>
        eb
          .selectFrom('order_lines as l')
          .select(eb.fn.countAll<number>().as('count'))
          .whereRef('l.order_id', '=', 'o.id')
          .where('l.kind', '=', 'product')
          .as('line_count'),
      );
    if (query.storeId !== undefined) select = select.where('o.store_id', '=', query.storeId);
    if (query.status !== undefined) select = select.where('o.hub_status', '=', query.status);
    if (query.storeStateId !== undefined) select = select.where('o.store_state_id', '=', query.storeStateId);
    if (query.placedFrom !== undefined) select = select.where('o.placed_at', '>=', query.placedFrom);
    if (query.placedTo !== undefined) select = select.where('o.placed_at', '<', query.placedTo);
    if (query.updatedFrom !== undefined) select = select.where('o.store_updated_at', '>=', query.updatedFrom);
    if (query.updatedTo !== undefined) select = select.where('o.store_updated_at', '<', query.updatedTo);
    if (query.reference !== undefined) select = select.where('o.reference', '=', query.reference);
    if (query.customer !== undefined) {
      const customer = query.customer.trim();
      if (/^\d+$/.test(customer)) select = select.where('o.customer_id', '=', Number(customer));
      else {
        // A set of customers first (an index on e-mail; names are few next to orders), then their orders.
        const lowered = customer.toLowerCase();
        const pattern = `${lowered.replace(/[\\%_]/g, '\\$&')}%`;
        select = select.where('o.customer_id', 'in', (eb) =>
          eb
            .selectFrom('customers as k')
            .select('k.id')
            .where(
              customer.includes('@')
                ? sql<SqlBool>`k.email = ${customer}`
                : sql<SqlBool>`lower(k.last_name) like ${pattern} escape '\\'`,
            ),
        );
      }
    }
    // Keyset paging on the id: a deep page costs what the first one does.
    if (query.beforeId !== undefined) select = select.where('o.id', '<', query.beforeId);
    const rows = await select
      .orderBy(narrowsOnItsOwn(query, this.#ctx.engine.kind) ? sql`o.id + 0` : sql`o.id`, 'desc')
      .limit(query.limit ?? 50)
      .execute();
    return rows.map((row) =>
      toSummary(
        row,
        row.external_id,
        row.first_name === null ? null : `${row.first_name} ${row.last_name ?? ''}`.trim(),
        Number(row.line_count ?? 0),
      ),
    );
  }

  /**
   * Moves orders to a hub status; with `from`, only orders currently in one of those statuses move.
   * Orders that start or stop reserving stock (cancellation, shipment; approval changes no
   * reservation) queue the stores' new sellable quantities in the same transaction.
   * @returns how many orders changed.
   */
  async setStatus(
    orderIds: readonly number[],
    status: HubOrderStatus,
    options: { from?: readonly HubOrderStatus[] } = {},
  ): Promise<number> {
    if (!HUB_ORDER_STATUSES.includes(status))
      throw new InvalidRecordError(`'${status}' is not an order status (${HUB_ORDER_STATUSES.join(', ')}).`);
    if (orderIds.length === 0) return 0;
    const reserves = (value: string): boolean => (RESERVING_STATUSES as readonly string[]).includes(value);
    return write(this.#ctx, async (db) => {
      let total = 0;
      // Orders that start or stop reserving stock: cancellation releases (approval changes nothing).
      const moved: number[] = [];
      const statusChanged: { id: number; from: string }[] = [];
      for (const chunk of chunked([...orderIds], IDS_PER_QUERY)) {
        let current = db
          .selectFrom('orders')
          .select(['id', 'hub_status'])
          .where(inList(this.#ctx.engine.kind, 'id', chunk))
          .where('hub_status', '!=', status);
        if (options.from !== undefined) current = current.where('hub_status', 'in', options.from);
        if (this.#ctx.engine.kind === 'postgres') current = current.forUpdate();
        const rows = await current.execute();
        if (rows.length === 0) continue;
        await db
          .updateTable('orders')
          .set({ hub_status: status, updated_at: nowIso(this.#ctx) })
          .where(
            inList(
              this.#ctx.engine.kind,
              'id',
              rows.map((row) => row.id),
            ),
          )
          .execute();
        total += rows.length;
        statusChanged.push(...rows.map((row) => ({ id: row.id, from: row.hub_status })));
        moved.push(
          ...rows.filter((row) => reserves(row.hub_status) !== reserves(status)).map((row) => row.id),
        );
      }
      await queueOrderStockUpdates(this.#ctx, db, moved);
      await appendEvents(this.#ctx, db, await orderStatusEvents(this.#ctx, db, statusChanged, status));
      return total;
    });
  }

  /** Approves orders waiting for approval (their lines reserve stock already: no stock change). */
  approve(orderIds: readonly number[]): Promise<number> {
    return this.setStatus(orderIds, 'approved', { from: ['pending_approval'] });
  }

  /**
   * Asks for an order's store state to change (queued in the outbox, in the caller's transaction).
   * The store is told through `order_histories`; `sendEmail` notifies the customer.
   */
  async requestStoreState(
    orderId: number,
    stateId: number,
    options: { sendEmail?: boolean } = {},
  ): Promise<void> {
    await write(this.#ctx, async (db) => {
      const order = await db
        .selectFrom('orders')
        .select(['id', 'store_id'])
        .where('id', '=', orderId)
        .executeTakeFirst();
      if (!order) throw new NotFoundError(`No order with id ${orderId}.`);
      const binding = await db
        .selectFrom('bindings')
        .select('external_id')
        .where('store_id', '=', order.store_id)
        .where('resource', '=', 'orders')
        .where('local_id', '=', orderId)
        .executeTakeFirst();
      if (!binding)
        throw new InvalidRecordError(
          `Order ${orderId} is not bound to a store order: its store state cannot change.`,
        );
      await enqueueOutbox(this.#ctx, db, [
        {
          storeId: order.store_id,
          kind: 'order_state',
          target: `order:${binding.external_id}`,
          payload: { orderId: binding.external_id, stateId, sendEmail: options.sendEmail ?? false },
        },
      ]);
    });
  }

  async shipments(orderId: number): Promise<Shipment[]> {
    const rows = await this.#ctx.db
      .selectFrom('shipments')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
    if (rows.length === 0) return [];
    const lines = await this.#ctx.db
      .selectFrom('shipment_lines')
      .selectAll()
      .where(
        inList(
          this.#ctx.engine.kind,
          'shipment_id',
          rows.map((row) => row.id),
        ),
      )
      .orderBy('order_line_id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orderId: row.order_id,
      carrier: row.carrier,
      trackingNumber: row.tracking_number,
      trackingUrl: row.tracking_url,
      complete: row.complete === 1,
      shippedAt: row.shipped_at,
      lines: lines
        .filter((line) => line.shipment_id === row.id)
        .map((line) => ({ orderLineId: line.order_line_id, quantity: line.quantity })),
    }));
  }

  /** Remembers a store order to check again later (its state was a `retry` state). */
  async rememberRetry(
    storeId: number,
    externalOrderId: string | number,
    stateId: number,
    nextCheckAt: Date,
  ): Promise<void> {
    const now = nowIso(this.#ctx);
    await write(this.#ctx, (db) =>
      bulkInsert(
        db,
        this.#ctx.engine,
        'order_retries',
        [
          {
            store_id: storeId,
            external_order_id: String(externalOrderId),
            state_id: stateId,
            attempts: 1,
            next_check_at: nextCheckAt.toISOString(),
            created_at: now,
          },
        ],
        {
          conflict: ['store_id', 'external_order_id'],
          update: ['state_id', 'next_check_at'],
          updateRaw: ['"attempts" = "order_retries"."attempts" + 1'],
        },
      ),
    );
  }

  /** Retries due now (or at `at`), oldest first. */
  async dueRetries(storeId: number, options: { at?: Date; limit?: number } = {}): Promise<OrderRetry[]> {
    const rows = await this.#ctx.db
      .selectFrom('order_retries')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('next_check_at', '<=', (options.at ?? this.#ctx.clock()).toISOString())
      .orderBy('next_check_at')
      .limit(options.limit ?? 500)
      .execute();
    return rows.map((row) => ({
      storeId: row.store_id,
      externalOrderId: row.external_order_id,
      stateId: row.state_id,
      attempts: row.attempts,
      nextCheckAt: row.next_check_at,
    }));
  }

  async forgetRetries(storeId: number, externalOrderIds: readonly (string | number)[]): Promise<void> {
    if (externalOrderIds.length === 0) return;
    await write(this.#ctx, (db) =>
      db
        .deleteFrom('order_retries')
        .where('store_id', '=', storeId)
        .where(inList(this.#ctx.engine.kind, 'external_order_id', externalOrderIds.map(String)))
        .execute(),
    );
  }
}

/** Windows up to this long are found through their own index on PostgreSQL (see {@link narrowsOnItsOwn}). */
const NARROW_WINDOW_MS = 31 * 86_400_000;

/**
 * Whether PostgreSQL should find a list's orders through its filter's own index (a placed or
 * updated window of at most a month, a customer's name) and sort those few, rather than walk the
 * id index newest first testing each order: with 1,000,000 orders it chose the walk, and a day two
 * years back took 1.9 s (bench/orders-list). `o.id + 0` in the sort hides the id index from it.
 * A wide or open window keeps the walk: sorting half the orders took 600 ms where the walk finds
 * the newest matches at once. SQLite's planner already picks well.
 */
function narrowsOnItsOwn(query: OrderListQuery, engine: 'sqlite' | 'postgres'): boolean {
  if (engine !== 'postgres') return false;
  const narrow = (from: string | undefined, to: string | undefined): boolean =>
    from !== undefined && to !== undefined && Date.parse(to) - Date.parse(from) <= NARROW_WINDOW_MS;
  const customerName = query.customer !== undefined && !/^\d+$/.test(query.customer.trim());
  return (
    narrow(query.placedFrom, query.placedTo) || narrow(query.updatedFrom, query.updatedTo) || customerName
  );
}
