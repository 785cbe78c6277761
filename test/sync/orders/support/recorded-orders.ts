import type {
  PsAddress,
  PsCustomer,
  PsOrder,
  PsOrderHistory,
  PsOrderState,
} from '../../../../src/webservice/index.js';
import { readFixture } from '../../../support/fixtures.js';
import { jsonList } from '../../../webservice/support/recorded.js';

/**
 * The recorded 8.1.2 store's orders and what comes with them, decoded by the client's own JSON
 * decoder (as a feed receives them): three orders of customer 2 (cancelled, payment accepted,
 * payment error), the first addresses, customers, histories and order states.
 */
export const recorded = {
  orders: () => jsonList(readFixture('orders.full.json'), 'orders', 'full') as PsOrder[],
  addresses: () => jsonList(readFixture('addresses.full.json'), 'addresses', 'full') as PsAddress[],
  customers: () => jsonList(readFixture('customers.full.json'), 'customers', 'full') as PsCustomer[],
  histories: () =>
    jsonList(readFixture('order_histories.full.json'), 'order_histories', 'full') as PsOrderHistory[],
  orderStates: () =>
    jsonList(readFixture('order_states.full.json'), 'order_states', 'full') as PsOrderState[],
};
