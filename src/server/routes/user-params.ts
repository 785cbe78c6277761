import type { FastifyRequest } from 'fastify';

import type { Hub, User } from '../../hub/index.js';
import { ApiError } from '../api-errors.js';

export const userParams = {
  type: 'object',
  required: ['user'],
  additionalProperties: false,
  properties: { user: { type: 'string', minLength: 1, maxLength: 64, description: 'User name.' } },
} as const;

/**
 * The user named in the path, when the caller may manage their tokens: an admin for anyone, any
 * other user for themselves.
 */
export async function tokenOwner(hub: Hub, request: FastifyRequest, name: string): Promise<User> {
  const principal = request.principal!;
  if (principal.role !== 'admin' && principal.name !== name)
    throw new ApiError(403, 'forbidden', "Only an admin manages another user's API tokens.");
  return hub.users.get(name);
}
