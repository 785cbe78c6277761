import type { Hub, Store } from '../../hub/index.js';
import {
  filter,
  type PrestaShopClient,
  type PsAddress,
  type PsCustomer,
  type PsOrder,
  type PsOrderHistory,
  type PsRecord,
} from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { OrderMessageSource } from './map-order.js';
import { variantExternalIdOf } from './map-order.js';

/** Ids per `filter[…]=[a|b|…]` request: keeps URLs under the 8 KB most servers accept. */
export const IDS_PER_REQUEST = 500;
/** Rows per request when a page's related records are many (histories, messages). */
const RELATED_PAGE = 5000;

/** What one page of orders needs from the store besides the orders, read in bulk. */
export interface OrderPageSources {
  /** Addresses by id: the orders' own, and every address of the customers new to the hub. */
  readonly addresses: ReadonlyMap<number, PsAddress>;
  /** Customers of these orders the hub does not have yet. */
  readonly newCustomers: readonly PsCustomer[];
  readonly histories: ReadonlyMap<number, readonly PsOrderHistory[]>;
  readonly messages: ReadonlyMap<number, readonly OrderMessageSource[]>;
  /** Products ordered whose variant the hub does not know (to fetch before the page is written). */
  readonly unknownProducts: readonly number[];
}

export interface OrderPageReaderSource {
  readonly store: Store;
  readonly client: PrestaShopClient;
  readonly hub: Hub;
}

function chunks<T>(items: readonly T[], size = IDS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

function unique(ids: Iterable<number>): number[] {
  return [...new Set([...ids].filter((id) => Number.isInteger(id) && id > 0))].sort((a, b) => a - b);
}

/** Every record of `resource` whose `field` is one of `ids`, a few requests whatever the count. */
async function listWhereIn<R extends string>(
  client: PrestaShopClient,
  resource: R,
  field: string,
  ids: readonly number[],
): Promise<PsRecord[]> {
  if (ids.length === 0) return [];
  const lists = await Promise.all(
    chunks(ids).map((part) =>
      field === 'id'
        ? client.list(resource, { display: 'full', filter: { id: filter.oneOf(part) } })
        : client
            .iterate(
              resource,
              { display: 'full', filter: { [field]: filter.oneOf(part) } },
              { pageSize: RELATED_PAGE },
            )
            .toArray(),
    ),
  );
  return lists.flat();
}

function groupBy<T>(records: readonly T[], key: (record: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const record of records) {
    const id = key(record);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [record]);
    else group.push(record);
  }
  return groups;
}

/**
 * Reads, for a page of orders, everything their import needs — in bulk, never one request per
 * order: the addresses (`filter[id]`), the customers the hub lacks (`filter[id]`) and, when the
 * store's `customers.addresses` setting is on, all their addresses (`filter[id_customer]`); the state
 * histories (`order_histories` by `id_order`); customer messages (`customer_threads` by `id_order`,
 * then their `customer_messages`); and which ordered products the hub does not know. About six
 * requests per page, run at once.
 */
export async function readOrderPageSources(
  source: OrderPageReaderSource,
  orders: readonly PsOrder[],
): Promise<OrderPageSources> {
  const { client, hub, store } = source;
  if (orders.length === 0) {
    return {
      addresses: new Map(),
      newCustomers: [],
      histories: new Map(),
      messages: new Map(),
      unknownProducts: [],
    };
  }
  const orderIds = orders.map((order) => order.id);
  const customerIds = unique(orders.map((order) => Number(order.id_customer)));
  const addressIds = unique(
    orders.flatMap((order) => [Number(order.id_address_delivery), Number(order.id_address_invoice)]),
  );
  const variantIds = [
    ...new Set(
      orders.flatMap((order) =>
        (order.associations?.order_rows ?? []).map((row) =>
          variantExternalIdOf(row.product_id, row.product_attribute_id),
        ),
      ),
    ),
  ];
  const [bound, knownVariants] = await Promise.all([
    hub.bindings.resolve(store.id, 'customers', customerIds),
    hub.catalog.variantIdsByExternal(store.id, variantIds),
  ]);
  const newCustomerIds = customerIds.filter((id) => !bound.has(String(id)));
  const unknownProducts = unique(
    variantIds.filter((id) => !knownVariants.has(id)).map((id) => Number(id.split(':')[0])),
  );

  const [orderAddresses, customers, customerAddresses, histories, threads] = await Promise.all([
    listWhereIn(client, 'addresses', 'id', addressIds),
    listWhereIn(client, 'customers', 'id', newCustomerIds),
    store.settings.customers.addresses
      ? listWhereIn(client, 'addresses', 'id_customer', newCustomerIds)
      : Promise.resolve([]),
    listWhereIn(client, 'order_histories', 'id_order', orderIds),
    listWhereIn(client, 'customer_threads', 'id_order', orderIds),
  ]);
  const threadOrder = new Map(threads.map((thread) => [thread.id, Number(thread.id_order)]));
  const messages = await listWhereIn(client, 'customer_messages', 'id_customer_thread', [
    ...threadOrder.keys(),
  ]);

  const addresses = new Map<number, PsAddress>();
  for (const address of [...customerAddresses, ...orderAddresses] as PsAddress[])
    addresses.set(address.id, address);
  const messagesByOrder = new Map<number, OrderMessageSource[]>();
  for (const message of messages) {
    const orderId = threadOrder.get(Number(message.id_customer_thread));
    if (orderId === undefined) continue;
    const list = messagesByOrder.get(orderId) ?? [];
    list.push({
      id: message.id,
      byEmployee: Number(message.id_employee) > 0,
      private: scalar(message.private) === '1',
      body: scalar(message.message),
      writtenAt: scalar(message.date_add),
    });
    messagesByOrder.set(orderId, list);
  }
  return {
    addresses,
    newCustomers: customers as PsCustomer[],
    histories: groupBy(histories as PsOrderHistory[], (entry) => Number(entry.id_order)),
    messages: messagesByOrder,
    unknownProducts,
  };
}
