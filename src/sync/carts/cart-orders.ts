import { filter, type PrestaShopClient } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';

/**
 * The order placed from each of these store carts (the first, when a multi-carrier cart made
 * several), in one request for the whole list (`filter[id_cart]=[1|2|…]`), never one per cart. A
 * cart without an order is not in the map.
 *
 * @example
 * const orders = await ordersOfCarts(client, [41, 42]); // Map { 41 => 120 }
 */
export async function ordersOfCarts(
  client: PrestaShopClient,
  cartIds: readonly number[],
): Promise<Map<number, number>> {
  const byCart = new Map<number, number>();
  if (cartIds.length === 0) return byCart;
  const orders = await client.list('orders', {
    display: ['id_cart'],
    filter: { id_cart: filter.oneOf([...new Set(cartIds)].sort((a, b) => a - b)) },
    sort: 'id_ASC',
  });
  for (const order of orders) {
    const cartId = Number(scalar(order.id_cart));
    if (Number.isInteger(cartId) && cartId > 0 && !byCart.has(cartId)) byCart.set(cartId, order.id);
  }
  return byCart;
}
