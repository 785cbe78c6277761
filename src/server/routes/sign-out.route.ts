import type { RouteRegistration } from '../api-context.js';
import { clearSessionCookie } from '../session-cookie.js';

const schema = {
  summary: 'Sign out: ends the browser session and clears its cookie',
  tags: ['auth'],
  response: { 204: { type: 'null', description: 'Signed out.' } },
} as const;

/** `POST /auth/sign-out`: any signed-in user; a token caller has no session, and nothing happens. */
export const registerSignOut: RouteRegistration = (app, ctx) => {
  app.post('/auth/sign-out', { schema, config: { access: 'viewer' } }, async (request, reply) => {
    const secret = request.principal?.sessionSecret;
    if (secret) {
      await ctx.hub.users.endSession(secret);
      request.log.info({ event: 'signed-out', user: request.principal?.name }, 'signed out');
    }
    clearSessionCookie(request, reply);
    return reply.status(204).send();
  });
};
