/**
 * One feed for one store in its own process, so that a test can kill it (SIGKILL) anywhere and check
 * what a resumed run makes of it (see {@link spawnFeedChild} in `killable-feed.ts`). It opens the hub,
 * prints `ready`, and waits for a line `go <clockOffsetMs>` on stdin before it runs (a parent can start
 * the next child while the current one works, so that no kill waits for a process to start). It prints
 * `tx-begin` and `tx-end` around each hub transaction and `finished <status>` at the end.
 *
 *   node --import tsx test/support/feed-child.ts '{"databaseUrl":…,"secret":…,"store":…,"feed":…,"pageSize":…}'
 *
 * The clock offset moves this process's clock forward, so that the lock of a killed predecessor has
 * expired for it without anyone waiting for the lease to run out.
 */
import { createInterface } from 'node:readline';

import { type HubTransaction, openHub } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import { findFeed } from '../../src/sync/index.js';

export interface FeedChildArguments {
  readonly databaseUrl: string;
  readonly secret: string;
  readonly store: string;
  readonly feed: string;
  readonly pageSize: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as FeedChildArguments;
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
// what the kill tests are about (under load it cut a child's page read and failed a whole test).
const retry = { maxRetries: 2, baseDelayMs: 20, maxDelayMs: 100 };
const { run } = await new FeedRunner({ hub, clock, clientOverrides: { retry } }).run({
  feed: findFeed(args.feed),
  store: await hub.stores.get(args.store),
  trigger: 'manual',
  options: { pageSize: args.pageSize },
});
process.stdout.write(`finished ${run.status}\n`);
await hub.close();
