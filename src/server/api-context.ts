import type { FastifyInstance } from 'fastify';

import { type Hub, NotFoundError, type SessionLifetime, type Store } from '../hub/index.js';
import type {
  EmbeddedScheduler,
  FeedRunner,
  FeedScheduleOverride,
  JobMetrics,
  JobRunner,
} from '../jobs/index.js';
import type { Feed, StoreClientOverrides } from '../sync/index.js';
import type { LiveEvents } from './live-events.js';
import type { RunLauncher } from './run-launcher.js';
import type { SignInLimiter } from './sign-in-limiter.js';

/** What every route works with. */
export interface ApiContext {
  readonly hub: Hub;
  /** Every feed the API knows (run now, schedules, lists). */
  readonly feeds: readonly Feed[];
  readonly runner: FeedRunner;
  readonly launcher: RunLauncher;
  readonly scheduler: EmbeddedScheduler;
  /** Webservice client settings for probes (tests point them at an emulator with short timeouts). */
  readonly clientOverrides: StoreClientOverrides;
  /** The schedule override the scheduler applies (the store's `schedules` setting, and serve's own). */
  readonly scheduleOverride: (store: Store, feed: Feed) => FeedScheduleOverride | undefined;
  /** Something was queued for a store: the outbox loop should look now. */
  nudgeOutbox(): void;
  /**
   * Sign-in: how long sessions live, the limit on failed attempts, and the clock sessions are
   * measured with (default {@link ApiContext.clock}).
   */
  readonly auth: {
    readonly sessionLifetime: SessionLifetime;
    readonly limiter: SignInLimiter;
    readonly clock?: () => Date;
  };
  /** What `/events` streams to the console. */
  readonly live: LiveEvents;
  /** Metrics and the job runner (depths for `/workers` and `/metrics`). */
  readonly jobs?: { readonly metrics: JobMetrics; readonly runner: JobRunner | undefined };
  readonly clock: () => Date;
}

/** A route file's registration function. */
export type RouteRegistration = (app: FastifyInstance, ctx: ApiContext) => void;

/** The clock browser sessions are measured with. */
export function sessionClock(ctx: ApiContext): () => Date {
  return ctx.auth.clock ?? ctx.clock;
}

/** The `:store` path parameter: a store name, or its numeric id. */
export async function storeNamed(hub: Hub, value: string): Promise<Store> {
  const byName = await hub.stores.find(value);
  if (byName) return byName;
  if (/^\d+$/.test(value)) {
    const byId = await hub.stores.find(Number(value));
    if (byId) return byId;
  }
  throw new NotFoundError(`No store named '${value}'. GET /stores lists the stores.`);
}

/** The `:feed` path parameter. */
export function feedNamed(ctx: ApiContext, name: string): Feed {
  const feed = ctx.feeds.find((candidate) => candidate.name === name);
  if (feed) return feed;
  throw new NotFoundError(
    `There is no feed named '${name}'. Feeds: ${ctx.feeds.map((candidate) => candidate.name).join(', ')}.`,
  );
}

/** The path of the next page of a list, or null when this page was the last. */
export function nextPage(
  path: string,
  query: Readonly<Record<string, string | number | undefined>>,
  cursor: { readonly name: string; readonly value: number | undefined },
  pageLength: number,
  limit: number,
): string | null {
  if (pageLength < limit || cursor.value === undefined) return null;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, [cursor.name]: cursor.value })) {
    if (value !== undefined) params.set(key, String(value));
  }
  return `${path}?${params.toString()}`;
}
