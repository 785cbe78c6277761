/**
 * Runs one catalog feed for a store in its own process, printing a line per progress event, so that
 * a test can kill it (SIGKILL) at a chosen point and check what a resumed run makes of it.
 *
 *   node --import tsx test/sync/catalog/support/import-child.ts '{"databaseUrl":…,"secret":…,"store":…,"feed":…,"clockOffsetMs":…,"pageSize":…}'
 *
 * `clockOffsetMs` moves this process's clock forward, so that the lock of a killed predecessor has
 * expired for it without anyone waiting for the lease to run out.
 */
import { openHub } from '../../../../src/hub/index.js';
import { FeedRunner } from '../../../../src/jobs/index.js';
import { findFeed } from '../../../../src/sync/index.js';

interface ChildArguments {
  readonly databaseUrl: string;
  readonly secret: string;
  readonly store: string;
  readonly feed: string;
  readonly clockOffsetMs: number;
  readonly pageSize: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArguments;
const clock = (): Date => new Date(Date.now() + args.clockOffsetMs);
const hub = await openHub({ databaseUrl: args.databaseUrl, secret: args.secret, env: {}, clock });
const runner = new FeedRunner({ hub, clock });
const { run } = await runner.run({
  feed: findFeed(args.feed),
  store: await hub.stores.get(args.store),
  trigger: 'manual',
  options: { pageSize: args.pageSize },
  onProgress: (event) => process.stdout.write(`progress ${event.done}\n`),
});
process.stdout.write(`finished ${run.status}\n`);
await hub.close();
