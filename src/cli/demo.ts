import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

import type { Logger } from 'pino';

import {
  createEmulatorStore,
  type PersistedStore,
  persistStore,
  type RunningEmulator,
  Shopper,
  type ShopperAction,
  startEmulator,
  StoreFileError,
} from '../emulator/index.js';
import {
  type Hub,
  openHub,
  type OutboxEntry,
  parseDatabaseUrl,
  type Store,
  type StoreSettingsInput,
  WrongSecretError,
} from '../hub/index.js';
import { FeedRunner, type GoLiveResult, isLive, runGoLive } from '../jobs/index.js';
import { createServerLogger, type RunningServer, startServer } from '../server/index.js';
import {
  allFeeds,
  connectStore,
  type Feed,
  type FeedReport,
  type StoreClientOverrides,
} from '../sync/index.js';
import { CliError } from './cli-error.js';
import { acquireDemoLock } from './demo-lock.js';
import { secretFileFor } from './hub-secret.js';
import { SIGN_IN_LINK_TTL_MS, signInLink } from './sign-in-link.js';

/** The demo store's name in the hub. */
export const DEMO_STORE = 'demo';
/** Where the demo shopper's progress is kept: its steps and the orders it has yet to settle. */
const SHOPPER_MARK = 'demo-shopper';
/** What the demo keeps beside the hub's database (the secret file is `hub-secret.ts`'s). */
const DEMO_FILES = {
  lock: 'prestabridge.demo.lock',
  token: 'prestabridge.demo-token',
  store: 'prestabridge.demo-store.json',
} as const;

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
  /** Where the emulated store's state is kept between starts. */
  readonly storeFile: string;
  /** Whether the emulated store came back from that file (false: built from its seed). */
  readonly storeRestored: boolean;
  /** The console's one-time sign-in link for the demo's admin (null when that user is disabled). */
  readonly signInUrl: string | null;
  close(): Promise<void>;
}

/** The user the demo signs in as (made without a password: links only). */
export const DEMO_ADMIN = 'admin';

/**
 * `npm start`: an emulated store with the demo catalog and a shopper placing, paying and cancelling
 * orders; the hub on an SQLite file (or `DATABASE_URL`), the store registered and brought live on
 * the first start, then `serve` — the scheduler, the outbox, the API. The emulated store keeps its
 * state beside the hub's database (`persistStore`), so a later start continues where both were:
 * the orders the shopper placed, and what the hub wrote to the store (quantities, states, tracking
 * numbers). One demo per database (a lock file); the API token is kept there too.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const cwd = options.cwd ?? process.cwd();
  const clock = options.clock ?? (() => new Date());
  const databaseUrl = options.env.DATABASE_URL ?? './data/prestabridge.sqlite';
  const folder = demoFolder(databaseUrl, cwd);
  mkdirSync(folder, { recursive: true });
  const say = options.say;
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    closers.length = 0;
  };

  const lock = acquireDemoLock(join(folder, DEMO_FILES.lock), clock());
  closers.push(() => Promise.resolve(lock.release()));
  if (lock.staleHolder !== null)
    say(`A demo that stopped without tidying up (process ${lock.staleHolder}) left its lock: taken over.`);
  try {
    const { secret, secretFile } = demoSecret(options.env, databaseUrl, cwd);
    const token = options.env.PRESTABRIDGE_TOKEN || demoToken(join(folder, DEMO_FILES.token));
    const env = { ...options.env, DATABASE_URL: databaseUrl, PRESTABRIDGE_SECRET: secret };
    const feeds = options.feeds ?? allFeeds;
    const clientOverrides = options.clientOverrides ?? {};

    const storeFile = join(folder, DEMO_FILES.store);
    const shop = createEmulatorStore({ seed: 'demo' });
    const saved = openStoreFile(shop, storeFile);
    closers.push(() => Promise.resolve(saved.close()));
    const emulator = await listening(
      () => startEmulator({ store: shop, port: options.storePort ?? 8081 }),
      options.storePort ?? 8081,
      'the emulated store',
      '--store-port',
    );
    closers.push(() => emulator.close());
    if (saved.restored) say(`The emulated store is back as it was (${storeFile}).`);
    // Before go-live, which takes a while: a taken API port is said at once (and checked again when serving).
    const apiPort = options.apiPort ?? 8080;
    await listening(() => portFree(apiPort), apiPort, 'the console and the API', '--api-port');

    const hub = await openHub({ env, cwd, clock });
    closers.push(() => hub.close());
    await requireDemoSecret(hub, secretFile);
    const store = await demoStore(hub, emulator, feeds, clientOverrides, say);

    const shopper = await demoShopper(hub, store.id, emulator, saved.restored, options, say);
    closers.push(() => saveShopper(hub, store.id, shopper));

    let goLive: GoLiveResult | null = null;
    if (!(await isLive(hub, store.id))) {
      say('Going live: catalog, customers, orders, then the initial stock import…');
      goLive = await runGoLive({
        hub,
        runner: new FeedRunner({ hub, clock, clientOverrides }),
        feeds,
        store,
        onStepEnd: (outcome) => {
          if (outcome.status === 'ran') say(runLine(outcome.outcome.report));
        },
      });
      if (!goLive.live) {
        throw new Error(
          `The demo store could not go live: ${goLive.stoppedAt?.feed ?? 'a step'} — ${goLive.stoppedAt?.reason ?? 'see above'}`,
        );
      }
    }

    const server = await listening(
      () =>
        startServer({
          hub,
          env,
          clock,
          port: apiPort,
          token,
          clientOverrides,
          feeds,
          logger: humanLogger(say),
          keepHubOpen: true,
          scheduler: { autoStart: options.autoStart ?? true, tickMs: 5_000 },
          outbox: { autoStart: options.autoStart ?? true, idleMs: 2_000 },
        }),
      apiPort,
      'the console and the API',
      '--api-port',
    );
    closers.push(() => server.close());
    const deliveries = await reportDeliveries(hub, store.id, server, say);
    closers.push(() => Promise.resolve(deliveries()));
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
      storeFile,
      storeRestored: saved.restored,
      signInUrl,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Where the demo keeps its files: beside an SQLite database; `./data` when the hub is on PostgreSQL. */
function demoFolder(databaseUrl: string, cwd: string): string {
  const target = parseDatabaseUrl(databaseUrl, cwd);
  return target.engine === 'sqlite' ? dirname(resolve(cwd, target.path)) : resolve(cwd, 'data');
}

/** The emulated store's state file opened, or a clear refusal when it cannot be loaded. */
function openStoreFile(shop: ReturnType<typeof createEmulatorStore>, file: string): PersistedStore {
  try {
    return persistStore(shop, file, { seed: 'demo' });
  } catch (error) {
    if (error instanceof StoreFileError)
      throw new CliError(
        `${error.message} (The hub's database beside it expects the store it saved: start afresh with another ` +
          'DATABASE_URL, or remove the data folder.)',
      );
    throw error;
  }
}

/**
 * Starts a listener; a port already taken becomes one line naming the flag that picks another.
 */
async function listening<T>(start: () => Promise<T>, port: number, what: string, flag: string): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EADDRINUSE')
      throw new CliError(
        `Port ${port} (${what}) is already in use: choose another with ${flag}, ` +
          `e.g. \`npm start -- ${flag} ${port + 10}\` (or \`prestabridge start ${flag} ${port + 10}\`).`,
        { cause: error },
      );
    throw error;
  }
}

/** Resolves when nothing listens on `port` of 127.0.0.1 (port 0: always); rejects with EADDRINUSE otherwise. */
function portFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/**
 * The secret must open the keys already stored: a demo secret file lost or replaced would otherwise
 * make every run fail. Refuse with the way back (documented in docs/cli.md, `secret reset`).
 */
async function requireDemoSecret(hub: Hub, secretFile: string | null): Promise<void> {
  try {
    await hub.stores.verifySecret();
  } catch (error) {
    if (!(error instanceof WrongSecretError)) throw error;
    const source = secretFile === null ? 'PRESTABRIDGE_SECRET' : `The demo secret in ${secretFile}`;
    throw new CliError(
      `${source} is not the secret this database's webservice keys were stored with. Put the original back; ` +
        'if it is lost, run `npx prestabridge secret reset --yes` here (the stored keys are forgotten), then ' +
        "`npm start` again: the demo enters its store's key again by itself, other stores need `prestabridge stores set NAME --key …`.",
      { cause: error },
    );
  }
}

/**
 * The demo store: registered (with its master data) on the first start; its URL kept current, and
 * its key entered again when it has none (after `secret reset`).
 */
async function demoStore(
  hub: Hub,
  emulator: RunningEmulator,
  feeds: readonly Feed[],
  clientOverrides: StoreClientOverrides,
  say: (line: string) => void,
): Promise<Store> {
  const [key = ''] = emulator.keys;
  const existing = await hub.stores.find(DEMO_STORE);
  if (existing) {
    if (!existing.hasKey)
      say(`The '${DEMO_STORE}' store had no webservice key: the emulated store's key is stored again.`);
    return existing.url === emulator.url && existing.hasKey
      ? existing
      : hub.stores.update(existing.id, {
          url: emulator.url,
          ...(existing.hasKey ? {} : { webserviceKey: key }),
        });
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

/**
 * The shopper, carrying on from its saved steps on a store that kept its state. A database from
 * before the store was kept (no state file yet, but shopper steps saved) gets the old way back: the
 * steps are replayed on the seeded store, which places the same orders again.
 */
async function demoShopper(
  hub: Hub,
  storeId: number,
  emulator: RunningEmulator,
  storeRestored: boolean,
  options: DemoOptions,
  say: (line: string) => void,
): Promise<Shopper> {
  const saved = (await hub.watermarks.get(storeId, SHOPPER_MARK))?.value;
  const steps = Number(saved?.steps ?? 0);
  const shopperOptions = {
    ordersPerMinute: options.ordersPerMinute ?? 6,
    onAction: (action: ShopperAction) => say(describeShopperAction(action)),
    onStep: () => void saveShopper(hub, storeId, shopper),
  };
  if (!storeRestored && steps > 0) {
    const shopper: Shopper = new Shopper(emulator.store, shopperOptions);
    shopper.replay(steps);
    say(`Replayed ${steps} shopper step(s) from the last run: the emulated store has its orders back.`);
    return shopper;
  }
  const awaitingPayment = String(saved?.awaitingPayment ?? '')
    .split(',')
    .filter((id) => /^\d+$/.test(id))
    .map(Number);
  const shopper: Shopper = new Shopper(emulator.store, {
    ...shopperOptions,
    resume: { steps, awaitingPayment },
  });
  return shopper;
}

const savedShoppers = new WeakMap<Hub, Promise<void>>();

/** Keeps the shopper's progress in the hub (writes in order; a failed write is retried by the next). */
function saveShopper(hub: Hub, storeId: number, shopper: Shopper): Promise<void> {
  const value = { steps: shopper.steps, awaitingPayment: shopper.awaitingPayment.join(',') };
  const next = (savedShoppers.get(hub) ?? Promise.resolve())
    .then(() => hub.watermarks.set(storeId, SHOPPER_MARK, value))
    .catch(() => undefined);
  savedShoppers.set(hub, next);
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

interface LogEntry {
  readonly msg?: string;
  readonly event?: string;
  readonly runId?: number;
  readonly feed?: string;
  readonly status?: string;
  readonly counts?: { created: number; updated: number; unchanged: number; skipped: number; failed: number };
  readonly error?: string;
  readonly reason?: string;
}

/**
 * The server's log as one short human line per event, for the demo's terminal: runs that changed
 * something (with their counts), failed runs with why, outbox entries given up or blocked with why.
 * Runs that changed nothing — most scheduled runs — say nothing.
 */
function humanLogger(say: (line: string) => void): Logger {
  return createServerLogger({
    level: 'info',
    destination: {
      write(line: string) {
        let entry: LogEntry;
        try {
          entry = JSON.parse(line) as LogEntry;
        } catch {
          say(line.trim());
          return;
        }
        const text = logLine(entry);
        if (text !== null) say(text);
      },
    },
  });
}

function logLine(entry: LogEntry): string | null {
  if (entry.event === 'run-started' || entry.msg === undefined) return null;
  if (entry.event === 'run-finished' && entry.counts !== undefined) {
    const { created, updated, unchanged, skipped, failed } = entry.counts;
    if (entry.status === 'succeeded' && created + updated + failed === 0) return null;
    const counts = `created ${created}, updated ${updated}, unchanged ${unchanged}, skipped ${skipped}, failed ${failed}`;
    if (entry.status === 'failed')
      return `hub: run ${entry.runId} failed: ${entry.feed} — ${entry.error ?? 'no reason given'} (${counts})`;
    return `hub: run ${entry.runId} ${entry.status}: ${entry.feed} — ${counts}`;
  }
  if (entry.event === 'outbox-failed') return `hub → store: ${entry.msg}: ${entry.error ?? ''}`;
  if (entry.event === 'outbox-blocked') return `hub → store: ${entry.msg}: ${entry.reason ?? ''}`;
  return `hub: ${entry.msg}${entry.error === undefined ? '' : `: ${entry.error}`}`;
}

/** At most this many lines per batch of deliveries; the rest is counted. */
const DELIVERIES_SHOWN = 8;

/**
 * The hub → store half of the log: one line per outbox entry delivered to the demo store (stock
 * quantities, order states, shipping confirmations, with the store's ids), read after each outbox
 * pass and run. Returns the function that stops listening.
 */
async function reportDeliveries(
  hub: Hub,
  storeId: number,
  server: RunningServer,
  say: (line: string) => void,
): Promise<() => void> {
  // Entries delivered above `floor` and already told (or delivered before this start). The floor is
  // just under the oldest entry still open, so one queued while the demo was down is told when it goes.
  const told = new Set<number>();
  const deliveredAbove = async (floor: number): Promise<OutboxEntry[]> => {
    const entries: OutboxEntry[] = [];
    for (let beforeId: number | undefined; ;) {
      const page = await hub.outbox.list({
        storeId,
        status: 'done',
        limit: 200,
        ...(beforeId ? { beforeId } : {}),
      });
      const above = page.filter((entry) => entry.id > floor);
      entries.push(...above);
      if (page.length < 200 || above.length < page.length) return entries;
      beforeId = page.at(-1)?.id;
    }
  };
  const floorNow = async (): Promise<number> => {
    const open = [
      ...(await hub.outbox.list({ storeId, status: 'pending', limit: 1_000 })),
      ...(await hub.outbox.list({ storeId, status: 'in_flight', limit: 1_000 })),
    ];
    if (open.length > 0) return Math.min(...open.map((entry) => entry.id)) - 1;
    return (await hub.outbox.list({ storeId, limit: 1 }))[0]?.id ?? 0;
  };
  let floor = await floorNow();
  for (const entry of await deliveredAbove(floor)) told.add(entry.id);
  const read = async (): Promise<void> => {
    // The next floor is taken first: what is still open now stays above it, to be read next time.
    const next = await floorNow();
    const fresh = (await deliveredAbove(floor)).filter((entry) => !told.has(entry.id));
    fresh.sort((a, b) => a.id - b.id);
    for (const entry of fresh) told.add(entry.id);
    floor = Math.max(floor, next);
    for (const id of told) if (id <= floor) told.delete(id);
    for (const entry of fresh.slice(0, DELIVERIES_SHOWN)) say(`hub → store: ${describeDelivery(entry)}`);
    if (fresh.length > DELIVERIES_SHOWN)
      say(`hub → store: … and ${fresh.length - DELIVERIES_SHOWN} more delivered`);
  };
  let reading: Promise<void> = Promise.resolve();
  return server.live.subscribe((event) => {
    const mine =
      (event.type === 'outbox.pass' && event.data.storeId === storeId && event.data.sent > 0) ||
      event.type === 'run.finished';
    if (mine) reading = reading.then(read).catch(() => undefined);
  });
}

function describeDelivery(entry: OutboxEntry): string {
  const payload = (
    typeof entry.payload === 'object' && entry.payload !== null ? entry.payload : {}
  ) as Record<string, unknown>;
  const id = `outbox #${entry.id}`;
  switch (entry.kind) {
    case 'stock': {
      const [product, combination] = (typeof payload.externalId === 'string' ? payload.externalId : '').split(
        ':',
      );
      const row =
        combination === undefined || combination === '0'
          ? `product ${product}`
          : `product ${product}, combination ${combination}`;
      return `stock of ${row} → ${String(payload.quantity)} (${id})`;
    }
    case 'order_state':
      return `order ${String(payload.orderId)} → state ${String(payload.stateId)} (${id})`;
    case 'shipment': {
      const tracking =
        typeof payload.trackingNumber === 'string' ? `, tracking ${payload.trackingNumber}` : '';
      return (
        `order ${String(payload.orderId)} confirmed ${payload.complete === true ? 'shipped' : 'partly shipped'}: ` +
        `state ${String(payload.stateId)}${tracking} (${id})`
      );
    }
    case 'product':
      return `hub product ${entry.target.replace(/^product:/, '')} exported (${id})`;
    default:
      return `${entry.kind} ${entry.target} delivered (${id})`;
  }
}

/**
 * The secret that encrypts the demo store's key: `PRESTABRIDGE_SECRET` when set; otherwise one made
 * up on the first start and kept beside the SQLite file — where every command looks for it
 * (`hub-secret.ts`) — never for PostgreSQL, where it must be set.
 */
function demoSecret(
  env: Readonly<Record<string, string | undefined>>,
  databaseUrl: string,
  cwd: string,
): { secret: string; secretFile: string | null } {
  if (env.PRESTABRIDGE_SECRET) return { secret: env.PRESTABRIDGE_SECRET, secretFile: null };
  const file = secretFileFor(databaseUrl, cwd);
  if (file === null) {
    throw new CliError(
      'PRESTABRIDGE_SECRET is not set: with a PostgreSQL DATABASE_URL the demo needs it (for example `export PRESTABRIDGE_SECRET=$(openssl rand -hex 32)`).',
    );
  }
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  }
  return { secret: readFileSync(file, 'utf8').trim(), secretFile: file };
}

/** The demo's API token, the same at every start: made up once and kept beside the database. */
function demoToken(file: string): string {
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
