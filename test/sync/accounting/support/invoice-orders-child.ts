/**
 * invoice-orders for one store in its own process, so that a test can kill it (SIGKILL) anywhere. It
 * opens the hub, prints `ready`, waits for `go <clockOffsetMs>` on stdin, prints `tx-begin` and
 * `tx-end` around each transaction and `finished <status>` at the end (as the import-orders child).
 *
 *   node --import tsx test/sync/accounting/support/invoice-orders-child.ts '{"databaseUrl":…,"secret":…,"store":…,"pageSize":…}'
 */
import { createInterface } from 'node:readline';

import { type HubTransaction, openHub } from '../../../../src/hub/index.js';
import { FeedRunner } from '../../../../src/jobs/index.js';
import { invoiceOrdersFeed } from '../../../../src/sync/accounting/index.js';

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
const { run } = await new FeedRunner({ hub, clock }).run({
  feed: invoiceOrdersFeed,
  store: await hub.stores.get(args.store),
  trigger: 'manual',
  options: { pageSize: args.pageSize },
});
process.stdout.write(`finished ${run.status}\n`);
await hub.close();
