import type { StoreChanges } from '../../hub/index.js';
import { type ApiContext, type RouteRegistration, storeNamed } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { toApiStore } from '../api-wire.js';
import { errorRef } from '../api-wire-schemas.js';
import { storeParams } from '../route-schemas.js';

const body = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'Rename the store.' },
    url: { type: 'string', minLength: 1, maxLength: 2000, description: 'A new shop address.' },
    key: { type: 'string', minLength: 1, maxLength: 200, description: 'A new webservice key.' },
    auth: { type: 'string', enum: ['header', 'query'], description: 'How the key is sent.' },
    settings: {
      type: 'object',
      description:
        'Settings to change, nested as in GET /stores/{store} (`{ "import": { "enabled": true } }`); in maps, null removes an entry. Validated as a whole.',
    },
  },
} as const;

interface Body {
  readonly name?: string;
  readonly url?: string;
  readonly key?: string;
  readonly auth?: 'header' | 'query';
  readonly settings?: Record<string, unknown>;
}

const schema = {
  summary: "Change a store's settings, URL, key, name, or how the key is sent",
  tags: ['stores'],
  params: storeParams,
  body,
  response: { 200: { $ref: 'ApiStore#' }, 404: errorRef, 409: errorRef, 422: errorRef },
} as const;

/** `PATCH /stores/:store`. */
export const registerUpdateStore: RouteRegistration = (app, ctx) => {
  app.patch<{ Params: { store: string }; Body: Body }>('/stores/:store', { schema }, async (request) => {
    const store = await storeNamed(ctx.hub, request.params.store);
    const { name, url, key, auth, settings } = request.body;
    if (settings !== undefined) checkScheduledFeeds(ctx, settings);
    const changes: StoreChanges = {
      ...(name === undefined ? {} : { name }),
      ...(url === undefined ? {} : { url }),
      ...(key === undefined ? {} : { webserviceKey: key }),
      ...(auth === undefined ? {} : { authMode: auth }),
      ...(settings === undefined ? {} : { settings }),
    };
    const updated = await ctx.hub.stores.update(store.id, changes);
    request.log.info({ store: updated.name, fields: Object.keys(request.body) }, 'store updated');
    ctx.live.publish({
      type: 'store.changed',
      data: { storeId: updated.id, store: updated.name, change: 'updated' },
    });
    return toApiStore(updated);
  });
};

/** `schedules.<feed>` must name a feed this server runs: a typo would otherwise be kept silently. */
function checkScheduledFeeds(ctx: ApiContext, settings: Record<string, unknown>): void {
  const schedules = settings.schedules;
  if (typeof schedules !== 'object' || schedules === null) return;
  const known = ctx.feeds.map((feed) => feed.name);
  const unknown = Object.keys(schedules).filter((feed) => !known.includes(feed));
  if (unknown.length > 0) {
    throw new ApiError(
      422,
      'invalid-settings',
      `schedules names no feed called ${unknown.map((feed) => `'${feed}'`).join(', ')}. Feeds: ${known.join(', ')}.`,
      {
        fields: unknown.map((feed) => ({
          key: `schedules.${feed}`,
          message: `schedules.${feed}: there is no feed named '${feed}'`,
        })),
      },
    );
  }
}
