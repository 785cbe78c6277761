// src/automation/actions: what a workflow asks a store through the hub — list and get products,
// orders, customers and carts, set an order's state or tracking number — with the hub's key.
export { type ActionContext, withStoreClient } from './action-context.js';
export { decodeCursor, encodeCursor } from './action-cursor.js';
export { ActionInputError, ActionPermissionError } from './action-errors.js';
export {
  type ActionCart,
  type ActionCartLine,
  type ActionCustomer,
  type ActionItem,
  type ActionOrder,
  type ActionOrderLine,
  type ActionPage,
  type ActionPaging,
  type ActionProduct,
  type ActionSource,
  DEFAULT_ACTION_LIMIT,
  MAX_ACTION_LIMIT,
  type UpdatedWindow,
} from './action-types.js';
export { type CartFilters, DEFAULT_IDLE_MINUTES, listCarts } from './cart-actions.js';
export { type CustomerFilters, listCustomers } from './customer-actions.js';
export { getOrder, listOrders, type OrderFilters } from './order-actions.js';
export {
  type OrderStateChange,
  type OrderWriteResult,
  setOrderStateAction,
  setTrackingAction,
  type TrackingChange,
} from './order-write-actions.js';
export { getProduct, listProducts, type ProductFilters } from './product-actions.js';
export { readStorePage, type StorePage, type StorePageRead } from './store-page-reader.js';
