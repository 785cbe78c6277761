import type { FastifyReply, FastifyRequest } from 'fastify';

import type { SessionLifetime } from '../hub/index.js';
import { SESSION_COOKIE } from './access-control.js';

/**
 * The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (other sites cannot send
 * it), Secure when the console is reached over HTTPS (directly, or through a trusted proxy).
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
  lifetime: SessionLifetime,
): void {
  void reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: isHttps(request),
    maxAge: Math.floor(lifetime.maxMs / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: isHttps(request),
  });
}

/** HTTPS directly, or through a trusted proxy (Fastify reads `X-Forwarded-Proto` only then). */
function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}
