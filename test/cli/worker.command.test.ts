import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { main } from '../../src/cli/main.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Hub } from '../../src/hub/index.js';
import { captureIo } from '../support/capture-io.js';
import { describeEachEngine } from '../support/databases.js';
import { countingFeed, hubEnv, interruptibleIo, runCli } from './hub-cli-harness.js';

interface WorkersJson {
  workers: Array<{ kind: string; runner: string; concurrency: number; queues: string[]; pid: number }>;
  queues: Array<{ queue: string; waiting: number }>;
}

describe('prestabridge worker --help', () => {
  it('tells what the worker runs and its options', async () => {
    const io = captureIo({});
    expect(await main(['worker', '--help'], io)).toBe(0);
    expect(io.out()).toContain('--concurrency <n>');
    expect(io.out()).toContain('--queues <names>');
    expect(io.out()).toContain('--host-rate <n>');
    expect(io.out()).toContain('--host-concurrency <n>');
    expect(io.out()).toContain('--metrics-port <port>');
    expect(io.out()).toContain('docs/scale-out.md');
  });
});

/**
 * `prestabridge worker` as a user starts it (in-process here), seen by `prestabridge workers` while it
 * runs, and gone from the list once stopped: pg-boss on PostgreSQL, the embedded runner on SQLite.
 */
describeEachEngine('prestabridge worker and workers', (engine) => {
  let hub: Hub;
  let emulator: RunningEmulator;
  beforeAll(async () => {
    hub = await engine.openHub();
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('serves /metrics and /health on --metrics-port: a scheduled run moves its counters', async () => {
    const store = await hub.stores.create({
      name: 'metrics-emu',
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      settings: { import: { enabled: true, frequencyMinutes: 60 }, export: { enabled: false } },
    });
    const io = interruptibleIo(hubEnv(engine));
    let started: (text: string) => void = () => undefined;
    const ready = new Promise<string>((resolve) => (started = resolve));
    const write = io.stderr.write;
    io.stderr.write = (text: string) => {
      const result = write(text);
      if (text.includes('PrestaBridge worker')) started(text);
      return result;
    };
    const exited = main(['worker', '--metrics-port', '0'], io, {
      feeds: [countingFeed()],
      clientOverrides: { retry: { maxRetries: 0 } },
    });
    const banner = await ready;
    const url = /Metrics on (http:\/\/\S+)\/metrics/.exec(banner)?.[1];
    expect(url).toBeDefined();
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${url}/nothing`)).status).toBe(404);

    // The worker's first tick finds count-products due for the store (never ran) and runs it.
    const metrics = async (): Promise<string> => (await fetch(`${url}/metrics`)).text();
    await expect
      .poll(metrics, { timeout: 30_000 })
      .toMatch(/^prestabridge_runs_total\{feed="count-products",status="(succeeded|partial)"\} 1$/m);
    const text = await metrics();
    expect(text).toMatch(/^prestabridge_run_duration_seconds_count\{feed="count-products"\} 1$/m);
    expect(
      Number(/^prestabridge_store_requests_total\{store="metrics-emu"\} (\d+)$/m.exec(text)?.[1]),
    ).toBeGreaterThan(0);
    expect(text).toMatch(/^prestabridge_queue_waiting\{queue="feeds-catalog"\} \d+$/m);
    expect(text).toMatch(/^prestabridge_queue_active\{queue="feeds"\} \d+$/m);
    expect(text).toMatch(/^prestabridge_workers_live [1-9]\d*$/m);
    expect(text).toContain('# TYPE prestabridge_webhook_deliveries_total counter');
    expect(text).toContain('# TYPE prestabridge_outbox_depth gauge');

    io.interrupt();
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/metrics`)).rejects.toThrow();
    await hub.stores.delete(store.id);
  });

  it('lists a running worker with its runner, queues and concurrency, and forgets it once stopped', async () => {
    const io = interruptibleIo(hubEnv(engine));
    let started: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const write = io.stderr.write;
    io.stderr.write = (text: string) => {
      const result = write(text);
      if (text.includes('PrestaBridge worker')) started();
      return result;
    };
    const exited = main(['worker', '--concurrency', '2'], io, {});
    await ready;

    const listed = await runCli(engine, ['workers', '--json']);
    expect(listed.code).toBe(0);
    const status = JSON.parse(listed.out) as WorkersJson;
    expect(status.workers).toHaveLength(1);
    expect(status.workers[0]).toMatchObject({
      kind: 'worker',
      runner: engine.kind === 'postgres' ? 'pg-boss' : 'embedded',
      concurrency: 2,
      pid: process.pid,
    });
    expect(status.workers[0]?.queues.sort()).toEqual(['feeds', 'feeds-catalog', 'outbox']);
    if (engine.kind === 'postgres')
      expect(status.queues.map((queue) => queue.queue).sort()).toEqual(['feeds', 'feeds-catalog', 'outbox']);

    const text = await runCli(engine, ['workers']);
    expect(text.out).toContain('1 live worker(s):');
    expect(text.out).toMatch(/worker \((pg-boss|embedded), 2 at once, queues feeds,feeds-catalog,outbox\)/);

    io.interrupt();
    expect(await exited).toBe(0);
    expect((await runCli(engine, ['workers'])).out).toContain('No live worker.');
  });
});
