import type { Store } from '../../hub/index.js';
import { filter, type PrestaShopClient } from '../../webservice/index.js';
import { StoreOrderStates } from '../orders/store-order-states.js';
import { StoreLanguages } from '../store-languages.js';
import { rowExternalId } from './store-stock-row.js';

/** Open orders read per request: few fields each (the order's id, state and its rows' ids and quantities). */
const OPEN_ORDER_PAGE_SIZE = 500;

/**
 * What a store's open orders hold: PrestaShop takes an order's quantities out of its stock when the
 * order is placed (unless it is placed cancelled or in payment error) and gives them back only when
 * it is cancelled or fails — never when it ships. So until an order ships or is cancelled, its units
 * are in the warehouse but not in the store's quantity.
 */
export interface OpenOrderUnits {
  /** Units per `<product>:<combination>` (the store row they were taken from). */
  readonly units: ReadonlyMap<string, number>;
  /** The open orders' store ids. */
  readonly orderIds: readonly number[];
}

/**
 * The store's orders whose units PrestaShop has taken out of its quantities and still holds: those
 * in a state that is neither final (cancelled, refunded, payment error) nor shipped — the orders the
 * hub reserves (waiting for approval or approved) and takes out of on hand when it ships them.
 * Reads the order states (two requests) and then the open orders in pages of a few fields
 * (`order_rows` ids and quantities only).
 *
 * @example
 * const open = await readOpenOrderUnits(client, store);
 * open.units.get('12:45'); // units of combination 45 of product 12 in open orders
 */
export async function readOpenOrderUnits(client: PrestaShopClient, store: Store): Promise<OpenOrderUnits> {
  const states = await StoreOrderStates.load(client, await StoreLanguages.load(store, client));
  const open = states.all
    .filter((state) => !states.isFinal(state.id) && !state.shipped)
    .map((state) => state.id);
  const units = new Map<string, number>();
  const orderIds: number[] = [];
  if (open.length === 0) return { units, orderIds };
  const pages = client.iterate(
    'orders',
    {
      display: ['id', 'current_state', 'order_rows[product_id,product_attribute_id,product_quantity]'],
      filter: { current_state: filter.oneOf(open) },
      ...(store.shopId === null ? {} : { idShop: store.shopId }),
    },
    { pageSize: OPEN_ORDER_PAGE_SIZE },
  );
  for await (const orders of pages) {
    for (const order of orders) {
      orderIds.push(order.id);
      for (const row of order.associations?.order_rows ?? []) {
        const productId = Number(row.product_id);
        const combinationId = Number(row.product_attribute_id);
        const quantity = Number(row.product_quantity);
        if (!Number.isInteger(productId) || !Number.isInteger(combinationId)) continue;
        if (!Number.isInteger(quantity) || quantity <= 0) continue;
        const key = rowExternalId({ productId, combinationId });
        units.set(key, (units.get(key) ?? 0) + quantity);
      }
    }
  }
  return { units, orderIds };
}
