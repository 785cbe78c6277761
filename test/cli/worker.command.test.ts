import { beforeAll, describe, expect, it } from 'vitest';

import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/capture-io.js';
import { describeEachEngine } from '../support/databases.js';
import { hubEnv, interruptibleIo, runCli } from './hub-cli-harness.js';

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
    expect(io.out()).toContain('docs/scale-out.md');
  });
});

/**
 * `prestabridge worker` as a user starts it (in-process here), seen by `prestabridge workers` while it
 * runs, and gone from the list once stopped: pg-boss on PostgreSQL, the embedded runner on SQLite.
 */
describeEachEngine('prestabridge worker and workers', (engine) => {
  beforeAll(async () => {
    await engine.openHub();
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
