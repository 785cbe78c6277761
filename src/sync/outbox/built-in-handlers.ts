import { productOutboxHandler } from '../catalog/export/product-outbox.handler.js';
import { orderStateOutboxHandler } from '../orders/order-state.handler.js';
import { orderTrackingOutboxHandler } from '../orders/order-tracking.handler.js';
import { shipmentOutboxHandler } from '../orders/shipment.handler.js';
import { stockOutboxHandler } from '../stock/stock-outbox.handler.js';
import type { OutboxHandler } from './outbox-handler.js';

/**
 * The handlers `drain-outbox` and the serve loop deliver with, one per outbox kind. A new kind
 * (`stock`, `order_state`, `shipment`) adds its handler here; the drainer does not change.
 */
export const builtInOutboxHandlers: readonly OutboxHandler[] = [
  productOutboxHandler,
  stockOutboxHandler,
  orderStateOutboxHandler,
  shipmentOutboxHandler,
  orderTrackingOutboxHandler,
];
