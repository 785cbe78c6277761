import { type ActionSource, getOrder } from '../../automation/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import {
  actionErrors,
  actionItemOf,
  actionOrderSchema,
  runAction,
  sourceQuery,
  storeIdParams,
} from './action-route-schemas.js';

const schema = {
  summary: 'Action: get an order',
  description:
    "One order by the store's id, with its lines, read from the store (or the hub's copy with source=hub).",
  tags: ['actions'],
  params: storeIdParams,
  querystring: sourceQuery,
  response: { 200: actionItemOf(actionOrderSchema), ...actionErrors },
} as const;

/** `GET /stores/:store/actions/orders/:id`. */
export const registerGetActionOrder: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string; id: number }; Querystring: { source: ActionSource } }>(
    '/stores/:store/actions/orders/:id',
    { schema, config: { access: 'viewer' } },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      return runAction(() =>
        getOrder({ hub: ctx.hub, store, clientOverrides: ctx.clientOverrides }, request.params.id, {
          source: request.query.source,
        }),
      );
    },
  );
};
