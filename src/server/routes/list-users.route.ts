import type { RouteRegistration } from '../api-context.js';
import { toApiUser } from '../user-wire.js';

const schema = {
  summary: 'Users of the console and the API (admin)',
  tags: ['users'],
  response: {
    200: {
      type: 'object',
      required: ['items', 'next'],
      additionalProperties: false,
      properties: { items: { type: 'array', items: { $ref: 'ApiUser#' } }, next: { type: 'null' } },
    },
  },
} as const;

/** `GET /users`. */
export const registerListUsers: RouteRegistration = (app, ctx) => {
  app.get('/users', { schema, config: { access: 'admin' } }, async () => ({
    items: (await ctx.hub.users.list()).map(toApiUser),
    next: null,
  }));
};
