import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { toApiUserToken } from '../user-wire.js';
import { tokenOwner, userParams } from './user-params.js';

const body = {
  type: 'object',
  required: ['label'],
  additionalProperties: false,
  properties: { label: { type: 'string', minLength: 1, maxLength: 100, description: 'What uses it.' } },
} as const;

const schema = {
  summary: 'Make an API token for scripts (an admin for anyone, others for themselves)',
  description: 'The secret is in this answer only: it cannot be shown again.',
  tags: ['users'],
  params: userParams,
  body,
  response: {
    201: {
      type: 'object',
      required: ['token', 'secret'],
      additionalProperties: false,
      properties: {
        token: { $ref: 'ApiUserToken#' },
        secret: { type: 'string', description: 'Authorization: Bearer <secret>. Shown once.' },
      },
    },
    403: errorRef,
    404: errorRef,
    422: errorRef,
  },
} as const;

/** `POST /users/:user/tokens`. */
export const registerAddUserToken: RouteRegistration = (app, ctx) => {
  app.post<{ Params: { user: string }; Body: { label: string } }>(
    '/users/:user/tokens',
    { schema, config: { access: 'viewer' } },
    async (request, reply) => {
      const user = await tokenOwner(ctx.hub, request, request.params.user);
      const { token, secret } = await ctx.hub.users.createToken(user.id, request.body.label);
      request.log.info(
        { event: 'token-added', user: user.name, tokenId: token.id, by: request.principal?.name },
        'API token added',
      );
      return reply.status(201).send({ token: toApiUserToken(token), secret });
    },
  );
};
