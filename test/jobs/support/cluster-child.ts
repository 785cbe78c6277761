/**
 * One process of a test cluster: a pg-boss worker (`worker`) or an API-side process that only
 * schedules and sends jobs (`api`, as `serve --no-worker`), on the hub's PostgreSQL database. Its
 * clock is the parent's: a line `clock <iso>` sets it, `tick` runs one scheduling pass (answered
 * `ticked <n>`). It prints `ready` once started, `progress <store> <feed> <done>` as runs go and
 * `run <store> <feed> <status>` when a run ends. Every run of a feed tells the parent's probe when it
 * begins and ends (`/enter`, `/leave`), so that the parent sees any two runs of a feed at once.
 *
 *   node --import tsx test/jobs/support/cluster-child.ts '{"databaseUrl":…,"secret":…,"role":"worker",…}'
 */
import { createInterface } from 'node:readline';

import { openHub } from '../../../src/hub/index.js';
import { startJobWorker } from '../../../src/jobs/index.js';
import type { Feed } from '../../../src/sync/index.js';
import { importCustomersFeed, importOrdersFeed } from '../../../src/sync/orders/index.js';

interface ChildArguments {
  readonly databaseUrl: string;
  readonly secret: string;
  readonly role: 'worker' | 'api';
  readonly clock: string;
  readonly probe: string;
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly hostRequestsPerMinute: number;
  readonly timeoutMs: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArguments;
let now = Date.parse(args.clock);
const clock = (): Date => new Date(now);
const hub = await openHub({
  databaseUrl: args.databaseUrl,
  secret: args.secret,
  env: {},
  clock,
  poolSize: 10,
});

const probed = (feed: Feed): Feed => ({
  ...feed,
  async run(ctx) {
    const where = `store=${ctx.store.id}&feed=${feed.name}&pid=${process.pid}`;
    await fetch(`${args.probe}/enter?${where}`, { method: 'POST' });
    try {
      await feed.run(ctx);
    } finally {
      await fetch(`${args.probe}/leave?${where}`, { method: 'POST' });
    }
  },
});

const worker = await startJobWorker({
  hub,
  runner: 'pg-boss',
  databaseUrl: args.databaseUrl,
  kind: args.role === 'api' ? 'serve' : 'worker',
  work: args.role === 'worker',
  concurrency: args.concurrency,
  feeds: [importCustomersFeed, importOrdersFeed].map(probed),
  clock,
  autoTick: false,
  pollingIntervalMs: 500,
  hostRequestsPerMinute: args.hostRequestsPerMinute,
  clientOverrides: { timeoutMs: args.timeoutMs, retry: { maxRetries: 1, baseDelayMs: 20, maxDelayMs: 100 } },
  feedRunner: {
    leaseMs: args.leaseMs,
    heartbeatMs: 500,
    onRunProgress: (event, store) =>
      process.stdout.write(`progress ${store.id} ${event.feed} ${event.done}\n`),
  },
  onRunFinished: ({ run }) => process.stdout.write(`run ${run.storeId} ${run.feed} ${run.status}\n`),
  onError: (error, context) =>
    process.stderr.write(`${context}: ${error instanceof Error ? error.message : String(error)}\n`),
});
process.stdout.write('ready\n');

for await (const line of createInterface({ input: process.stdin })) {
  const [command, value] = line.split(' ');
  if (command === 'clock' && value !== undefined) {
    now = Date.parse(value);
    // What this process holds is renewed at the new time before anyone looks for stale leases.
    await worker.heartbeat();
    process.stdout.write(`clock ${value}\n`);
  } else if (command === 'tick') {
    const sent = await worker.tick();
    process.stdout.write(`ticked ${sent.feeds}\n`);
  } else if (command === 'stop') {
    break;
  }
}
await worker.stop();
await hub.close();
process.stdout.write('stopped\n');
