import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { DEMO_STORE, type RunningDemo, startDemo } from '../../src/cli/demo.js';
import { textOf } from '../../src/emulator/index.js';
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
  const start = (): Promise<RunningDemo> =>
    startDemo({
      env: {},
      cwd: folder,
      storePort: 0,
      apiPort: 0,
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

  it('pushes a stock change made in the hub to the store', async () => {
    interface StockItem {
      variantId: number;
      kit: boolean;
      sellable: Array<{ quantity: number }>;
    }
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
    const [productId, combinationId] = binding!.externalId.split(':').map(Number);
    const storeQuantity = (): number => {
      const rows = [...demo.emulator.store.table('stock_availables')!.ids()]
        .map((id) => demo.emulator.store.get('stock_availables', id)!)
        .filter(
          (row) =>
            textOf(row.values.id_product) === String(productId) &&
            textOf(row.values.id_product_attribute) === String(combinationId),
        );
      return Number(textOf(rows[0]?.values.quantity));
    };
    demo.server.outbox.start();
    await vi.waitFor(() => expect(storeQuantity()).toBe(before + 7), { timeout: 20_000, interval: 100 });
  });

  it('continues from the same database after a restart: no second go-live, the shop history replayed', async () => {
    const orders = demo.emulator.store.count('orders');
    const imported = (await demo.hub.orders.list({ storeId: demo.store.id, limit: 100_000 })).length;
    await demo.close();
    lines.length = 0;
    demo = await start();
    expect(demo.goLive).toBeNull();
    expect(demo.emulator.store.count('orders')).toBe(orders);
    expect(lines.some((line) => line.startsWith('Replayed'))).toBe(true);
    await aMinuteLater();
    expect((await demo.hub.orders.list({ storeId: demo.store.id, limit: 100_000 })).length).toBe(imported);
  });
});
