/**
 * import-orders for one store in its own process, so that a test can kill it (SIGKILL) anywhere and
 * check what a resumed run makes of it. It opens the hub, prints `ready`, and waits for a line
 * `go <clockOffsetMs>` on stdin before it runs (the parent starts the next child while the current one
 * works, so that no kill waits for a process to start). It prints `tx-begin` and `tx-end` around each
 * transaction and `finished <status>` at the end.
 *
 *   node --import tsx test/sync/orders/support/import-orders-child.ts '{"databaseUrl":…,"secret":…,"store":…,"pageSize":…}'
 *
 * The clock offset moves this process's clock forward, so that the lock of a killed predecessor has
 * expired for it without anyone waiting for the lease to run out.
 */
import { createInterface } from 'node:readline';

import { type HubTransaction, openHub } from '../../../../src/hub/index.js';
import { FeedRunner } from '../../../../src/jobs/index.js';
import { importOrdersFeed } from '../../../../src/sync/orders/index.js';

interface ChildArguments {
  readonly databaseUrl: string;
  readonly secret: string;
  readonly store: string;
  readonly pageSize: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArguments;
let offsetMs = 0;
const clock = (): Date => new Date(Date.now() + offsetMs);
const hub = await openHub({ databaseUrl: args.databaseUrl, secret: args.secret, env: {}, clock });
const transaction = hub.transaction.bind(hub);
hub.transaction = async <T>(work: (tx: HubTransaction) => Promise<T>): Promise<T> => {
  process.stdout.write('tx-begin\n');
  const result = await transaction(work);
  process.stdout.write('tx-end\n');
  return result;
};
process.stdout.write('ready\n');

const go = await new Promise<string>((resolve) => {
  const lines = createInterface({ input: process.stdin });
  lines.once('line', (line) => {
    lines.close();
    resolve(line);
  });
});
offsetMs = Number(go.split(' ')[1] ?? 0);
// GETs are retried quickly, as in production: a keep-alive connection the busy emulator closes is not
// what this test is about (under load it cut a child's page read and failed the whole test).
const retry = { maxRetries: 2, baseDelayMs: 20, maxDelayMs: 100 };
const { run } = await new FeedRunner({ hub, clock, clientOverrides: { retry } }).run({
  feed: importOrdersFeed,
  store: await hub.stores.get(args.store),
  trigger: 'manual',
  options: { pageSize: args.pageSize },
});
process.stdout.write(`finished ${run.status}\n`);
await hub.close();
