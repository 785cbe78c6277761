import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Faults, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { call, control } from './emulator-test-client.js';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 'small' });
});

afterAll(async () => {
  await emu.close();
});

describe('fault decisions', () => {
  it('are the same for the same seed and settings', () => {
    const settings = { latencyMs: 20, jitterMs: 50, errorRate: 0.3, hangRate: 0.1, seed: 42 };
    const a = new Faults(settings);
    const b = new Faults(settings);
    const run = (faults: Faults): string[] =>
      Array.from({ length: 50 }, (_, i) => JSON.stringify(faults.decide(i * 1000)));
    expect(run(a)).toEqual(run(b));
    const decisions = run(new Faults(settings)).map(
      (text) => JSON.parse(text) as { kind: string; delayMs: number },
    );
    expect(decisions.every((d) => d.delayMs >= 20 && d.delayMs <= 70)).toBe(true);
    expect(new Set(decisions.map((d) => d.kind))).toEqual(new Set(['pass', 'error', 'hang']));
  });

  it('refuse rates outside 0–1', () => {
    expect(() => new Faults({ errorRate: 2 })).toThrow('errorRate must be between 0 and 1');
  });
});

describe('faults on a running emulator', () => {
  it('answers injected errors with Retry-After, and rate-limits with 429', async () => {
    emu.faults.update({ errorRate: 1, errorStatus: 503, retryAfterSeconds: 7 });
    const failed = await call(emu, 'products');
    expect([failed.status, failed.headers.get('retry-after')]).toEqual([503, '7']);
    emu.faults.clear();
    emu.faults.update({ rateLimit: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(emu, 'products?limit=1')).status);
    emu.faults.clear();
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.slice(2)).toContain(429);
  });

  it('strips the Authorization header as CGI hosts do, leaving ws_key working', async () => {
    emu.faults.update({ stripAuthorization: true });
    const stripped = await call(emu, 'products');
    const viaQuery = await call(emu, `products?ws_key=${emu.keys[0] ?? ''}&limit=1`, { key: null });
    emu.faults.clear();
    expect([stripped.status, stripped.text]).toEqual([401, '401 Unauthorized']);
    expect(viaQuery.status).toBe(200);
  });

  it('answers with an HTML error page instead of the webservice', async () => {
    emu.faults.update({ htmlErrorRate: 1, htmlErrorStatus: 502 });
    const answer = await call(emu, 'products');
    emu.faults.clear();
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.text).toContain('<h1>Bad Gateway</h1>');
  });

  it('can hang a request until the emulator closes', async () => {
    const hanging = await startEmulator({ port: 0, seed: 'small', faults: { hangRate: 1, hangMs: null } });
    const pending = call(hanging, 'products').then(
      () => 'answered',
      () => 'connection closed',
    );
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if ((hanging.requestCounts().products?.GET ?? 0) > 0) resolve();
        else setImmediate(check);
      };
      check();
    });
    await hanging.close();
    expect(await pending).toBe('connection closed');
  });

  it('are adjustable through the control API', async () => {
    const set = await control(emu, 'PUT', 'faults', { errorRate: 1 });
    expect(set.body).toMatchObject({ errorRate: 1 });
    expect((await call(emu, 'products')).status).toBe(500);
    await control(emu, 'DELETE', 'faults');
    expect((await call(emu, 'products')).status).toBe(200);
    const refused = await control(emu, 'PUT', 'faults', { errorRate: 'lots' });
    expect(refused.status).toBe(400);
    expect((await control(emu, 'PUT', 'faults', { mailBroken: true })).body).toMatchObject({
      mailBroken: true,
    });
    expect(emu.faults.settings.mailBroken).toBe(true);
    expect((await control(emu, 'PUT', 'faults', { mailBroken: 'yes' })).status).toBe(400);
    await control(emu, 'DELETE', 'faults');
    expect(emu.faults.settings.mailBroken).toBe(false);
  });
});
