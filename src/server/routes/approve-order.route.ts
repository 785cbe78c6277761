import { approveOrders } from '../../sync/index.js';
import type { RouteRegistration } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { toApiOrder } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const schema = {
  summary: 'Approve an order waiting for approval',
  description:
    'From then on it can ship. Its lines reserve stock from its import on, so approval moves no sellable quantity.',
  tags: ['orders'],
  params: idParams,
  response: { 200: { $ref: 'ApiOrder#' }, 404: errorRef, 409: errorRef },
} as const;

/** `POST /orders/:id/approve`. */
export const registerApproveOrder: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { id: number } }>(
    '/orders/:id/approve',
    { schema, config: { access: 'operator' } },
    async (request) => {
      const order = await ctx.hub.orders.get(request.params.id);
      if ((await approveOrders(ctx.hub, [order.id])) === 0) {
        throw new ApiError(
          409,
          'order-not-pending',
          `Order ${order.id} is ${order.hubStatus.replace(/_/g, ' ')}: only orders pending approval can be approved.`,
        );
      }
      ctx.nudgeOutbox();
      request.log.info({ orderId: order.id }, 'order approved');
      return toApiOrder(await ctx.hub.orders.get(order.id));
    },
  );
};
