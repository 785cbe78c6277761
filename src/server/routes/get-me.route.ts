import type { RouteRegistration } from '../api-context.js';
import { roleSchema } from '../user-wire.js';

const schema = {
  summary: 'Who is calling: user name, role, and the CSRF token of a browser session',
  tags: ['auth'],
  response: {
    200: {
      type: 'object',
      required: ['user', 'csrfToken', 'via'],
      additionalProperties: false,
      properties: {
        user: {
          type: 'object',
          required: ['id', 'name', 'role'],
          additionalProperties: false,
          properties: {
            id: { type: ['integer', 'null'], description: 'Null for the server token (PRESTABRIDGE_TOKEN).' },
            name: { type: 'string' },
            role: roleSchema,
          },
        },
        csrfToken: {
          type: ['string', 'null'],
          description: 'Send it in X-CSRF-Token with every change made with the session cookie.',
        },
        via: { type: 'string', enum: ['session', 'api-token', 'server-token'] },
      },
    },
  },
} as const;

/** `GET /auth/me`. */
export const registerGetMe: RouteRegistration = (app) => {
  app.get('/auth/me', { schema, config: { access: 'viewer' } }, (request) => {
    const principal = request.principal!;
    return {
      user: { id: principal.userId, name: principal.name, role: principal.role },
      csrfToken: principal.csrfToken,
      via: principal.via,
    };
  });
};
