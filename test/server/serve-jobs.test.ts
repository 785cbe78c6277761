import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import type { Feed } from '../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { type ServerUnderTest, startTestServer } from './server-harness.js';

const MINUTE = 60_000;

/**
 * `serve` through the job-runner interface, as the CLI starts it: on PostgreSQL two serve processes
 * (here two servers, each with its own pg-boss runner) on one hub run each due feed once per due
 * time, not once per process; on SQLite one serve with the embedded runner does the same through
 * the same path (the feed jobs), not the older in-process scheduler.
 */
describeEachEngine('serve on the job runner', (engine) => {
  let emulator: RunningEmulator;
  let hub: Hub;
  let store: Store;
  const servers: ServerUnderTest[] = [];
  const clock = manualClock('2026-03-02T08:00:00.000Z');
  const ran: string[] = [];
  const feed: Feed = {
    name: 'count-ticks',
    description: 'Records that it ran (test feed).',
    direction: 'import',
    cadence: 'frequency',
    needs: [],
    writes: [],
    run(ctx) {
      ran.push(`${ctx.store.name} ${clock().toISOString()}`);
      return Promise.resolve();
    },
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    const processes = engine.kind === 'postgres' ? 2 : 1;
    for (let index = 0; index < processes; index += 1)
      servers.push(
        await startTestServer(engine, {
          hubOptions: { clock },
          clock,
          feeds: [feed],
          jobs:
            engine.kind === 'postgres'
              ? { runner: 'pg-boss', databaseUrl: engine.databaseUrl(), work: true, concurrency: 2 }
              : { runner: 'embedded', work: true, concurrency: 2 },
        }),
      );
    hub = servers[0]!.hub;
    store = await hub.stores.create({
      name: 'emu',
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      settings: { import: { enabled: true, frequencyMinutes: 5 }, export: { enabled: false } },
    });
  });
  afterAll(async () => {
    for (const { server } of servers) await server.close();
    await emulator.close();
  });

  /** Every process ticks at once; resolves when no job waits or runs anywhere. */
  async function tickEverywhere(): Promise<void> {
    await Promise.all(servers.map(({ server }) => server.tick()));
    await expect
      .poll(
        async () => {
          const depths = await Promise.all(servers.map(({ server }) => server.jobWorker!.jobs.depths()));
          return depths.flat().reduce((sum, depth) => sum + depth.waiting + depth.active, 0);
        },
        { timeout: 20_000 },
      )
      .toBe(0);
  }

  it('runs a due feed once per due time, however many processes tick', async () => {
    for (const { server } of servers)
      expect(server.jobWorker?.jobs.kind).toBe(engine.kind === 'postgres' ? 'pg-boss' : 'embedded');
    await tickEverywhere();
    expect(ran).toEqual(['emu 2026-03-02T08:00:00.000Z']);
    // Not due again within the interval, whoever ticks.
    clock.set(new Date(clock().getTime() + 2 * MINUTE));
    await tickEverywhere();
    expect(ran).toHaveLength(1);
    // Due again after it: once more, once.
    clock.set(new Date(clock().getTime() + 4 * MINUTE));
    await tickEverywhere();
    await tickEverywhere();
    expect(ran).toEqual(['emu 2026-03-02T08:00:00.000Z', 'emu 2026-03-02T08:06:00.000Z']);
    expect((await hub.runs.latest(store.id, feed.name))?.status).toBe('succeeded');
  });
});
