import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine, TEST_SECRET } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { forwardRequest } from '../support/forward-request.js';

/**
 * PostgreSQL and pg-boss, as an agency runs them: three `worker` processes and one API process (it
 * schedules and sends jobs, runs none) over 30 emulated stores, for three scheduled cycles. Time is
 * the parent's: it sets every child's clock and tells them all to tick — four schedulers at once, as
 * four machines would. Checked:
 *
 * - every due feed ran exactly once per cycle, and no feed ever ran twice at once (every run tells a
 *   probe here when it begins and ends);
 * - a worker killed with SIGKILL in the middle of a 2,000-order import: once its lease has expired
 *   (the clock moved past it, not a sleep), another worker takes the run over from the last committed
 *   page, and the hub holds every order exactly once;
 * - three stores on one host limited to 12 requests a second, paced at 6 a second for the whole
 *   cluster: the host never refuses a request and never gets more than 12 in any second;
 * - a store whose host never answers fails on its own, while every other store's runs of the cycle
 *   succeed beside it.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const MINUTE = 60_000;
const LEASE_MS = 60_000;
const STORES = 30;
const BIG_ORDERS = 2000;
/** Requests a second the shared host allows. */
const HOST_LIMIT = 12;

interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  waitFor(predicate: (line: string) => boolean): Promise<string>;
  send(line: string): void;
}

function spawnChild(args: Record<string, unknown>): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/jobs/support/cluster-child.ts', JSON.stringify(args)],
    {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  const waiters: Array<{
    predicate: (line: string) => boolean;
    resolve: (line: string) => void;
    reject: (error: Error) => void;
  }> = [];
  child.once('exit', () => {
    for (const waiter of waiters.splice(0)) waiter.reject(new Error('the cluster child exited'));
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const debug = process.env.PRESTABRIDGE_CLUSTER_DEBUG;
    if (debug) appendFileSync(debug, `${new Date().toISOString()} [${child.pid}] ${line}\n`);
    lines.push(line);
    for (const waiter of [...waiters])
      if (waiter.predicate(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
  });
  return {
    process: child,
    lines,
    waitFor: (predicate) =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null)
          reject(new Error('the cluster child exited'));
        else waiters.push({ predicate, resolve, reject });
      }),
    send: (line) => child.stdin.write(`${line}\n`),
  };
}

/** Who runs what now, by the runs' own reports: any second run of a feed (or of a store) at once is kept. */
class OverlapProbe {
  readonly active = new Map<string, Set<string>>();
  readonly overlaps: string[] = [];
  readonly #server: Server;
  #url = '';

  constructor() {
    this.#server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://probe');
      const store = url.searchParams.get('store') ?? '?';
      const feed = url.searchParams.get('feed') ?? '?';
      const pid = url.searchParams.get('pid') ?? '?';
      const storeKey = `store ${store}`;
      const entry = `${pid}:${feed}`;
      if (url.pathname === '/enter') {
        const running = this.active.get(storeKey) ?? new Set<string>();
        if (running.size > 0)
          this.overlaps.push(`${storeKey}: ${entry} began while ${[...running].join(', ')} ran`);
        running.add(entry);
        this.active.set(storeKey, running);
      } else {
        this.active.get(storeKey)?.delete(entry);
      }
      response.end('ok');
    });
  }

  get url(): string {
    return this.#url;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** A killed process never says its run ended. */
  forget(pid: number): void {
    for (const running of this.active.values())
      for (const entry of [...running]) if (entry.startsWith(`${pid}:`)) running.delete(entry);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/**
 * A host in front of an emulator that allows `limit` requests in any second: it notes when each
 * request arrives, refuses one over the limit with 429 (as a store's host does), and forwards the rest.
 * Counted and refused at the same point, so that the two can never disagree.
 */
class RecordingHost {
  readonly arrivals: number[] = [];
  refused = 0;
  readonly #server: Server;
  #url = '';

  constructor(target: string, limit: number) {
    const base = new URL(target);
    this.#server = createServer((request, response) => {
      const now = Date.now();
      this.arrivals.push(now);
      const inLastSecond = this.arrivals.filter((at) => now - at < 1000).length;
      if (inLastSecond > limit) {
        this.refused += 1;
        response.writeHead(429, { 'retry-after': '1' }).end();
        return;
      }
      forwardRequest(base, request, response);
    });
  }

  get url(): string {
    return this.#url;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

describeEachEngine('a cluster of workers on pg-boss', (engine) => {
  if (engine.kind !== 'postgres') {
    it.skip('needs PostgreSQL (pg-boss)', () => undefined);
    return;
  }
  const emulators: RunningEmulator[] = [];
  const children: Child[] = [];
  const probe = new OverlapProbe();
  let hub: Hub;
  let stores: Store[] = [];
  let big: Store;
  let hanging: Store;
  let limited: Store[] = [];
  let database: pg.Client;
  let host: RecordingHost;

  const childArgs = (role: 'worker' | 'api', clock: number): Record<string, unknown> => ({
    databaseUrl: engine.databaseUrl(),
    secret: TEST_SECRET,
    role,
    clock: new Date(clock).toISOString(),
    probe: probe.url,
    concurrency: 4,
    leaseMs: LEASE_MS,
    // 6 a second against a host that refuses the 13th: half its limit, a margin for workers that wake
    // late on a loaded machine (one refusal was seen at 8 a second).
    hostRequestsPerMinute: 360,
    timeoutMs: 10_000,
  });
  const start = async (role: 'worker' | 'api', clock: number): Promise<Child> => {
    const child = spawnChild(childArgs(role, clock));
    children.push(child);
    await child.waitFor((line) => line === 'ready');
    return child;
  };
  const live = (): Child[] =>
    children.filter((child) => child.process.exitCode === null && !child.process.killed);
  const runLines = (): string[] =>
    children.flatMap((child) => child.lines.filter((line) => line.startsWith('run ')));
  /** Until each of `pairs` (`<store id> <feed>`) has finished `times` runs (an interrupted one not counted). */
  const waitForPairs = async (times: number, pairs: readonly string[]): Promise<void> => {
    const done = (): boolean => {
      const counts = new Map<string, number>();
      for (const line of runLines()) {
        const [, store, feed, status] = line.split(' ');
        if (status === 'interrupted') continue;
        counts.set(`${store} ${feed}`, (counts.get(`${store} ${feed}`) ?? 0) + 1);
      }
      return pairs.every((pair) => (counts.get(pair) ?? 0) >= times);
    };
    if (done()) return;
    await Promise.race(
      live().map((child) => child.waitFor(done).catch(() => new Promise<string>(() => undefined))),
    );
  };
  /** Every live child at `clock`, each having renewed its leases and heartbeats at that time. */
  const setClock = async (clock: number): Promise<void> => {
    const iso = new Date(clock).toISOString();
    await Promise.all(
      live().map(async (child) => {
        const acknowledged = child.waitFor((line) => line === `clock ${iso}`);
        child.send(`clock ${iso}`);
        await acknowledged;
      }),
    );
  };
  /** Every live child at `clock`, then all of them tick at once. */
  const cycle = async (clock: number): Promise<void> => {
    await setClock(clock);
    await Promise.all(
      live().map(async (child) => {
        const ticked = child.waitFor((line) => line.startsWith('ticked'));
        child.send('tick');
        await ticked;
      }),
    );
  };

  beforeAll(async () => {
    await probe.listen();
    hub = await engine.openHub({ clock: () => new Date(T0) });
    database = new pg.Client({ connectionString: engine.databaseUrl() });
    await database.connect();
    const settings = { import: { enabled: true, frequencyMinutes: 5 }, export: { enabled: false } };
    emulators.push(
      await startEmulator({
        port: 0,
        seed: 'small',
        sizes: { products: 4, customers: 200, orders: BIG_ORDERS },
      }),
      await startEmulator({ port: 0, seed: 'small', faults: { hangRate: 1, hangMs: null } }),
      await startEmulator({
        port: 0,
        seed: 'small',
        sizes: { products: 4, customers: 20, orders: 20 },
      }),
    );
    for (let index = 3; index < STORES - 2; index += 1)
      emulators.push(
        await startEmulator({ port: 0, seed: 'small', sizes: { products: 4, customers: 10, orders: 12 } }),
      );
    big = await addEmulatorStore(hub, emulators[0]!, 'big', settings);
    hanging = await addEmulatorStore(hub, emulators[1]!, 'hanging', {
      ...settings,
      schedules: { 'import-customers': 'off' },
    });
    limited = [];
    host = new RecordingHost(emulators[2]!.url, HOST_LIMIT);
    await host.listen();
    for (const name of ['limited-a', 'limited-b', 'limited-c'])
      limited.push(await addEmulatorStore(hub, { url: host.url, keys: emulators[2]!.keys }, name, settings));
    const small: Store[] = [];
    for (let index = 3; index < emulators.length; index += 1)
      small.push(await addEmulatorStore(hub, emulators[index]!, `shop-${index}`, settings));
    stores = [big, hanging, ...limited, ...small];
    expect(stores).toHaveLength(STORES);
    await Promise.all([start('worker', T0), start('worker', T0), start('worker', T0), start('api', T0)]);
  }, 120_000);

  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await database?.end().catch(() => undefined);
    await Promise.all(emulators.map((emulator) => emulator.close()));
    await probe.close();
    await host?.close();
  });

  it('runs every due feed once per cycle across four schedulers, and takes a killed worker’s import over', async () => {
    // Cycle 1: 29 stores × 2 feeds + the hanging store's import-orders are due.
    // Exactly one worker is killed: the first to report progress on the big import. The others keep
    // watching for that line, and the one that takes the import over reports it too; it must live.
    let victim: number | undefined;
    const killed = new Promise<number>((resolve) => {
      for (const child of children.slice(0, 3))
        void child
          .waitFor(
            (line) => line.startsWith(`progress ${big.id} import-orders `) && Number(line.split(' ')[3]) > 0,
          )
          .then(
            () => {
              if (victim !== undefined) return;
              const pid = child.process.pid!;
              victim = pid;
              child.process.kill('SIGKILL');
              probe.forget(pid);
              resolve(pid);
            },
            () => undefined,
          );
    });
    await cycle(T0);
    await killed;
    // The killed worker's runs (the big import among them) keep their leases until they expire: the
    // clock moves past them (nobody sleeps), a new worker joins, every process ticks again, and the
    // runs are taken over from their last committed page.
    // In steps shorter than half a lease, each acknowledged once every child has renewed what it holds
    // at the new time: a live run never looks stale to a process that is a step ahead.
    await setClock(T0 + LEASE_MS / 2);
    await start('worker', T0 + LEASE_MS + 1_000);
    await cycle(T0 + LEASE_MS + 1_000);
    await waitForPairs(
      1,
      stores.flatMap((store) =>
        store.id === hanging.id
          ? [`${store.id} import-orders`]
          : [`${store.id} import-customers`, `${store.id} import-orders`],
      ),
    );
    const orders = await database.query<{ n: string; distinct: string }>(
      `select count(*) as n, count(distinct b.external_id) as distinct
         from orders o join bindings b on b.local_id = o.id and b.resource = 'orders' and b.store_id = o.store_id
        where o.store_id = $1`,
      [big.id],
    );
    expect(Number(orders.rows[0]!.n)).toBe(BIG_ORDERS);
    expect(Number(orders.rows[0]!.distinct)).toBe(BIG_ORDERS);

    // Cycles 2 and 3, without the hanging store.
    await hub.stores.update(hanging.id, { settings: { enabled: false } });
    const steady = stores
      .filter((store) => store.id !== hanging.id)
      .flatMap((store) => [`${store.id} import-customers`, `${store.id} import-orders`]);
    await cycle(T0 + 7 * MINUTE);
    await waitForPairs(2, steady);
    await cycle(T0 + 14 * MINUTE);
    await waitForPairs(3, steady);

    expect(probe.overlaps).toEqual([]);
    const runs = await database.query<{ store_id: number; feed: string; status: string; started_at: Date }>(
      'select store_id, feed, status, started_at from runs order by id',
    );
    const cycleOf = (at: Date): number =>
      at.getTime() < T0 + 7 * MINUTE ? 1 : at.getTime() < T0 + 14 * MINUTE ? 2 : 3;
    const perCycle = new Map<string, number>();
    for (const run of runs.rows) {
      if (run.status === 'interrupted') continue;
      const key = `${run.store_id} ${run.feed} cycle ${cycleOf(run.started_at)}`;
      perCycle.set(key, (perCycle.get(key) ?? 0) + 1);
    }
    for (const store of stores) {
      for (const feed of ['import-customers', 'import-orders']) {
        for (const cycleNo of [1, 2, 3]) {
          const expected = store.id === hanging.id ? (feed === 'import-orders' && cycleNo === 1 ? 1 : 0) : 1;
          expect(
            perCycle.get(`${store.id} ${feed} cycle ${cycleNo}`) ?? 0,
            `${store.name} ${feed} cycle ${cycleNo}`,
          ).toBe(expected);
        }
      }
    }
    const interrupted = runs.rows.filter((run) => run.status === 'interrupted');
    expect(interrupted.map((run) => `${run.store_id} ${run.feed}`)).toContain(`${big.id} import-orders`);
    const failed = runs.rows.filter((run) => run.status === 'failed').map((run) => run.store_id);
    expect(new Set(failed)).toEqual(new Set([hanging.id]));

    // The host shared by three stores: never refused, never more than its limit in a second.
    expect(host.arrivals.length).toBeGreaterThan(20);
    expect(host.refused).toBe(0);
    const times = host.arrivals;
    let most = 0;
    for (let first = 0, last = 0; last < times.length; last += 1) {
      while (times[last]! - times[first]! >= 1000) first += 1;
      most = Math.max(most, last - first + 1);
    }
    expect(most).toBeLessThanOrEqual(HOST_LIMIT);
  }, 300_000);
});
