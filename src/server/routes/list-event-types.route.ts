import type { RouteRegistration } from '../api-context.js';
import { eventTypeList } from '../webhook-wire.js';

const schema = {
  summary: 'The event catalogue: every event type, what it means, the schema of its data',
  tags: ['webhooks'],
  response: {
    200: { type: 'object', properties: { eventTypes: { type: 'array', items: { $ref: 'ApiEventType#' } } } },
  },
} as const;

/** `GET /event-types`. */
export const registerListEventTypes: RouteRegistration = (app) => {
  app.get('/event-types', { schema, config: { access: 'viewer' } }, () => ({ eventTypes: eventTypeList() }));
};
