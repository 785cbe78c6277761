import { setTrackingAction } from '../../automation/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { actionErrors, runAction, storeIdParams } from './action-route-schemas.js';

const body = {
  type: 'object',
  required: ['trackingNumber'],
  additionalProperties: false,
  properties: {
    trackingNumber: { type: 'string', minLength: 1, maxLength: 64 },
    sendEmail: {
      type: 'boolean',
      description: 'Let the store send its "in transit" e-mail (default false).',
    },
  },
} as const;

interface Body {
  readonly trackingNumber: string;
  readonly sendEmail?: boolean;
}

const schema = {
  summary: 'Action: set a tracking number',
  description:
    "Puts the tracking number on the order's carrier row in the store (order_carriers), through the hub's outbox; the order's state does not change. Answers once the store has it, or with delivered false and why: it stays queued and is retried.",
  tags: ['actions'],
  params: storeIdParams,
  body,
  response: {
    200: {
      type: 'object',
      required: ['orderId', 'hubOrderId', 'trackingNumber', 'delivered', 'why', 'sendEmail'],
      additionalProperties: false,
      properties: {
        orderId: { type: 'integer', description: "The store's order id." },
        hubOrderId: {
          type: ['integer', 'null'],
          description: 'The hub order, when the hub has imported it.',
        },
        trackingNumber: { type: 'string' },
        delivered: {
          type: 'boolean',
          description: 'The store has it (false: it stays queued and is retried).',
        },
        why: { type: ['string', 'null'], description: 'What kept it from the store, when not delivered.' },
        sendEmail: { type: 'boolean' },
      },
    },
    ...actionErrors,
  },
} as const;

/** `POST /stores/:store/actions/orders/:id/tracking`. */
export const registerSetActionTracking: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { store: string; id: number }; Body: Body }>(
    '/stores/:store/actions/orders/:id/tracking',
    { schema, config: { access: 'operator' } },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const { trackingNumber, sendEmail } = request.body;
      const change = await runAction(() =>
        setTrackingAction({ hub: ctx.hub, store, clientOverrides: ctx.clientOverrides }, request.params.id, {
          trackingNumber,
          ...(sendEmail === undefined ? {} : { sendEmail }),
        }),
      );
      request.log.info(
        { store: store.name, orderId: change.orderId, delivered: change.delivered },
        'action: tracking number set',
      );
      return change;
    },
  );
};
