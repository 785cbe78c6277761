import { MIN_PASSWORD_LENGTH, type UserChanges } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { roleSchema, toApiUser } from '../user-wire.js';
import { userParams } from './user-params.js';

const body = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    role: roleSchema,
    password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 200 },
    disabled: { type: 'boolean', description: 'A disabled user cannot sign in; their sessions end.' },
  },
} as const;

const schema = {
  summary: "Change a user's role or password, or disable them (admin)",
  description: 'The last enabled admin can be neither demoted nor disabled (409 last-admin).',
  tags: ['users'],
  params: userParams,
  body,
  response: { 200: { $ref: 'ApiUser#' }, 404: errorRef, 409: errorRef, 422: errorRef },
} as const;

/** `PATCH /users/:user`. */
export const registerUpdateUser: RouteRegistration = (app, ctx) => {
  app.patch<{ Params: { user: string }; Body: UserChanges }>(
    '/users/:user',
    { schema, config: { access: 'admin' } },
    async (request) => {
      const user = await ctx.hub.users.update(request.params.user, request.body);
      request.log.info(
        {
          event: 'user-changed',
          user: user.name,
          fields: Object.keys(request.body),
          by: request.principal?.name,
        },
        'user changed',
      );
      return toApiUser(user);
    },
  );
};
