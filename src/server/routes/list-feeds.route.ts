import type { RouteRegistration } from '../api-context.js';
import { toApiFeed } from '../api-wire.js';
import { listOf } from '../api-wire-schemas.js';

const schema = {
  summary: 'The feeds this server runs, with what they need and the options a run takes',
  tags: ['feeds'],
  response: { 200: listOf('ApiFeed', 'Every feed, in the order the scheduler runs them for a store.') },
} as const;

/** `GET /feeds`. */
export const registerListFeeds: RouteRegistration = (app, ctx) => {
  app.get('/feeds', { schema }, () => ({ items: ctx.feeds.map(toApiFeed), next: null }));
};
