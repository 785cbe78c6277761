import { MIN_PASSWORD_LENGTH, type UserRole } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { roleSchema, toApiUser } from '../user-wire.js';

const body = {
  type: 'object',
  required: ['name', 'role', 'password'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$', description: 'Sign-in name.' },
    role: roleSchema,
    password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 200 },
  },
} as const;

const schema = {
  summary: 'Add a user (admin)',
  tags: ['users'],
  body,
  response: { 201: { $ref: 'ApiUser#' }, 409: errorRef, 422: errorRef },
} as const;

/** `POST /users`. */
export const registerAddUser: RouteRegistration = (app, ctx) => {
  app.post<{ Body: { name: string; role: UserRole; password: string } }>(
    '/users',
    { schema, config: { access: 'admin' } },
    async (request, reply) => {
      const user = await ctx.hub.users.create(request.body);
      request.log.info(
        { event: 'user-added', user: user.name, role: user.role, by: request.principal?.name },
        'user added',
      );
      return reply.status(201).send(toApiUser(user));
    },
  );
};
