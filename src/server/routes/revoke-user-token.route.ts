import { NotFoundError } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { errorRef } from '../api-wire-schemas.js';
import { tokenOwner, userParams } from './user-params.js';

const params = {
  type: 'object',
  required: ['user', 'id'],
  additionalProperties: false,
  properties: { ...userParams.properties, id: { type: 'integer', minimum: 1 } },
} as const;

const schema = {
  summary: 'Revoke an API token (an admin for anyone, others their own)',
  tags: ['users'],
  params,
  response: { 204: { type: 'null', description: 'Revoked.' }, 403: errorRef, 404: errorRef },
} as const;

/** `DELETE /users/:user/tokens/:id`. */
export const registerRevokeUserToken: RouteRegistration = (app, ctx) => {
  app.delete<{ Params: { user: string; id: number } }>(
    '/users/:user/tokens/:id',
    { schema, config: { access: 'viewer' } },
    async (request, reply) => {
      const user = await tokenOwner(ctx.hub, request, request.params.user);
      if (!(await ctx.hub.users.revokeToken(user.id, request.params.id)))
        throw new NotFoundError(`User '${user.name}' has no live API token ${request.params.id}.`);
      request.log.info(
        { event: 'token-revoked', user: user.name, tokenId: request.params.id, by: request.principal?.name },
        'API token revoked',
      );
      return reply.status(204).send();
    },
  );
};
