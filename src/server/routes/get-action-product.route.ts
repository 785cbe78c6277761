import { type ActionSource, getProduct } from '../../automation/index.js';
import { type RouteRegistration, storeNamed } from '../api-context.js';
import {
  actionErrors,
  actionItemOf,
  actionProductSchema,
  runAction,
  sourceQuery,
  storeIdParams,
} from './action-route-schemas.js';

const schema = {
  summary: 'Action: get a product',
  description: "One product by the store's id, read from the store (or from the hub's copy with source=hub).",
  tags: ['actions'],
  params: storeIdParams,
  querystring: sourceQuery,
  response: { 200: actionItemOf(actionProductSchema), ...actionErrors },
} as const;

/** `GET /stores/:store/actions/products/:id`. */
export const registerGetActionProduct: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { store: string; id: number }; Querystring: { source: ActionSource } }>(
    '/stores/:store/actions/products/:id',
    { schema, config: { access: 'viewer' } },
    async (request) => {
      const store = await storeNamed(ctx.hub, request.params.store);
      return runAction(() =>
        getProduct({ hub: ctx.hub, store, clientOverrides: ctx.clientOverrides }, request.params.id, {
          source: request.query.source,
        }),
      );
    },
  );
};
