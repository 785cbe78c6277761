import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { toApiUserToken } from '../user-wire.js';
import { tokenOwner, userParams } from './user-params.js';

const schema = {
  summary: "A user's API tokens (an admin's, or your own)",
  tags: ['users'],
  params: userParams,
  response: {
    200: {
      type: 'object',
      required: ['items', 'next'],
      additionalProperties: false,
      properties: { items: { type: 'array', items: { $ref: 'ApiUserToken#' } }, next: { type: 'null' } },
    },
    403: errorRef,
    404: errorRef,
  },
} as const;

/** `GET /users/:user/tokens`. */
export const registerListUserTokens: RouteRegistration = (app, ctx) => {
  app.get<{ Params: { user: string } }>(
    '/users/:user/tokens',
    { schema, config: { access: 'viewer' } },
    async (request) => {
      const user = await tokenOwner(ctx.hub, request, request.params.user);
      return { items: (await ctx.hub.users.tokens(user.id)).map(toApiUserToken), next: null };
    },
  );
};
