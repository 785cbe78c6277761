/**
 * What the API sends about users and their API tokens (`ApiUser`, `ApiUserToken`), with the JSON
 * schemas the routes refer to. Never a password hash, a session or a token secret.
 */
import type { User, UserRole, UserToken } from '../hub/index.js';

export interface ApiUser {
  readonly id: number;
  readonly name: string;
  readonly role: UserRole;
  readonly disabled: boolean;
  /** False for a user who signs in through one-time links only. */
  readonly hasPassword: boolean;
  readonly lastSignInAt: string | null;
  readonly createdAt: string;
}

export function toApiUser(user: User): ApiUser {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    hasPassword: user.hasPassword,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
  };
}

export interface ApiUserToken {
  readonly id: number;
  readonly label: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export function toApiUserToken(token: UserToken): ApiUserToken {
  return {
    id: token.id,
    label: token.label,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

const instant = { type: 'string', format: 'date-time' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
export const roleSchema = {
  type: 'string',
  enum: ['viewer', 'operator', 'admin'],
  description:
    'viewer: read only; operator: also run and stop feeds, approve and ship orders, adjust stock; admin: everything.',
} as const;

export const apiUserSchema = {
  $id: 'ApiUser',
  type: 'object',
  description: 'Someone who signs in to the console or calls the API.',
  required: ['id', 'name', 'role', 'disabled', 'hasPassword', 'lastSignInAt', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    role: roleSchema,
    disabled: { type: 'boolean' },
    hasPassword: { type: 'boolean', description: 'False: signs in through one-time links only.' },
    lastSignInAt: nullableInstant,
    createdAt: instant,
  },
} as const;

export const apiUserTokenSchema = {
  $id: 'ApiUserToken',
  type: 'object',
  description: 'An API token of a user (its secret is shown once, when it is made).',
  required: ['id', 'label', 'createdAt', 'lastUsedAt', 'revokedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    label: { type: 'string' },
    createdAt: instant,
    lastUsedAt: nullableInstant,
    revokedAt: nullableInstant,
  },
} as const;
