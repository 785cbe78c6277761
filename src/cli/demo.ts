import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import type { Logger } from 'pino';

import { type RunningEmulator, Shopper, type ShopperAction, startEmulator } from '../emulator/index.js';
import { type Hub, openHub, parseDatabaseUrl, type Store, type StoreSettingsInput } from '../hub/index.js';
import { FeedRunner, type GoLiveResult, isLive, runGoLive } from '../jobs/index.js';
import { createServerLogger, type RunningServer, startServer } from '../server/index.js';
import {
  allFeeds,
  connectStore,
  type Feed,
  type FeedReport,
  type StoreClientOverrides,
} from '../sync/index.js';
import { SIGN_IN_LINK_TTL_MS, signInLink } from './sign-in-link.js';

/** The demo store's name in the hub. */
export const DEMO_STORE = 'demo';
/** Where the demo shopper's progress is kept, so that a restart replays the same shop history. */
const SHOPPER_MARK = 'demo-shopper';

/**
 * What the demo sets on its store: everything synced every minute, states and carriers mapped to
 * the hub's demo master data, stock kept in one warehouse. The emulator's default order states:
 * 1 and 10 await payment (retried until paid), 6 and 8 are cancelled or failed (skipped), paid ones
 * (2, 3, 4, 5, 11, 13) are approved on arrival.
 */
export const DEMO_SETTINGS: StoreSettingsInput = {
  import: { enabled: true, frequencyMinutes: 1 },
  export: { enabled: true, frequencyMinutes: 1 },
  orderStates: { '1': 'retry', '10': 'retry', '6': 'skip', '8': 'skip' },
  autoApproveStates: [2, 3, 4, 5, 11, 13],
  carriers: { '1': 'PICKUP', '2': 'NEXT-DAY', '3': 'ECONOMY', '4': 'LIGHT' },
  payments: {
    ps_checkpayment: 'CHECK',
    ps_wirepayment: 'WIRE',
    ps_cashondelivery: 'COD',
    ps_checkout: 'CARD',
  },
  stockImportLocation: 'MAIN',
  stockExportLocations: ['MAIN'],
  shipmentStates: { full: 4, partial: null },
  schedules: { 'update-products': 5 },
};

export interface DemoOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Port of the emulated store (default 8081); its URL is the store's URL in the hub. */
  readonly storePort?: number;
  /** Port of the HTTP API (default 8080). */
  readonly apiPort?: number;
  /** New orders a minute (default 6). */
  readonly ordersPerMinute?: number;
  /** Human lines: runs, shopper actions, notes. */
  readonly say: (line: string) => void;
  readonly clock?: () => Date;
  /** Tests drive the scheduler and the shopper themselves. */
  readonly autoStart?: boolean;
  readonly clientOverrides?: StoreClientOverrides;
  readonly feeds?: readonly Feed[];
  /** Relative SQLite paths and the demo secret resolve against this folder (default the process's). */
  readonly cwd?: string;
}

export interface RunningDemo {
  readonly emulator: RunningEmulator;
  readonly hub: Hub;
  readonly server: RunningServer;
  readonly shopper: Shopper;
  readonly store: Store;
  /** What the go-live sequence did at this start, or null when the store was live already. */
  readonly goLive: GoLiveResult | null;
  /** Where the hub's database is, as the CLI's `DATABASE_URL` would name it. */
  readonly databaseUrl: string;
  /** Where the demo's secret is kept, when `PRESTABRIDGE_SECRET` was not set. */
  readonly secretFile: string | null;
  /** The console's one-time sign-in link for the demo's admin (null when that user is disabled). */
  readonly signInUrl: string | null;
  close(): Promise<void>;
}

/** The user the demo signs in as (made without a password: links only). */
export const DEMO_ADMIN = 'admin';

/**
 * `npm start`: an emulated store with the demo catalog and a shopper placing, paying and cancelling
 * orders; the hub on an SQLite file (or `DATABASE_URL`), the store registered and brought live on
 * the first start, then `serve` — the scheduler, the outbox, the API. A later start continues with
 * the same database: the emulator is rebuilt from its seed and the shopper replays its earlier
 * steps (same seed, same orders), so the store and the hub agree again.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const cwd = options.cwd ?? process.cwd();
  const databaseUrl = options.env.DATABASE_URL ?? './data/prestabridge.sqlite';
  const { secret, secretFile } = demoSecret(options.env, databaseUrl, cwd);
  const env = { ...options.env, DATABASE_URL: databaseUrl, PRESTABRIDGE_SECRET: secret };
  const clock = options.clock ?? (() => new Date());
  const feeds = options.feeds ?? allFeeds;
  const clientOverrides = options.clientOverrides ?? {};

  const emulator = await startEmulator({ port: options.storePort ?? 8081, seed: 'demo' });
  const closers: Array<() => Promise<void>> = [() => emulator.close()];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    const hub = await openHub({ env, cwd, clock });
    closers.push(() => hub.close());
    const store = await demoStore(hub, emulator, feeds, clientOverrides, options.say);

    const shopper = new Shopper(emulator.store, {
      ordersPerMinute: options.ordersPerMinute ?? 6,
      onAction: (action) => options.say(describeShopperAction(action)),
      onStep: (steps) => void saveShopperSteps(hub, store.id, steps),
    });
    await replayShopper(hub, store.id, shopper, options.say);

    let goLive: GoLiveResult | null = null;
    if (!(await isLive(hub, store.id))) {
      options.say('Going live: catalog, customers, orders, then the initial stock import…');
      goLive = await runGoLive({
        hub,
        runner: new FeedRunner({ hub, clock, clientOverrides }),
        feeds,
        store,
        onStepEnd: (outcome) => {
          if (outcome.status === 'ran') options.say(runLine(outcome.outcome.report));
        },
      });
      if (!goLive.live) {
        throw new Error(
          `The demo store could not go live: ${goLive.stoppedAt?.feed ?? 'a step'} — ${goLive.stoppedAt?.reason ?? 'see above'}`,
        );
      }
    }

    const server = await startServer({
      hub,
      env,
      clock,
      port: options.apiPort ?? 8080,
      clientOverrides,
      feeds,
      logger: humanLogger(options.say),
      keepHubOpen: true,
      scheduler: { autoStart: options.autoStart ?? true, tickMs: 5_000 },
      outbox: { autoStart: options.autoStart ?? true, idleMs: 2_000 },
    });
    closers.push(() => server.close());
    const signInUrl = await demoSignInLink(hub, server.url);
    if (options.autoStart ?? true) shopper.start();
    closers.push(() => Promise.resolve(shopper.stop()));

    return {
      emulator,
      hub,
      server,
      shopper,
      store: await hub.stores.get(store.id),
      goLive,
      databaseUrl,
      secretFile,
      signInUrl,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The demo store: registered (with its master data) on the first start, its URL kept current. */
async function demoStore(
  hub: Hub,
  emulator: RunningEmulator,
  feeds: readonly Feed[],
  clientOverrides: StoreClientOverrides,
  say: (line: string) => void,
): Promise<Store> {
  const existing = await hub.stores.find(DEMO_STORE);
  if (existing) {
    if (existing.url !== emulator.url) return hub.stores.update(existing.id, { url: emulator.url });
    return existing;
  }
  await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
  await hub.masterData.upsert('shippingMethods', [
    { code: 'PICKUP', name: 'Click and collect' },
    { code: 'NEXT-DAY', name: 'Next-day delivery' },
    { code: 'ECONOMY', name: 'Economy delivery' },
    { code: 'LIGHT', name: 'Light parcels' },
  ]);
  await hub.masterData.upsert('paymentMethods', [
    { code: 'CHECK', name: 'Check' },
    { code: 'WIRE', name: 'Bank wire' },
    { code: 'COD', name: 'Cash on delivery' },
    { code: 'CARD', name: 'Card' },
  ]);
  const [key = ''] = emulator.keys;
  const { store, check } = await connectStore(
    hub,
    { name: DEMO_STORE, url: emulator.url, key },
    { feeds, clientOverrides, onWarning: (message) => say(`warning: ${message}`) },
  );
  say(`Registered the emulated store as '${DEMO_STORE}' (PrestaShop ${check.version ?? 'unknown version'}).`);
  return hub.stores.update(store.id, { settings: DEMO_SETTINGS });
}

/**
 * A one-time link that opens the console signed in as the demo's admin, who is made on the first
 * start without a password (links only). An admin disabled by hand stays disabled: no link then.
 */
async function demoSignInLink(hub: Hub, serverUrl: string): Promise<string | null> {
  const admin =
    (await hub.users.find(DEMO_ADMIN)) ?? (await hub.users.create({ name: DEMO_ADMIN, role: 'admin' }));
  if (admin.disabled) return null;
  return signInLink(serverUrl, await hub.users.createSignInLink(admin.id, SIGN_IN_LINK_TTL_MS));
}

/** Replays the shopper's earlier steps so that the rebuilt emulator holds the orders the hub knows. */
async function replayShopper(
  hub: Hub,
  storeId: number,
  shopper: Shopper,
  say: (line: string) => void,
): Promise<void> {
  const saved = await hub.watermarks.get(storeId, SHOPPER_MARK);
  const steps = Number(saved?.value.steps ?? 0);
  if (steps === 0) return;
  shopper.replay(steps);
  say(`Replayed ${steps} shopper step(s) from the last run: the emulated store has its orders back.`);
}

const savedSteps = new WeakMap<Hub, Promise<void>>();

/** Keeps the shopper's step count in the hub (writes in order; a failed write is retried by the next). */
function saveShopperSteps(hub: Hub, storeId: number, steps: number): Promise<void> {
  const next = (savedSteps.get(hub) ?? Promise.resolve())
    .then(() => hub.watermarks.set(storeId, SHOPPER_MARK, { steps }))
    .catch(() => undefined);
  savedSteps.set(hub, next);
  return next;
}

function describeShopperAction(action: ShopperAction): string {
  switch (action.kind) {
    case 'placed':
      return `shop: order ${action.orderId} (${action.reference}) placed, ${action.lines} line(s)`;
    case 'paid':
      return `shop: order ${action.orderId} paid`;
    case 'cancelled':
      return `shop: order ${action.orderId} cancelled`;
  }
}

function runLine(report: FeedReport): string {
  const { created, updated, unchanged, skipped, failed } = report.counts;
  return (
    `hub: ${report.feed} ${report.status} in ${(report.durationMs / 1000).toFixed(1)} s — ` +
    `created ${created}, updated ${updated}, unchanged ${unchanged}, skipped ${skipped}, failed ${failed}`
  );
}

/** The server's log as one short human line per event (runs, outbox problems), for the demo's terminal. */
function humanLogger(say: (line: string) => void): Logger {
  return createServerLogger({
    level: 'info',
    destination: {
      write(line: string) {
        try {
          const entry = JSON.parse(line) as { msg?: string; event?: string };
          if (entry.event === 'run-started' || entry.msg === undefined) return;
          say(`hub: ${entry.msg}`);
        } catch {
          say(line.trim());
        }
      },
    },
  });
}

/**
 * The secret that encrypts the demo store's key: `PRESTABRIDGE_SECRET` when set; otherwise one made
 * up on the first start and kept beside the SQLite file (never for PostgreSQL, where it must be set).
 */
function demoSecret(
  env: Readonly<Record<string, string | undefined>>,
  databaseUrl: string,
  cwd: string,
): { secret: string; secretFile: string | null } {
  if (env.PRESTABRIDGE_SECRET) return { secret: env.PRESTABRIDGE_SECRET, secretFile: null };
  const target = parseDatabaseUrl(databaseUrl, cwd);
  if (target.engine !== 'sqlite') {
    throw new Error(
      'PRESTABRIDGE_SECRET is not set: with a PostgreSQL DATABASE_URL the demo needs it (for example `export PRESTABRIDGE_SECRET=$(openssl rand -hex 32)`).',
    );
  }
  const file = join(dirname(resolve(cwd, target.path)), 'prestabridge.secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  }
  return { secret: readFileSync(file, 'utf8').trim(), secretFile: file };
}
