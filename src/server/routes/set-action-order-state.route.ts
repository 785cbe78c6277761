import { setOrderStateAction } from '../../automation/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import { actionErrors, runAction, storeIdParams } from './action-route-schemas.js';

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

const delivery = {
  orderId: { type: 'integer', description: "The store's order id." },
  hubOrderId: { type: ['integer', 'null'], description: 'The hub order, when the hub has imported it.' },
  delivered: { type: 'boolean', description: 'The store has it (false: it stays queued and is retried).' },
  why: { type: ['string', 'null'], description: 'What kept it from the store, when not delivered.' },
  sendEmail: { type: 'boolean' },
} as const;

const schema = {
  summary: 'Action: set an order state',
  description:
    "Through the hub's outbox and the order's history in the store (the store's own side effects run; the hub keeps the record). Answers once the store has it, or with delivered false and why: the change stays queued and is retried.",
  tags: ['actions'],
  params: storeIdParams,
  body,
  response: {
    200: {
      type: 'object',
      required: [...Object.keys(delivery), 'state'],
      additionalProperties: false,
      properties: {
        ...delivery,
        state: {
          type: 'object',
          required: ['id', 'name'],
          additionalProperties: false,
          properties: { id: { type: 'integer' }, name: { type: 'string' } },
        },
      },
    },
    ...actionErrors,
  },
} as const;

/** `POST /stores/:store/actions/orders/:id/state`. */
export const registerSetActionOrderState: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { store: string; id: number }; Body: Body }>(
    '/stores/:store/actions/orders/:id/state',
    { schema, config: { access: 'operator' } },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      const { state, sendEmail } = request.body;
      const change = await runAction(() =>
        setOrderStateAction(
          { hub: ctx.hub, store, clientOverrides: ctx.clientOverrides },
          request.params.id,
          {
            state,
            ...(sendEmail === undefined ? {} : { sendEmail }),
          },
        ),
      );
      request.log.info(
        { store: store.name, orderId: change.orderId, stateId: change.state.id, delivered: change.delivered },
        'action: order state set',
      );
      return change;
    },
  );
};
