import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { DEMO_STORE, type RunningDemo, startDemo } from '../../src/cli/demo.js';
import { main } from '../../src/cli/main.js';
import { textOf } from '../../src/emulator/index.js';
import { openHub } from '../../src/hub/index.js';
import { adjustStock } from '../../src/sync/index.js';
import { captureIo } from '../support/capture-io.js';
import { manualClock } from '../support/databases.js';

/**
 * `npm start`'s composition, end to end: the emulated store with its shopper, the hub on an SQLite
 * file brought live, and `serve` — driven by hand (a clock moved forward, scheduler ticks) instead of
 * waiting minutes for real.
 */
describe('npm start (the live demo)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'prestabridge-demo-'));
  const clock = manualClock(new Date());
  const lines: string[] = [];
  let demo: RunningDemo;
  const start = (ports: { storePort?: number; apiPort?: number } = {}, cwd = folder): Promise<RunningDemo> =>
    startDemo({
      env: {},
      cwd,
      storePort: ports.storePort ?? 0,
      apiPort: ports.apiPort ?? 0,
      say: (line) => lines.push(line),
      clock,
      autoStart: false,
      clientOverrides: { retry: { maxRetries: 1 } },
    });
  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await fetch(`${demo.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${demo.server.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as T };
  }
  /** One scheduler pass a minute later, waited for to the end. */
  const aMinuteLater = async (): Promise<void> => {
    clock.advance(61_000);
    await demo.server.tick();
    await demo.server.scheduler.idle();
  };

  beforeAll(async () => {
    demo = await start();
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('registers the emulated store on a fresh database and brings it live', async () => {
    expect(demo.goLive?.live).toBe(true);
    expect(demo.store.name).toBe(DEMO_STORE);
    expect(demo.secretFile).toBe(join(folder, 'data', 'prestabridge.secret'));
    expect(lines.some((line) => line.startsWith('hub: import-orders succeeded'))).toBe(true);
    const { json } = await api<{ items: unknown[] }>('GET', `/orders?store=${DEMO_STORE}&limit=1`);
    expect(json.items.length).toBe(1);
  });

  it('prints a one-time link that signs the newcomer in to the console as the demo admin', async () => {
    expect(demo.signInUrl).toMatch(new RegExp(`^${demo.server.url}/auth/link\\?token=`));
    const page = await fetch(demo.server.url);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const signIn = await fetch(demo.signInUrl!, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/#/');
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const me = await fetch(`${demo.server.url}/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: { name: 'admin', role: 'admin' }, via: 'session' });
    // Once only.
    const again = await fetch(demo.signInUrl!, { redirect: 'manual' });
    expect(again.headers.get('location')).toBe('/#/sign-in?link=invalid');
  });

  it('imports the orders the shopper places at the next scheduled run', async () => {
    const placed: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      for (const action of demo.shopper.step()) if (action.kind === 'placed') placed.push(action.orderId);
    }
    expect(placed.length).toBeGreaterThan(0);
    await aMinuteLater();
    for (const orderId of placed) {
      const state = textOf(demo.emulator.store.get('orders', orderId)?.values.current_state);
      const inHub = await demo.hub.orders.findByExternalId(demo.store.id, orderId);
      // The demo's state rules: awaiting payment waits in the retry list, cancelled is skipped.
      if (['1', '10', '6'].includes(state))
        expect(inHub, `order ${orderId} (state ${state})`).toBeUndefined();
      else expect(inHub?.externalId, `order ${orderId} (state ${state})`).toBe(String(orderId));
    }
    expect(lines.some((line) => /hub: run \d+ succeeded: import-orders — created [1-9]/.test(line))).toBe(
      true,
    );
  });

  /** The store's quantity of one variant (`product:combination`). */
  const storeQuantity = (externalId: string): number => {
    const [productId, combinationId] = externalId.split(':');
    const row = [...demo.emulator.store.table('stock_availables')!.ids()]
      .map((id) => demo.emulator.store.get('stock_availables', id)!)
      .find(
        (candidate) =>
          textOf(candidate.values.id_product) === productId &&
          textOf(candidate.values.id_product_attribute) === combinationId,
      );
    return Number(textOf(row?.values.quantity));
  };
  interface StockItem {
    variantId: number;
    kit: boolean;
    sellable: Array<{ quantity: number }>;
  }
  /** The hub's sellable quantity of a variant at MAIN, through the API. */
  const hubSellable = async (variantId: number): Promise<number> => {
    const { json } = await api<{ items: StockItem[] }>('GET', '/stock?location=MAIN&limit=500');
    return json.items.find((item) => item.variantId === variantId)!.sellable[0]!.quantity;
  };
  /** The log line of a stock push: `hub → store: stock of product 12, combination 34 → 17 (outbox #5)`. */
  const pushLine = (externalId: string, quantity: number): RegExp => {
    const [productId, combinationId] = externalId.split(':');
    const row =
      combinationId === '0' ? `product ${productId}` : `product ${productId}, combination ${combinationId}`;
    return new RegExp(`^hub → store: stock of ${row} → ${quantity} \\(outbox #\\d+\\)$`);
  };
  /** What the demo pushed and shipped, checked again after the restart. */
  const pushed = { variantId: 0, externalId: '', quantity: 0, orderId: 0 };

  it('pushes a stock change made in the hub to the store, and logs the push with its ids', async () => {
    const { json: stock } = await api<{ items: StockItem[] }>('GET', '/stock?location=MAIN&limit=50');
    const item = stock.items.find((candidate) => !candidate.kit && candidate.sellable.length > 0)!;
    const before = item.sellable[0]!.quantity;
    const adjusted = await api<{ queued: number }>('POST', '/stock/adjustments', {
      variantId: item.variantId,
      location: 'MAIN',
      change: 7,
      reason: 'delivery (demo test)',
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.json.queued).toBe(1);
    const binding = (await demo.hub.bindings.forLocal('variants', [item.variantId])).find(
      (candidate) => candidate.storeId === demo.store.id,
    );
    const externalId = binding!.externalId;
    demo.server.outbox.start();
    await vi.waitFor(() => expect(storeQuantity(externalId)).toBe(before + 7), {
      timeout: 20_000,
      interval: 100,
    });
    Object.assign(pushed, { variantId: item.variantId, externalId, quantity: before + 7 });
    await vi.waitFor(
      () => expect(lines.some((line) => pushLine(externalId, before + 7).test(line))).toBe(true),
      { timeout: 10_000, interval: 50 },
    );
  });

  it('ships an order from another terminal: the CLI finds the demo secret beside the database and tells the store', async () => {
    const approved = (
      await demo.hub.orders.list({ storeId: demo.store.id, status: 'approved', limit: 1 })
    )[0]!;
    const io = captureIo({ DATABASE_URL: join(folder, 'data', 'prestabridge.sqlite') });
    const code = await main(
      ['orders', 'ship', approved.externalId!, '--store', DEMO_STORE, '--tracking', 'DEMO-42'],
      io,
      { clientOverrides: { retry: { maxRetries: 1 } } },
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toContain('Store: told (tracking number and shipment state).');
    const order = demo.emulator.store.get('orders', Number(approved.externalId))!;
    expect(textOf(order.values.current_state)).toBe('4');
    expect(textOf(order.values.shipping_number)).toBe('DEMO-42');
    pushed.orderId = Number(approved.externalId);
  });

  it('stays quiet about runs that changed nothing, and says why a run failed', async () => {
    await aMinuteLater(); // settles what the steps above changed
    lines.length = 0;
    await aMinuteLater();
    expect(lines.filter((line) => line.startsWith('hub: run '))).toEqual([]);

    demo.emulator.faults.update({ htmlErrorRate: 1 });
    try {
      await aMinuteLater();
    } finally {
      demo.emulator.faults.clear();
    }
    const failed = lines.filter((line) => / failed: /.test(line));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatch(
      /^hub: run \d+ failed: [a-z-]+ — .+ \(created \d+, updated \d+, unchanged \d+, skipped \d+, failed \d+\)$/,
    );
  });

  it('refuses a second demo on the same database, naming the running one; takes over a stale lock', async () => {
    await expect(start()).rejects.toThrow(
      new RegExp(
        `^Another demo is already running on this database \\(process ${process.pid}, started .*; lock ${join(folder, 'data', 'prestabridge.demo.lock').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\. ` +
          'Stop it first',
      ),
    );
    // The running demo is untouched.
    expect((await fetch(`${demo.server.url}/health`)).status).toBe(200);

    const other = mkdtempSync(join(tmpdir(), 'prestabridge-demo-stale-'));
    try {
      const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
      writeFileSync(
        join(other, 'prestabridge.demo.lock'),
        JSON.stringify({ pid: gone, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }),
      );
      const before = lines.length;
      const second = await startDemo({
        env: { DATABASE_URL: join(other, 'prestabridge.sqlite') },
        cwd: other,
        storePort: 0,
        apiPort: 0,
        say: (line) => lines.push(line),
        clock,
        autoStart: false,
      });
      await second.close();
      expect(lines.slice(before)).toContain(
        `A demo that stopped without tidying up (process ${gone}) left its lock: taken over.`,
      );
      expect(existsSync(join(other, 'prestabridge.demo.lock'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('names the flag to use when a port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const other = mkdtempSync(join(tmpdir(), 'prestabridge-demo-port-'));
    try {
      await expect(start({ storePort: port }, other)).rejects.toThrow(
        `Port ${port} (the emulated store) is already in use: choose another with --store-port, e.g. \`npm start -- --store-port ${port + 10}\``,
      );
      await expect(start({ apiPort: port }, other)).rejects.toThrow(
        `Port ${port} (the console and the API) is already in use: choose another with --api-port`,
      );
      // Nothing left behind that would refuse the next start: the lock is gone.
      expect(existsSync(join(other, 'data', 'prestabridge.demo.lock'))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('after Ctrl-C and a new start on the same folder, store and hub still agree, with the same API token', async () => {
    const token = demo.server.token;
    for (let i = 0; i < 3; i += 1) demo.shopper.step();
    await aMinuteLater();
    const orders = demo.emulator.store.count('orders');
    const imported = (await demo.hub.orders.list({ storeId: demo.store.id, limit: 100_000 })).length;
    const steps = demo.shopper.steps;
    await demo.close();
    lines.length = 0;
    // While the demo is down, the hub changes (another terminal): queued, to be pushed after the start.
    const offline = await openHub({
      env: {},
      databaseUrl: join(folder, 'data', 'prestabridge.sqlite'),
      secret: readFileSync(join(folder, 'data', 'prestabridge.secret'), 'utf8').trim(),
    });
    try {
      await adjustStock(offline, {
        variantId: pushed.variantId,
        location: 'MAIN',
        change: 3,
        reason: 'while stopped',
      });
    } finally {
      await offline.close();
    }
    pushed.quantity += 3;

    demo = await start();
    expect(demo.goLive).toBeNull();
    expect(demo.storeRestored).toBe(true);
    expect(lines).toContain(`The emulated store is back as it was (${demo.storeFile}).`);
    expect(demo.server.token).toBe(token);
    expect(
      (await fetch(`${demo.server.url}/orders?limit=1`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);

    // The store kept its orders and what the hub wrote to it; the change queued meanwhile goes out and is told.
    expect(demo.emulator.store.count('orders')).toBe(orders);
    demo.server.outbox.start();
    await vi.waitFor(() => expect(storeQuantity(pushed.externalId)).toBe(pushed.quantity), {
      timeout: 20_000,
      interval: 100,
    });
    await vi.waitFor(
      () => expect(lines.some((line) => pushLine(pushed.externalId, pushed.quantity).test(line))).toBe(true),
      { timeout: 10_000, interval: 50 },
    );
    expect(await hubSellable(pushed.variantId)).toBe(pushed.quantity);
    const shipped = demo.emulator.store.get('orders', pushed.orderId)!;
    expect(textOf(shipped.values.current_state)).toBe('4');
    expect(textOf(shipped.values.shipping_number)).toBe('DEMO-42');
    expect((await demo.hub.orders.findByExternalId(demo.store.id, pushed.orderId))?.hubStatus).toBe(
      'shipped',
    );

    // Nothing is imported twice, and the shopper carries on with new orders.
    await aMinuteLater();
    expect((await demo.hub.orders.list({ storeId: demo.store.id, limit: 100_000 })).length).toBe(imported);
    expect(demo.shopper.steps).toBe(steps);
    const placed = demo.shopper.step().find((action) => action.kind === 'placed');
    expect(placed?.kind === 'placed' && placed.orderId).toBe(orders + 1);
    await aMinuteLater();
    expect(storeQuantity(pushed.externalId)).toBe(await hubSellable(pushed.variantId));
  }, 120_000);

  it('keeps its files beside the database, the token private to the user', () => {
    const data = join(folder, 'data');
    for (const name of ['prestabridge.secret', 'prestabridge.demo-token', 'prestabridge.demo-store.json'])
      expect(existsSync(join(data, name)), name).toBe(true);
    expect(readFileSync(join(data, 'prestabridge.demo-token'), 'utf8').trim()).toBe(demo.server.token);
    expect(JSON.parse(readFileSync(join(data, 'prestabridge.demo.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
  });

  it('a lost demo secret: the start says how to recover, and after secret reset the demo stores its key again', async () => {
    await demo.close();
    const secretFile = join(folder, 'data', 'prestabridge.secret');
    writeFileSync(secretFile, 'a-new-secret-after-the-first-was-lost\n');
    await expect(start()).rejects.toThrow(
      `The demo secret in ${secretFile} is not the secret this database's webservice keys were stored with. ` +
        'Put the original back; if it is lost, run `npx prestabridge secret reset --yes` here',
    );
    const io = captureIo({ DATABASE_URL: join(folder, 'data', 'prestabridge.sqlite') });
    expect(await main(['secret', 'reset', '--yes'], io)).toBe(0);
    expect(io.out()).toContain(`prestabridge stores set ${DEMO_STORE} --key KEY`);

    lines.length = 0;
    demo = await start();
    expect(lines).toContain(
      `The '${DEMO_STORE}' store had no webservice key: the emulated store's key is stored again.`,
    );
    expect(await demo.hub.stores.webserviceKey(DEMO_STORE)).toBe(demo.emulator.keys[0]);
    for (let i = 0; i < 3; i += 1) demo.shopper.step();
    await aMinuteLater();
    expect(lines.filter((line) => / failed: /.test(line))).toEqual([]);
    expect(lines.some((line) => /hub: run \d+ succeeded: import-orders — created [1-9]/.test(line))).toBe(
      true,
    );
  }, 120_000);
});
