import { type EmulatorStore, textOf } from '../../../../src/emulator/index.js';
import { Decimal, type Hub, type Order } from '../../../../src/hub/index.js';

/** One order as both sides tell it: enough to prove an import kept what the store computed. */
export interface OrderFacts {
  readonly id: string;
  readonly reference: string;
  readonly paid: string;
  readonly products: string;
  readonly shipping: string;
  readonly state: number;
  /** `variant quantity unitIncl unitExcl` per product line, in order. */
  readonly lines: readonly string[];
}

const money = (value: string) => Decimal.from(value || '0').toFixed(6);

/** The store's side, read straight from the emulator's records. */
export function storeOrderFacts(store: EmulatorStore, orderId: number): OrderFacts {
  const order = store.get('orders', orderId);
  if (order === undefined) throw new Error(`the emulator has no order ${orderId}`);
  const value = (field: string) => textOf(order.values[field]);
  return {
    id: String(orderId),
    reference: value('reference'),
    paid: money(value('total_paid_tax_incl')),
    products: money(value('total_products_wt')),
    shipping: money(value('total_shipping_tax_incl')),
    state: Number(value('current_state')),
    lines: (order.associations.order_rows ?? []).map(
      (row) =>
        `${String(row.product_id)}:${String(row.product_attribute_id)} ${String(row.product_quantity)} ` +
        `${money(String(row.unit_price_tax_incl))} ${money(String(row.unit_price_tax_excl))}`,
    ),
  };
}

/** The hub's side: product lines named by the store variant they are bound to. */
export async function hubOrderFacts(hub: Hub, storeId: number, order: Order): Promise<OrderFacts> {
  const variantIds = order.lines.flatMap((line) => (line.variantId === null ? [] : [line.variantId]));
  const bindings = await hub.bindings.forLocal('variants', variantIds);
  const external = new Map(
    bindings
      .filter((binding) => binding.storeId === storeId)
      .map((binding) => [binding.localId, binding.externalId]),
  );
  return {
    id: order.externalId ?? '',
    reference: order.reference ?? '',
    paid: order.totals.paidTaxIncl,
    products: order.totals.productsTaxIncl,
    shipping: order.totals.shippingTaxIncl,
    state: order.storeStateId ?? 0,
    lines: order.lines
      .filter((line) => line.kind === 'product')
      .map(
        (line) =>
          `${line.variantId === null ? '?' : (external.get(line.variantId) ?? '?')} ${line.quantity} ` +
          `${line.unitPriceTaxIncl} ${line.unitPriceTaxExcl}`,
      ),
  };
}

/** Every order of the hub for a store, by store order id. */
export async function hubOrders(hub: Hub, storeId: number): Promise<Order[]> {
  const summaries = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await hub.orders.list({
      storeId,
      limit: 500,
      ...(beforeId === undefined ? {} : { beforeId }),
    });
    summaries.push(...page);
    if (page.length < 500) break;
    beforeId = page.at(-1)?.id;
  }
  const orders: Order[] = [];
  for (const summary of summaries) orders.push(await hub.orders.get(summary.id));
  return orders.sort((a, b) => Number(a.externalId) - Number(b.externalId));
}
