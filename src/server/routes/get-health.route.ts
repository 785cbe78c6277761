import type { RouteRegistration } from '../api-context.js';

const schema = {
  summary: 'Is the server up (no token needed)',
  tags: ['server'],
  response: {
    200: {
      type: 'object',
      required: ['status'],
      additionalProperties: false,
      properties: { status: { type: 'string', enum: ['ok'] } },
    },
  },
} as const;

/** `GET /health`: public, for load balancers and process managers; says nothing about the hub. */
export const registerGetHealth: RouteRegistration = (app) => {
  app.get('/health', { schema, config: { access: 'public' } }, () => ({ status: 'ok' as const }));
};
