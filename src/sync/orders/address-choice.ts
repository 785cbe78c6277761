import type { AddressChoice, AddressChoiceInput } from '../../hub/index.js';
import { filter, type PrestaShopClient, type PsAddress } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';

/** The addresses of a customer's last order in the store. */
export interface LastOrderAddresses {
  readonly invoiceId: number;
  readonly deliveryId: number;
}

/**
 * The billing and delivery address of each customer, by the store's `customers.addressChoice` rule:
 *
 * - `store-default`: the customer's first address not deleted (lowest id: the one PrestaShop offers
 *   first at checkout) bills and delivers;
 * - `last-order`: the invoice and delivery addresses of the customer's newest order, each while it is
 *   one of the customer's addresses and not deleted; otherwise (no order, an address since deleted)
 *   that role falls back to the store's default, and the choice is recorded as `store-default`.
 *
 * A customer with no address left gets none (their roles are cleared).
 *
 * @example
 * chooseAddressRoles([7], addresses, new Map([[7, { invoiceId: 12, deliveryId: 15 }]]), 'last-order');
 * // [{ customerExternalId: 7, billingExternalId: 12, deliveryExternalId: 15, rule: 'last-order' }]
 */
export function chooseAddressRoles(
  customerIds: readonly number[],
  addresses: readonly Pick<PsAddress, 'id' | 'id_customer' | 'deleted'>[],
  lastOrders: ReadonlyMap<number, LastOrderAddresses>,
  rule: AddressChoice,
): AddressChoiceInput[] {
  const live = new Map<number, number[]>();
  for (const address of addresses) {
    if (scalar(address.deleted) === '1') continue;
    const customerId = Number(scalar(address.id_customer));
    live.set(customerId, [...(live.get(customerId) ?? []), address.id]);
  }
  return customerIds.map((customerId) => {
    const own = (live.get(customerId) ?? []).sort((a, b) => a - b);
    const first = own[0] ?? null;
    const order = rule === 'last-order' ? lastOrders.get(customerId) : undefined;
    const billing = order !== undefined && own.includes(order.invoiceId) ? order.invoiceId : null;
    const delivery = order !== undefined && own.includes(order.deliveryId) ? order.deliveryId : null;
    const fromOrder = billing !== null && delivery !== null;
    return {
      customerExternalId: customerId,
      billingExternalId: billing ?? first,
      deliveryExternalId: delivery ?? first,
      rule: fromOrder ? 'last-order' : 'store-default',
    };
  });
}

/**
 * The newest order of each of these customers, in bulk: a few fields of their orders
 * (`filter[id_customer]=[…]`, pages of 5000 by id), the last one kept — never a request per customer.
 */
export async function readLastOrders(
  client: PrestaShopClient,
  customerIds: readonly number[],
  idsPerRequest: number,
): Promise<Map<number, LastOrderAddresses>> {
  const last = new Map<number, LastOrderAddresses & { orderId: number }>();
  for (let start = 0; start < customerIds.length; start += idsPerRequest) {
    const part = customerIds.slice(start, start + idsPerRequest);
    for await (const orders of client.iterate(
      'orders',
      {
        display: ['id_customer', 'id_address_invoice', 'id_address_delivery'],
        filter: { id_customer: filter.oneOf(part) },
      },
      { pageSize: 5000 },
    )) {
      for (const order of orders) {
        const customerId = Number(scalar(order.id_customer));
        const seen = last.get(customerId);
        if (seen !== undefined && seen.orderId > order.id) continue;
        last.set(customerId, {
          orderId: order.id,
          invoiceId: Number(scalar(order.id_address_invoice)),
          deliveryId: Number(scalar(order.id_address_delivery)),
        });
      }
    }
  }
  return new Map(
    [...last].map(([customerId, { invoiceId, deliveryId }]) => [customerId, { invoiceId, deliveryId }]),
  );
}
