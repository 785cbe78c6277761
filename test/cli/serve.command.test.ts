import { createServer } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';
import { startEmulator } from '../../src/emulator/index.js';
import { describeEachEngine } from '../support/databases.js';
import { hubEnv, type InterruptibleIo, interruptibleIo } from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** `prestabridge serve` running in-process, with what it printed at start. */
interface Serving {
  readonly io: InterruptibleIo;
  readonly url: string;
  readonly banner: string;
  /** The exit code, once the command ended. */
  readonly exit: Promise<number>;
}

async function serve(args: readonly string[], env: Record<string, string | undefined>): Promise<Serving> {
  const io = interruptibleIo(env);
  let announce: (text: string) => void = () => undefined;
  const started = new Promise<string>((resolve) => (announce = resolve));
  const watched: CliIo = {
    ...io,
    stderr: {
      write(text: string) {
        io.stderr.write(text);
        if (text.includes('API on')) announce(text);
        return true;
      },
    },
  };
  const exit = main(['serve', '--port', '0', ...args], watched, {
    clientOverrides: { retry: { maxRetries: 0 } },
  });
  const banner = await Promise.race([started, exit.then((code) => `exited ${code}: ${io.err()}`)]);
  const url = /API on (http:\/\/\S+)/.exec(banner)?.[1] ?? '';
  return { io, url, banner, exit };
}

describe('prestabridge serve', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('serve command', (engine) => {
    it('serves the API on 127.0.0.1 with a token it made up and printed, until Ctrl-C', async () => {
      const serving = await serve([], hubEnv(engine));
      expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = /API token \(made up[^:]*\): (\S+)/.exec(serving.banner)?.[1];
      expect(token).toBeDefined();
      expect(serving.banner).toContain(
        `Console on ${serving.url} — no user yet: \`prestabridge users add NAME --role admin\``,
      );

      expect((await fetch(`${serving.url}/health`)).status).toBe(200);
      expect((await fetch(`${serving.url}/stores`)).status).toBe(401);
      const stores = await fetch(`${serving.url}/stores`, { headers: { authorization: `Bearer ${token}` } });
      expect(stores.status).toBe(200);
      expect(await stores.json()).toEqual({ items: [], next: null });

      serving.io.interrupt();
      expect(await serving.exit).toBe(0);
      expect(serving.io.err()).toContain('Stopped.');
      const lines = serving.io
        .out()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event?: string });
      expect(lines.map((line) => line.event)).toEqual(
        expect.arrayContaining(['server-started', 'server-stopping', 'server-stopped']),
      );
      await expect(fetch(`${serving.url}/health`)).rejects.toThrow();
    });

    it('takes PRESTABRIDGE_TOKEN, never printing it, and runs a feed asked for through the API', async () => {
      const token = 'a-token-from-the-environment-0123';
      const serving = await serve([], { ...hubEnv(engine), PRESTABRIDGE_TOKEN: token });
      expect(serving.banner).toContain('API token: PRESTABRIDGE_TOKEN');
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const metrics = async (): Promise<string> =>
        (await fetch(`${serving.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
      const ranLine = 'prestabridge_runs_total{feed="import-categories",status="succeeded"} 1';
      expect(await metrics()).not.toContain(ranLine);
      const added = await fetch(`${serving.url}/stores`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'emu', url: emulator.url, key: emulator.keys[0] }),
      });
      expect(added.status).toBe(201);
      const run = await fetch(`${serving.url}/stores/emu/feeds/import-categories/runs`, {
        method: 'POST',
        headers,
      });
      expect(run.status).toBe(202);
      // The run moves the metrics: its count, its duration, the store's requests.
      await expect.poll(metrics, { timeout: 20_000 }).toContain(ranLine);
      const text0 = await metrics();
      expect(text0).toContain('# TYPE prestabridge_run_duration_seconds histogram');
      expect(text0).toMatch(/^prestabridge_run_duration_seconds_count\{feed="import-categories"\} 1$/m);
      expect(text0).toMatch(
        /^prestabridge_run_duration_seconds_bucket\{feed="import-categories",le="\+Inf"\} 1$/m,
      );
      expect(
        Number(/^prestabridge_store_requests_total\{store="emu"\} (\d+)$/m.exec(text0)?.[1]),
      ).toBeGreaterThan(0);
      expect(text0).toContain('# TYPE prestabridge_outbox_depth gauge');
      expect(text0).toMatch(/^prestabridge_workers_live \d+$/m);

      serving.io.interrupt();
      expect(await serving.exit).toBe(0);
      const text = serving.io.out() + serving.io.err();
      expect(text).not.toContain(token);
      expect(text).not.toContain(emulator.keys[0]!);
      expect(serving.io.out()).toMatch(/"event":"run-finished"[^\n]*"feed":"import-categories"/);
    });

    it('refuses a public address without PRESTABRIDGE_TOKEN, a port already taken, a wrong port or log level', async () => {
      const open = await serve(['--host', '0.0.0.0'], hubEnv(engine));
      expect(await open.exit).toBe(2);
      expect(open.io.err()).toMatch(/Refusing to listen on 0\.0\.0\.0 without a token.*PRESTABRIDGE_TOKEN/);

      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const address = taken.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      try {
        const busy = await serve(['--port', String(port)], hubEnv(engine));
        expect(await busy.exit).toBe(1);
        expect(busy.io.err()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      } finally {
        await new Promise<void>((resolve) => taken.close(() => resolve()));
      }

      const badPort = await serve(['--port', '70000'], hubEnv(engine));
      expect(await badPort.exit).toBe(2);
      const badLevel = await serve([], { ...hubEnv(engine), PRESTABRIDGE_LOG_LEVEL: 'chatty' });
      expect(await badLevel.exit).toBe(2);
      expect(badLevel.io.err()).toContain('PRESTABRIDGE_LOG_LEVEL must be one of');
    });

    it('refuses to start when stores keep keys but the secret is missing or not theirs, saying how to fix it', async () => {
      const missing = await serve([], { ...hubEnv(engine), PRESTABRIDGE_SECRET: undefined });
      expect(await missing.exit).toBe(1);
      expect(missing.io.err()).toBe(
        'prestabridge: 1 store(s) keep a webservice key (emu) but PRESTABRIDGE_SECRET is not set, so no feed could reach them: set the secret the keys were stored with (export PRESTABRIDGE_SECRET=…) and start serve again. If it is lost, see `prestabridge secret reset --help`.\n',
      );
      const wrong = await serve([], {
        ...hubEnv(engine),
        PRESTABRIDGE_SECRET: 'not the secret of these keys',
      });
      expect(await wrong.exit).toBe(1);
      expect(wrong.io.err()).toContain(
        "PRESTABRIDGE_SECRET is not the secret the stores' webservice keys were stored with (emu). " +
          'Set the original secret; if it is lost, `prestabridge secret reset --yes` forgets those keys',
      );
      expect(missing.url).toBe('');
      expect(wrong.url).toBe('');
    });
  });
});
