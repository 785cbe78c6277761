import { type RouteRegistration, sessionClock } from '../api-context.js';
import { setSessionCookie } from '../session-cookie.js';

const querystring = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const schema = {
  summary: 'Sign in with a one-time link (from `npm start` or `prestabridge users link`)',
  description:
    'Sets the session cookie and redirects to the console; a used or expired link redirects to the sign-in page.',
  tags: ['auth'],
  querystring,
  response: { 303: { type: 'null', description: 'Redirect to the console.' } },
} as const;

/** `GET /auth/link?token=…`. */
export const registerSignInLink: RouteRegistration = (app, ctx) => {
  app.get<{ Querystring: { token: string } }>(
    '/auth/link',
    { schema, config: { access: 'public' } },
    async (request, reply) => {
      // The link's secret must not travel further as a Referer.
      void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
      const user = await ctx.hub.users.consumeSignInLink(request.query.token);
      if (!user) {
        request.log.warn({ event: 'sign-in-link-refused', address: request.ip }, 'sign-in link refused');
        return reply.redirect('/#/sign-in?link=invalid', 303);
      }
      const session = await ctx.hub.users.createSession(
        user.id,
        ctx.auth.sessionLifetime,
        sessionClock(ctx)(),
      );
      setSessionCookie(request, reply, session.secret, ctx.auth.sessionLifetime);
      request.log.info({ event: 'signed-in', user: user.name, via: 'link' }, 'signed in with a link');
      return reply.redirect('/#/', 303);
    },
  );
};
