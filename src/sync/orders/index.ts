// Customers, orders and shipping confirmation: the order feeds, their mappers and rules, and the outbox handlers.
import type { Feed } from '../feed.js';
import { importCustomersFeed } from './import-customers.feed.js';
import { importOrdersFeed } from './import-orders.feed.js';
import { retryOrdersFeed } from './retry-orders.feed.js';
import { shippingConfirmationFeed } from './shipping-confirmation.feed.js';
import { updateOrdersFeed } from './update-orders.feed.js';

export { IMPORT_CUSTOMERS, importCustomersFeed } from './import-customers.feed.js';
export { IMPORT_ORDERS, importOrdersFeed } from './import-orders.feed.js';
export { mapCustomer, mapCustomerAddress, mapOrderAddress } from './map-customer.js';
export { mapOrder, type MappedOrder, type OrderMappingLookups, type OrderSources } from './map-order.js';
export {
  approveOrders,
  findStoreOrderState,
  recordShipment,
  sendOrderConfirmations,
  setOrderState,
  type StateChangeResult,
} from './order-fulfilment.js';
export { orderStateOutboxHandler, type OrderStatePayload } from './order-state.handler.js';
export { type OrderDecision, OrderStateRules, type RetryOutcome } from './order-state-rules.js';
export {
  checkOrderTotals,
  roundAsStore,
  type StoreRounding,
  type TotalsCheck,
} from './order-totals-check.js';
export {
  decodeOrderTrackingPayload,
  orderTrackingOutboxHandler,
  type OrderTrackingPayload,
} from './order-tracking.handler.js';
export { MAX_RETRY_CHECKS, RETRY_ORDERS, retryOrdersFeed } from './retry-orders.feed.js';
export { shipmentOutboxHandler, type ShipmentPayload } from './shipment.handler.js';
export {
  ORDER_OUTBOX_HANDLERS,
  SHIPPING_CONFIRMATION,
  shippingConfirmationFeed,
} from './shipping-confirmation.feed.js';
export { type StoreOrderState, StoreOrderStates } from './store-order-states.js';
export { UPDATE_ORDERS, updateOrdersFeed } from './update-orders.feed.js';

/**
 * The order feeds, in the order they should run when several are due: customers, new orders, orders
 * waiting in a retry state, changed orders, then the confirmations back to the store.
 */
export const orderFeeds: readonly Feed[] = [
  importCustomersFeed,
  importOrdersFeed,
  retryOrdersFeed,
  updateOrdersFeed,
  shippingConfirmationFeed,
];
