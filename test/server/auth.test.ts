import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub } from '../../src/hub/index.js';
import {
  bearerMatches,
  isLoopbackHost,
  resolveApiToken,
  ServerConfigError,
  startServer,
} from '../../src/server/index.js';
import { describeEachEngine } from '../support/databases.js';
import {
  captureLogs,
  countingFeed,
  type Emulator,
  type ServerUnderTest,
  startTestServer,
  TEST_TOKEN,
} from './server-harness.js';

describe('API token', () => {
  it('knows which hosts only this machine can reach', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'shop.example', '10.0.0.1'])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('takes the token given, else PRESTABRIDGE_TOKEN, else makes one up on a loopback host', () => {
    const env = { PRESTABRIDGE_TOKEN: 'from-the-environment-123' };
    expect(resolveApiToken({ token: 'given-token-0123456789', env, host: '0.0.0.0' })).toEqual({
      token: 'given-token-0123456789',
      source: 'option',
    });
    expect(resolveApiToken({ env, host: '0.0.0.0' })).toEqual({
      token: env.PRESTABRIDGE_TOKEN,
      source: 'env',
    });
    const first = resolveApiToken({ env: {}, host: '127.0.0.1' });
    const second = resolveApiToken({ env: {}, host: '127.0.0.1' });
    expect(first.source).toBe('generated');
    expect(first.token.length).toBeGreaterThanOrEqual(32);
    expect(first.token).not.toBe(second.token);
  });

  it('refuses a public host without a token, and a token too short to be safe', () => {
    expect(() => resolveApiToken({ env: {}, host: '0.0.0.0' })).toThrow(ServerConfigError);
    expect(() => resolveApiToken({ env: {}, host: '0.0.0.0' })).toThrow(/set PRESTABRIDGE_TOKEN/i);
    expect(() => resolveApiToken({ env: { PRESTABRIDGE_TOKEN: 'short' }, host: '127.0.0.1' })).toThrow(
      /too short/,
    );
  });

  it('accepts exactly `Bearer <token>`', () => {
    const token = 'the-right-token-123456';
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
  });
});

describe('API: authentication on every route', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('401 without the token', (engine) => {
    let api: ServerUnderTest;
    let runId: number;
    /** A request that would change something if it were let through. */
    const bodies = (): Record<string, unknown> => ({
      'POST /stores': { name: 'intruder', url: emulator.url, key: emulator.keys[0] },
      'PATCH /stores/{store}': { settings: { enabled: false } },
      'POST /stores/{store}/feeds/{feed}/runs': { options: { pageSize: 2 } },
      'PUT /stores/{store}/feeds/{feed}/schedule': { off: true },
      'POST /orders/{id}/shipments': { trackingNumber: 'LP1' },
      'PUT /orders/{id}/state': { state: 4 },
      'POST /stock/adjustments': { variantId: 1, location: 'MAIN', change: 1, reason: 'intrusion' },
      'POST /users': { name: 'intruder', role: 'admin', password: 'intruder-password' },
      'PATCH /users/{user}': { role: 'admin' },
      'POST /users/{user}/tokens': { label: 'intrusion' },
      'POST /master-data/{kind}': { code: 'INTRUDER', name: 'Intruder' },
      'PATCH /master-data/{kind}/{code}': { name: 'Intruder' },
    });
    const params: Record<string, () => string> = {
      store: () => 'emu',
      feed: () => 'count-products',
      id: () => String(runId),
      user: () => 'ana',
      kind: () => 'units',
      code: () => 'PCS',
      delivery: () => '1',
      variantId: () => '1',
    };

    beforeAll(async () => {
      api = await startTestServer(engine, { feeds: [countingFeed()] });
      await api.hub.stores.create({ name: 'emu', url: emulator.url, webserviceKey: emulator.keys[0]! });
      await api.hub.users.create({ name: 'ana', role: 'viewer', password: 'ana-password-1' });
      await api.hub.masterData.add('unitsOfMeasure', { code: 'PCS', name: 'Pieces' });
      const started = await api.call('POST', '/stores/emu/feeds/count-products/runs');
      runId = started.json<{ run: { id: number } }>().run.id;
      await api.finished(runId);
    });
    afterAll(async () => {
      await api.server.close();
    });

    async function snapshot(hub: Hub): Promise<string> {
      const stores = await hub.stores.list();
      return JSON.stringify({
        stores,
        runs: await hub.runs.list({ limit: 500 }),
        outbox: await hub.outbox.counts(),
        orders: await hub.orders.list({ limit: 500 }),
        stock: await hub.stock.list({ limit: 500 }),
        log: await hub.requestLog.list({ limit: 500 }),
        watermarks: await Promise.all(stores.map((store) => hub.watermarks.list(store.id))),
        users: await hub.users.list(),
        tokens: await hub.users.tokens((await hub.users.get('ana')).id),
        units: await hub.masterData.list('unitsOfMeasure'),
      });
    }

    it('answers 401 to every protected route without a token or with a wrong one, changing nothing', async () => {
      const document = (await api.call('GET', '/openapi.json', undefined, null)).json<{
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      }>();
      const samples = bodies();
      let checked = 0;
      const before = await snapshot(api.hub);
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (operation.security?.length === 0) continue;
          const url = path.replace(/\{(\w+)\}/g, (_all, name: string) => params[name]!());
          const key = `${method.toUpperCase()} ${path}`;
          const body = samples[key];
          for (const token of [null, 'wrong-token-0123456789', `${TEST_TOKEN}x`]) {
            const answer = await api.call(method.toUpperCase() as 'GET', url, body, token);
            expect(answer.statusCode, `${key} with token ${token}`).toBe(401);
            expect(answer.json()).toMatchObject({ error: { code: 'unauthorized' } });
            expect(answer.headers['www-authenticate']).toBe('Bearer');
          }
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(30);
      expect(await snapshot(api.hub)).toBe(before);
      // Unknown paths do not tell whether they exist.
      expect((await api.call('GET', '/nothing-here', undefined, null)).statusCode).toBe(401);
      expect(api.logs.text()).not.toContain(TEST_TOKEN);
    });

    it('lets /health, /openapi.json, the console and sign-in through without a token', async () => {
      expect((await api.call('GET', '/health', undefined, null)).json()).toEqual({ status: 'ok' });
      expect((await api.call('GET', '/openapi.json', undefined, null)).statusCode).toBe(200);
      expect((await api.call('GET', '/', undefined, null)).headers['content-type']).toMatch(/text\/html/);
      expect((await api.call('GET', '/docs', undefined, null)).body).toContain('swagger-ui-bundle.js');
      expect((await api.call('GET', '/docs/init.js', undefined, null)).body).toContain("'/openapi.json'");
      const wrong = await api.call('POST', '/auth/sign-in', { name: 'ana', password: 'wrong-pass' }, null);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ error: { code: 'sign-in-failed' } });
    });
  });
});

describe('startServer', () => {
  it('refuses to listen on a public address without a token, before opening anything', async () => {
    const closed: string[] = [];
    const hub = { close: () => closed.push('hub') } as unknown as Hub;
    await expect(
      startServer({ hub, host: '0.0.0.0', port: 0, env: {}, logger: captureLogs().logger }),
    ).rejects.toThrow(/PRESTABRIDGE_TOKEN/);
    expect(closed).toEqual([]);
  });
});
