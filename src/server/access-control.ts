import { createHash, timingSafeEqual } from 'node:crypto';

import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { type Hub, roleAllows, type SessionLifetime, type UserRole } from '../hub/index.js';
import { ApiError } from './api-errors.js';
import { bearerMatches } from './api-token.js';

/**
 * Who may call a route: anyone (`public`), or a signed-in user with at least this role. Routes say
 * it in their `config.access`; without it, reads need `viewer` and every change `admin`, so that a
 * route added without thinking about roles is closed rather than open.
 */
export type Access = 'public' | UserRole;

/** Who is calling: the server's own token (an admin), a user's API token, or a browser session. */
export interface Principal {
  readonly via: 'server-token' | 'api-token' | 'session';
  /** Null for the server's token, which belongs to no user. */
  readonly userId: number | null;
  readonly name: string;
  readonly role: UserRole;
  /** Sessions only: what unsafe requests must echo in `X-CSRF-Token`. */
  readonly csrfToken: string | null;
  /** Sessions only: the cookie's secret (sign-out ends it). */
  readonly sessionSecret: string | null;
  /** API tokens only: the token, to check it again (a long-lived event stream). */
  readonly tokenSecret: string | null;
}

/** The name the server's own token (`PRESTABRIDGE_TOKEN`) is shown under. */
export const SERVER_TOKEN_NAME = 'PRESTABRIDGE_TOKEN';
/** The browser session's cookie. */
export const SESSION_COOKIE = 'pb_session';
export const CSRF_HEADER = 'x-csrf-token';

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = {
  idleMs: 12 * 60 * 60_000,
  maxMs: 7 * 24 * 60 * 60_000,
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access check before any handler runs; null on public routes called anonymously. */
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a route needs: its declared access, else viewer for reads and admin for changes. */
export function routeAccess(method: string, config: { access?: Access } | undefined): Access {
  return config?.access ?? (SAFE_METHODS.has(method.toUpperCase()) ? 'viewer' : 'admin');
}

/** Everything the access check needs from the server. */
export interface AccessOptions {
  readonly hub: Hub;
  /** `PRESTABRIDGE_TOKEN` (or the token serve made up): an admin that is no user. */
  readonly serverToken: string;
  readonly sessionLifetime: SessionLifetime;
  /** What sessions are measured with (tests move it to end one). */
  readonly clock: () => Date;
}

/**
 * The `onRequest` check of every route: finds the principal (bearer token, else session cookie),
 * refuses a missing or ended one (401), a role too low (403), and an unsafe request made with a
 * session cookie but without its CSRF token (403). Unknown paths need a principal too, so that
 * they give nothing away.
 */
export async function checkAccess(
  request: FastifyRequest,
  _reply: FastifyReply,
  options: AccessOptions,
): Promise<void> {
  const method = request.method;
  const access = routeAccess(method, request.routeOptions.config as { access?: Access } | undefined);
  const found = await findPrincipal(request, options);
  request.principal = found.principal;
  if (access === 'public') return;
  const principal = found.principal;
  if (principal === null) throw unauthorized(request, found.endedSession);
  if (!roleAllows(principal.role, access)) {
    throw new ApiError(
      403,
      'forbidden',
      `This needs the ${access} role; ${principal.name} is ${article(principal.role)} ${principal.role}. Ask an admin to change your role.`,
    );
  }
  if (principal.via === 'session' && !SAFE_METHODS.has(method) && !csrfMatches(request, principal)) {
    throw new ApiError(
      403,
      'csrf',
      `A change made with a browser session must send its ${CSRF_HEADER} header (GET /auth/me gives it); reload the console and try again.`,
    );
  }
}

async function findPrincipal(
  request: FastifyRequest,
  options: AccessOptions,
): Promise<{ principal: Principal | null; endedSession: boolean }> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    if (bearerMatches(authorization, options.serverToken))
      return {
        principal: {
          via: 'server-token',
          userId: null,
          name: SERVER_TOKEN_NAME,
          role: 'admin',
          csrfToken: null,
          sessionSecret: null,
          tokenSecret: null,
        },
        endedSession: false,
      };
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const user = bearer === undefined ? undefined : await options.hub.users.userForToken(bearer);
    return {
      principal: user
        ? {
            via: 'api-token',
            userId: user.id,
            name: user.name,
            role: user.role,
            csrfToken: null,
            sessionSecret: null,
            tokenSecret: bearer ?? null,
          }
        : null,
      endedSession: false,
    };
  }
  // Parsed here: the cookie plugin's own hook may run after this one.
  const secret = fastifyCookie.parse(request.headers.cookie ?? '')[SESSION_COOKIE];
  if (secret === undefined || secret === '') return { principal: null, endedSession: false };
  const session = await options.hub.users.session(secret, options.sessionLifetime, options.clock());
  if (!session) return { principal: null, endedSession: true };
  return {
    principal: {
      via: 'session',
      userId: session.user.id,
      name: session.user.name,
      role: session.user.role,
      csrfToken: session.csrfToken,
      sessionSecret: secret,
      tokenSecret: null,
    },
    endedSession: false,
  };
}

function unauthorized(request: FastifyRequest, endedSession: boolean): ApiError {
  if (endedSession) return new ApiError(401, 'session-expired', 'Your session ended: sign in again.');
  if (request.headers.authorization !== undefined)
    return new ApiError(
      401,
      'unauthorized',
      'The bearer token is wrong or revoked: use PRESTABRIDGE_TOKEN (or the token serve printed at start), or an API token of a user (`prestabridge users token NAME`).',
    );
  return new ApiError(
    401,
    'unauthorized',
    'Sign in to the console, or send a token: Authorization: Bearer <token> (PRESTABRIDGE_TOKEN or a user API token).',
  );
}

function csrfMatches(request: FastifyRequest, principal: Principal): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || principal.csrfToken === null) return false;
  return timingSafeEqual(digest(sent), digest(principal.csrfToken));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function article(role: UserRole): string {
  return role === 'admin' || role === 'operator' ? 'an' : 'a';
}
