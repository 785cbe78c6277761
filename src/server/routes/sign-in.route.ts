import { type RouteRegistration, sessionClock } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { errorRef } from '../api-wire-schemas.js';
import { setSessionCookie } from '../session-cookie.js';
import { toApiUser } from '../user-wire.js';

const body = {
  type: 'object',
  required: ['name', 'password'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

const schema = {
  summary: 'Sign in to the console: sets the session cookie',
  description:
    'Answers the user and the CSRF token that changes made with the cookie must send in X-CSRF-Token. ' +
    'Failed attempts are limited per user name and address (429 with Retry-After).',
  tags: ['auth'],
  body,
  response: {
    200: {
      type: 'object',
      required: ['user', 'csrfToken'],
      additionalProperties: false,
      properties: { user: { $ref: 'ApiUser#' }, csrfToken: { type: 'string' } },
    },
    401: errorRef,
    429: errorRef,
  },
} as const;

/** `POST /auth/sign-in`. */
export const registerSignIn: RouteRegistration = (app, ctx) => {
  app.post<{ Body: { name: string; password: string } }>(
    '/auth/sign-in',
    { schema, config: { access: 'public' } },
    async (request, reply) => {
      const { name, password } = request.body;
      const address = request.ip;
      const wait = ctx.auth.limiter.retryAfterSeconds(name, address);
      if (wait > 0) {
        request.log.warn(
          { event: 'sign-in-refused', user: name, address, retryAfterSeconds: wait },
          'sign-in refused: too many failed attempts',
        );
        void reply.header('retry-after', String(wait));
        throw new ApiError(
          429,
          'too-many-attempts',
          `Too many failed sign-ins for '${name}' from this address: try again in ${minutes(wait)}.`,
        );
      }
      const user = await ctx.hub.users.authenticate(name, password);
      if (!user) {
        ctx.auth.limiter.recordFailure(name, address);
        // The password is never logged, not even in part.
        request.log.warn({ event: 'sign-in-failed', user: name, address }, 'sign-in failed');
        throw new ApiError(401, 'sign-in-failed', 'Wrong user name or password.');
      }
      ctx.auth.limiter.recordSuccess(name, address);
      const session = await ctx.hub.users.createSession(
        user.id,
        ctx.auth.sessionLifetime,
        sessionClock(ctx)(),
      );
      setSessionCookie(request, reply, session.secret, ctx.auth.sessionLifetime);
      request.log.info({ event: 'signed-in', user: user.name, address }, 'signed in');
      return { user: toApiUser(user), csrfToken: session.csrfToken };
    },
  );
};

function minutes(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const count = Math.ceil(seconds / 60);
  return `${count} minute${count === 1 ? '' : 's'}`;
}
