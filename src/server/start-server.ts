import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import { WebhookDeliveryLoop } from '../automation/index.js';
import { type Hub, redact, type SessionLifetime, type Store } from '../hub/index.js';
import {
  EmbeddedScheduler,
  FeedRunner,
  type FeedRunnerOptions,
  type FeedScheduleOverride,
  JobMetrics,
  type JobWorkerOptions,
  type RunningJobWorker,
  scheduleOverride,
  startJobWorker,
} from '../jobs/index.js';
import {
  allFeeds,
  drainOutboxFeed,
  type Feed,
  FeedBusyError,
  OutboxDrainLoop,
  type OutboxDrainReport,
  type OutboxHandler,
  type StoreClientOverrides,
} from '../sync/index.js';
import { DEFAULT_SESSION_LIFETIME } from './access-control.js';
import type { ApiContext } from './api-context.js';
import { ServerStoppingError } from './api-errors.js';
import { resolveApiToken, type TokenSource } from './api-token.js';
import { toApiRun } from './api-wire.js';
import { buildApi } from './build-api.js';
import { DEFAULT_RETENTION, keepHouse, type Retention } from './housekeeping.js';
import { LiveEvents } from './live-events.js';
import { RunLauncher } from './run-launcher.js';
import { logOutboxPass, logRunFinished, logRunStarted } from './run-log.js';
import { createServerLogger } from './server-logger.js';
import { SignInLimiter } from './sign-in-limiter.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
/** How often the scheduler looks for due feeds. */
export const DEFAULT_TICK_MS = 15_000;
/** How often old request-log entries, delivered outbox entries and finished runs are removed. */
const HOUSEKEEPING_MS = 60 * 60_000;

export interface ServerOptions {
  readonly hub: Hub;
  /** Where `PRESTABRIDGE_TOKEN` is read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly clock?: () => Date;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. Any other address needs a token. */
  readonly host?: string;
  /** Default `PRESTABRIDGE_TOKEN`; without one on a loopback host, a random token is made up. */
  readonly token?: string;
  /** Webservice client settings for every store (tests point them at an emulator). */
  readonly clientOverrides?: StoreClientOverrides;
  /** The feeds scheduled and offered by the API (default every feed). */
  readonly feeds?: readonly Feed[];
  /** Default: JSON lines on stdout at level info. */
  readonly logger?: Logger;
  /** How outbox entries are delivered (default the built-in handlers). */
  readonly outboxHandlers?: readonly OutboxHandler[];
  /** `autoStart: false` leaves the scheduler to the caller (`tick()`, tests with a fake clock). */
  readonly scheduler?: { readonly autoStart?: boolean; readonly tickMs?: number };
  /** `autoStart: false` leaves the outbox undrained until `outbox.start()`. */
  readonly outbox?: { readonly autoStart?: boolean; readonly idleMs?: number };
  /** `autoStart: false` leaves webhooks undelivered until `webhooks.start()`. */
  readonly webhooks?: { readonly autoStart?: boolean; readonly idleMs?: number };
  /**
   * Hourly removal of old request-log entries, delivered outbox entries and finished runs
   * ({@link DEFAULT_RETENTION}). Starts with the scheduler unless `autoStart` says otherwise.
   */
  readonly housekeeping?: { readonly autoStart?: boolean; readonly retention?: Partial<Retention> };
  readonly runner?: Pick<FeedRunnerOptions, 'leaseMs' | 'heartbeatMs'>;
  /** Leave the hub open at `close()` (default: `close()` closes it). */
  readonly keepHubOpen?: boolean;
  /**
   * Console sign-in: session lifetime (default 12 h idle, 7 days at most) and the clock sessions and
   * the sign-in limit are measured with (default `clock`; tests move it to end a session).
   */
  readonly auth?: { readonly sessionLifetime?: SessionLifetime; readonly clock?: () => Date };
  /** The built console (default `dist/ui` of the package). */
  readonly consoleDir?: string;
  /** How often event streams send a keep-alive and check their session is still valid (default 15 s). */
  readonly liveKeepaliveMs?: number;
  /** Behind a reverse proxy: trust it (Fastify's `trustProxy`; `prestabridge serve` reads PRESTABRIDGE_TRUST_PROXY). */
  readonly trustProxy?: boolean | string;
  /**
   * Feeds and the outbox as jobs of a job runner (`serve` on PostgreSQL: pg-boss) instead of the
   * in-process scheduler and outbox loop; `work: false` only schedules and sends jobs for workers
   * (`serve --no-worker`). Default: the in-process scheduler and loop.
   */
  readonly jobs?: Pick<
    JobWorkerOptions,
    | 'runner'
    | 'databaseUrl'
    | 'work'
    | 'workQueues'
    | 'concurrency'
    | 'hostRequestsPerMinute'
    | 'queues'
    | 'tickMs'
  >;
}

export interface RunningServer {
  /** `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly token: string;
  readonly tokenSource: TokenSource;
  /** The Fastify instance (`app.inject()` in tests). */
  readonly app: FastifyInstance;
  readonly scheduler: EmbeddedScheduler;
  /** Starts what is due now (the timer calls it every `tickMs`); resolves once those runs started. */
  tick(): Promise<void>;
  readonly runner: FeedRunner;
  readonly outbox: OutboxDrainLoop;
  /** Delivers webhook messages (signed, retried, in order per subscription). */
  readonly webhooks: WebhookDeliveryLoop;
  /** The job worker when `jobs` was given (pg-boss or embedded queues), else undefined. */
  readonly jobWorker: RunningJobWorker | undefined;
  /** What `/events` streams (tests and embedders may listen too). */
  readonly live: LiveEvents;
  /**
   * Graceful shutdown: stops the HTTP listener, starts no new run, asks running feeds to stop at their
   * next page (their committed pages and watermark stay) and waits for them, lets outbox deliveries
   * in flight finish and hands back what was claimed and not sent, then closes the hub.
   */
  close(): Promise<void>;
}

/**
 * `prestabridge serve` as a function: the embedded scheduler running every enabled feed of every
 * store at its frequency, the outbox drained continuously, and the HTTP API on `host:port` behind a
 * bearer token.
 *
 * @example
 * const hub = await openHub({ env: process.env });
 * const server = await startServer({ hub, port: 8080 });
 * console.log(`API on ${server.url}`);
 * process.once('SIGTERM', () => void server.close());
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const host = options.host ?? DEFAULT_HOST;
  const { token, source } = resolveApiToken({ token: options.token, env, host });
  const logger = options.logger ?? createServerLogger();
  const clock = options.clock ?? (() => new Date());
  const feeds = options.feeds ?? allFeeds;
  const clientOverrides = options.clientOverrides ?? {};

  let stopping = false;
  const live = new LiveEvents(
    options.liveKeepaliveMs === undefined ? {} : { keepaliveMs: options.liveKeepaliveMs },
  );
  const outbox = new OutboxDrainLoop({
    hub: options.hub,
    ...(options.outboxHandlers === undefined ? {} : { handlers: options.outboxHandlers }),
    clientOverrides,
    ...(options.outbox?.idleMs === undefined ? {} : { idleMs: options.outbox.idleMs }),
    drain: { clock },
    onPass: (reports) => {
      logOutboxPass(logger, reports, blockedOutboxes);
      void publishOutboxPass(options.hub, live, reports);
    },
    onError: (store, error) =>
      logger.error(
        { event: 'outbox-error', store: store.name, error: message(error) },
        'outbox drain failed',
      ),
  });
  const blockedOutboxes = new Map<string, string>();
  const metrics = new JobMetrics();
  const webhooks = new WebhookDeliveryLoop({
    hub: options.hub,
    clock,
    onAttempt: (attempt) => metrics.countWebhookDelivery(attempt.result),
    ...(options.webhooks?.idleMs === undefined ? {} : { idleMs: options.webhooks.idleMs }),
    log: (level, line) => logger[level]({ event: 'webhook-failing' }, line),
    onError: (error) =>
      logger.error({ event: 'webhook-error', error: message(error) }, 'webhook delivery failed'),
  });

  const runner = new FeedRunner({
    hub: options.hub,
    clock,
    clientOverrides,
    ...options.runner,
    admit() {
      if (stopping) throw new ServerStoppingError();
    },
    onRunStarted: (run, store) => {
      logRunStarted(logger, run, store.name);
      live.publish({ type: 'run.started', data: { run: toApiRun(run), store: store.name } });
    },
    onRunProgress: (event, store) => live.progress({ ...event, storeId: store.id }),
    onRunFinished: ({ run, report }) => {
      metrics.recordRun({ run, report }, report.store);
      logRunFinished(logger, run, report);
      live.publish({ type: 'run.finished', data: { run: toApiRun(run), store: report.store } });
      // An export run may have queued changes for the store.
      if (!stopping) nudgeOutbox();
    },
  });
  const launcher = new RunLauncher(runner, (error) =>
    logger.error(
      { event: 'run-error', error: message(error) },
      'a run started through the API failed to finish',
    ),
  );
  // The outbox loop drains all the time in serve: drain-outbox runs only when asked for.
  const overrides = (store: Store, feed: Feed): FeedScheduleOverride | undefined =>
    feed.name === drainOutboxFeed.name ? 'off' : scheduleOverride(store, feed);
  const scheduler = new EmbeddedScheduler({
    hub: options.hub,
    runner,
    feeds,
    clock,
    overrides,
    onRunError: (store, feed, error) => {
      // A feed still running from the last time (here or elsewhere) is simply skipped this time.
      if (error instanceof FeedBusyError || error instanceof ServerStoppingError) {
        logger.debug({ event: 'run-skipped', store: store.name, feed: feed.name, reason: message(error) });
        return;
      }
      logger.error(
        { event: 'run-error', store: store.name, feed: feed.name, error: message(error) },
        `${feed.name} for ${store.name} could not run`,
      );
    },
  });

  const jobWorker =
    options.jobs === undefined
      ? undefined
      : await startJobWorker({
          ...options.jobs,
          hub: options.hub,
          kind: 'serve',
          feeds,
          clock,
          clientOverrides,
          feedRunner: runner,
          metrics,
          autoTick: options.scheduler?.autoStart !== false,
          onRunSkipped: (data, reason) =>
            logger.debug({ event: 'run-skipped', storeId: data.storeId, feed: data.feed, reason }),
          onError: (error, where) =>
            logger.error({ event: 'job-error', context: where, error: message(error) }, `${where} failed`),
        });
  const nudgeOutbox = (): void => (jobWorker ? jobWorker.nudgeOutbox() : outbox.nudge());

  const context: ApiContext = {
    hub: options.hub,
    feeds,
    runner,
    launcher,
    scheduler,
    clientOverrides,
    scheduleOverride: overrides,
    nudgeOutbox,
    auth: {
      sessionLifetime: options.auth?.sessionLifetime ?? DEFAULT_SESSION_LIFETIME,
      limiter: new SignInLimiter({ clock: options.auth?.clock ?? clock }),
      clock: options.auth?.clock ?? clock,
    },
    live,
    jobs: { metrics, runner: jobWorker?.jobs },
    clock,
  };
  const app = buildApi({
    context,
    token,
    logger,
    ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  try {
    await app.listen({ port: options.port ?? DEFAULT_PORT, host });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port =
    typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let ticking: Promise<void> | undefined;
  const tick = (): Promise<void> =>
    (ticking ??= (jobWorker ? jobWorker.tick().then(() => undefined) : scheduler.tick()).finally(
      () => (ticking = undefined),
    ));
  let timer: NodeJS.Timeout | undefined;
  // With a job worker, it schedules (its own timer) and drains the outbox (outbox jobs).
  if (jobWorker === undefined && options.scheduler?.autoStart !== false) {
    timer = setInterval(() => void tick(), options.scheduler?.tickMs ?? DEFAULT_TICK_MS);
    void tick();
  }
  if (jobWorker === undefined && options.outbox?.autoStart !== false) outbox.start();
  // Webhook deliveries hold a lease per subscription: every process that works may deliver.
  if (options.jobs?.work !== false && options.webhooks?.autoStart !== false) webhooks.start();
  let housekeeping: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> = Promise.resolve();
  if (options.housekeeping?.autoStart ?? options.scheduler?.autoStart !== false) {
    const retention = { ...DEFAULT_RETENTION, ...options.housekeeping?.retention };
    const sweep = (): void => {
      sweeping = keepHouse(options.hub, clock(), retention).then(
        (removed) => {
          if (removed.requestLog + removed.outbox + removed.runs > 0)
            logger.info(
              { event: 'housekeeping', removed },
              'old request-log entries, outbox entries and runs removed',
            );
        },
        (error: unknown) =>
          logger.error({ event: 'housekeeping-failed', error: message(error) }, 'housekeeping failed'),
      );
    };
    housekeeping = setInterval(sweep, HOUSEKEEPING_MS);
    housekeeping.unref();
    sweep();
  }
  logger.info(
    { event: 'server-started', url, tokenSource: source, feeds: feeds.length },
    `PrestaBridge API listening on ${url}`,
  );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      stopping = true;
      logger.info(
        { event: 'server-stopping' },
        'shutting down: no new runs, running feeds stop at their next page',
      );
      await app.close();
      clearInterval(timer);
      clearInterval(housekeeping);
      await sweeping;
      await ticking;
      await scheduler.stop();
      await jobWorker?.stop();
      // Runs started through the API stop too (stopAll covers every run of this runner), and are waited for.
      runner.stopAll('shutting down');
      await launcher.idle();
      await outbox.stop();
      await webhooks.stop();
      logger.info({ event: 'server-stopped' }, 'stopped');
      if (!options.keepHubOpen) await options.hub.close();
    })());

  return {
    url,
    token,
    tokenSource: source,
    app,
    scheduler,
    tick,
    runner,
    outbox,
    webhooks,
    jobWorker,
    live,
    close,
  };
}

/** Tells the console what an outbox pass did, for stores where something happened. */
async function publishOutboxPass(
  hub: Hub,
  live: LiveEvents,
  reports: ReadonlyMap<string, OutboxDrainReport>,
): Promise<void> {
  if (live.listenerCount === 0) return;
  for (const [name, report] of reports) {
    if (report.claimed === 0 && report.blocked === null) continue;
    const store = await hub.stores.find(name).catch(() => undefined);
    if (!store) continue;
    live.publish({
      type: 'outbox.pass',
      data: {
        storeId: store.id,
        store: name,
        sent: report.sent + report.superseded,
        failed: report.failed,
        retrying: report.retrying,
        blocked: report.blocked === null ? null : redact(report.blocked),
      },
    });
  }
}

function message(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
