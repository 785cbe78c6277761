import type {
  AddressChoiceInput,
  AddressRecord,
  CustomerRecord,
  OrderRecord,
  StoreSettings,
} from '../../hub/index.js';
import type { PsOrder } from '../../webservice/index.js';
import type { FeedNotice } from '../feed.js';
import { StoreValueError } from '../store-values.js';
import { mapCustomer, mapCustomerAddress } from './map-customer.js';
import { mapOrder } from './map-order.js';
import type { OrderLookups } from './order-lookups.js';
import type { OrderPageSources } from './order-page-reader.js';
import type { EntryStatus, OrderDecision } from './order-state-rules.js';
import type { TotalsCheck } from './order-totals-check.js';

/** An order to write, with the status it enters the hub with and its totals check. */
export interface PlannedOrder {
  readonly record: OrderRecord;
  readonly status: EntryStatus;
  readonly totals: TotalsCheck;
}

/** An order that could not be imported now; remembered with its state so that it is tried again. */
export interface HeldOrder {
  readonly orderId: number;
  readonly stateId: number;
  readonly reason: string;
}

/** What a page of store orders comes to, before anything is written. */
export interface OrderPagePlan {
  readonly orders: readonly PlannedOrder[];
  /** Orders in a retry state: remembered for retry-orders. */
  readonly waiting: readonly HeldOrder[];
  readonly skipped: readonly { readonly orderId: number; readonly reason: string }[];
  /** Orders that could not be mapped: reported, and remembered so that they are tried again. */
  readonly failed: readonly HeldOrder[];
  readonly customers: readonly CustomerRecord[];
  readonly addresses: readonly AddressRecord[];
  /**
   * With `customers.addressChoice=last-order`: each customer's billing and delivery address from their
   * newest order of the page (recorded as the addresses' roles unless a user chose them).
   */
  readonly addressChoices: readonly AddressChoiceInput[];
  readonly notices: readonly FeedNotice[];
}

/** A store order and what its state rule says. */
export interface DecidedOrder {
  readonly order: PsOrder;
  readonly decision: OrderDecision;
}

/**
 * Maps a page: the orders to import (with the customers the hub lacks and, when the store's
 * `customers.addresses` setting is on, the addresses the page brought), the orders to remember in
 * a retry state, to skip, or that failed to map. Pure.
 */
export function planOrderPage(
  decided: readonly DecidedOrder[],
  sources: OrderPageSources,
  lookups: OrderLookups,
  settings: Pick<StoreSettings, 'genders' | 'customers'>,
): OrderPagePlan {
  const orders: PlannedOrder[] = [];
  const waiting: HeldOrder[] = [];
  const skipped: { orderId: number; reason: string }[] = [];
  const failed: HeldOrder[] = [];
  const notices: FeedNotice[] = [];
  // Per customer, the addresses of their newest order on the page (by order id).
  const lastOrders = new Map<number, AddressChoiceInput & { readonly orderId: number }>();
  const byLastOrder = settings.customers.addresses && settings.customers.addressChoice === 'last-order';
  for (const { order, decision } of decided) {
    const stateId = Number(order.current_state);
    if (decision.action === 'skip') {
      skipped.push({ orderId: order.id, reason: decision.reason });
      continue;
    }
    if (decision.action === 'retry') {
      waiting.push({ orderId: order.id, stateId, reason: decision.reason });
      continue;
    }
    const mapped = mapOrder(
      {
        order,
        addresses: sources.addresses,
        history: sources.histories.get(order.id) ?? [],
        messages: sources.messages.get(order.id) ?? [],
      },
      lookups,
    );
    if (!mapped.ok) {
      failed.push({ orderId: order.id, stateId, reason: mapped.reason });
      continue;
    }
    notices.push(...mapped.notices);
    orders.push({
      record: {
        ...mapped.record,
        initialStatus: decision.status === 'approved' ? 'approved' : 'pending_approval',
      },
      status: decision.status,
      totals: mapped.totals,
    });
    const customerId = Number(order.id_customer);
    const latest = lastOrders.get(customerId);
    if (byLastOrder && customerId > 0 && (latest === undefined || latest.orderId < order.id)) {
      lastOrders.set(customerId, {
        orderId: order.id,
        customerExternalId: customerId,
        billingExternalId: Number(order.id_address_invoice),
        deliveryExternalId: Number(order.id_address_delivery),
        rule: 'last-order',
      });
    }
  }

  const customers: CustomerRecord[] = [];
  for (const customer of sources.newCustomers) {
    let mapped: ReturnType<typeof mapCustomer>;
    try {
      mapped = mapCustomer(customer, settings.genders, lookups.dates);
    } catch (error) {
      if (!(error instanceof StoreValueError)) throw error;
      notices.push({
        kind: 'customer-unreadable',
        key: String(customer.id),
        message: `Customer ${customer.id}: ${error.message}: not imported; their orders keep the name and addresses.`,
      });
      continue;
    }
    if (mapped.record.email === '') {
      notices.push({
        kind: 'customer-without-email',
        key: String(customer.id),
        message: `Customer ${customer.id} has no e-mail address in the store: not imported; their orders keep the name and addresses.`,
      });
      continue;
    }
    if (mapped.unmappedGender !== undefined)
      notices.push(unmappedGenderNotice(lookups.storeName, mapped.unmappedGender.genderId));
    customers.push(mapped.record);
  }

  const addresses: AddressRecord[] = [];
  if (settings.customers.addresses) {
    for (const address of sources.addresses.values()) {
      if (!(Number(address.id_customer) > 0)) continue;
      try {
        addresses.push(
          mapCustomerAddress(address, lookups, lookups.dates, { phones: settings.customers.phones }),
        );
      } catch (error) {
        if (!(error instanceof StoreValueError)) throw error;
        notices.push(unreadableAddressNotice(address.id, error));
      }
    }
  }
  return {
    orders,
    waiting,
    skipped,
    failed,
    customers,
    addresses,
    addressChoices: [...lastOrders.values()].map(({ orderId: _orderId, ...choice }) => choice),
    notices,
  };
}

/** The notice for a customer address the hub cannot read (left out of the address book). */
export function unreadableAddressNotice(addressId: number, error: StoreValueError): FeedNotice {
  return {
    kind: 'address-unreadable',
    key: String(addressId),
    message: `Address ${addressId}: ${error.message}: left out of the customer's address book (orders keep their own copy).`,
  };
}

/** The notice for a store gender id without a hub gender, with the setting to add. */
export function unmappedGenderNotice(storeName: string, genderId: string): FeedNotice {
  return {
    kind: 'unmapped-gender',
    key: genderId,
    message:
      `Customers with gender id ${genderId} are imported with gender 'unknown': map it with ` +
      `\`prestabridge stores set ${storeName} genders.${genderId}=male|female|other|unknown\`.`,
  };
}
