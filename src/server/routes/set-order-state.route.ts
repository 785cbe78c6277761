import { findStoreOrderState, setOrderState, StoreSession } from '../../sync/index.js';
import type { RouteRegistration } from '../api-context.js';
import { toApiOrder } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const body = {
  type: 'object',
  required: ['state'],
  additionalProperties: false,
  properties: {
    state: {
      anyOf: [
        { type: 'integer', minimum: 1 },
        { type: 'string', minLength: 1, maxLength: 64 },
      ],
      description:
        "The store's order state: its id (4) or its name in the store's default language (Shipped).",
    },
    sendEmail: {
      type: 'boolean',
      description: "Let the store e-mail the customer (default the store's orderStateEmails setting).",
    },
  },
} as const;

interface Body {
  readonly state: number | string;
  readonly sendEmail?: boolean;
}

const schema = {
  summary: 'Move an order to a state in the store',
  description:
    "Written through the store's order history, so that the store's own side effects run. Answers once the store has it, or with delivered false when it failed: the change stays queued and is retried.",
  tags: ['orders'],
  params: idParams,
  body,
  response: {
    200: {
      type: 'object',
      required: ['order', 'state', 'delivered'],
      additionalProperties: false,
      properties: {
        order: { $ref: 'ApiOrder#' },
        state: {
          type: 'object',
          required: ['id', 'name'],
          additionalProperties: false,
          properties: { id: { type: 'integer' }, name: { type: 'string' } },
        },
        delivered: { type: 'boolean' },
      },
    },
    404: errorRef,
    422: errorRef,
    502: errorRef,
  },
} as const;

/** `PUT /orders/:id/state`. */
export const registerSetOrderState: RouteRegistration = (app, ctx) => {
  app.put<{ Params: { id: number }; Body: Body }>(
    '/orders/:id/state',
    { schema, config: { access: 'operator' } },
    async (request) => {
      const order = await ctx.hub.orders.get(request.params.id);
      const store = await ctx.hub.stores.get(order.storeId);
      const session = await StoreSession.open(ctx.hub, store, ctx.clientOverrides);
      try {
        const state = await findStoreOrderState(store, session.client, String(request.body.state));
        const sendEmail = request.body.sendEmail ?? store.settings.orderStateEmails;
        const { delivered } = await setOrderState(ctx.hub, store, session.client, order.id, state, {
          sendEmail,
        });
        request.log.info({ orderId: order.id, stateId: state.id, delivered }, 'order state set');
        return {
          order: toApiOrder(await ctx.hub.orders.get(order.id)),
          state: { id: state.id, name: state.name },
          delivered,
        };
      } finally {
        await session.close();
      }
    },
  );
};
