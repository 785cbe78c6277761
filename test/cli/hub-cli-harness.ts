import { createServer } from 'node:net';

import type { CliOptions } from '../../src/cli/command-context.js';
import { main } from '../../src/cli/main.js';
import type { Feed, FeedContext } from '../../src/sync/index.js';
import { type CapturedIo, captureIo } from '../support/capture-io.js';
import { type EngineUnderTest, TEST_SECRET } from '../support/databases.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A captured io whose `untilStopped()` waits for the next {@link InterruptibleIo.interrupt}, like Ctrl-C. */
export interface InterruptibleIo extends CapturedIo {
  interrupt(): void;
}

export function interruptibleIo(env: Record<string, string | undefined>): InterruptibleIo {
  const io = captureIo(env);
  let waiting: Array<(signal: string) => void> = [];
  return {
    ...io,
    untilStopped: () => new Promise<string>((resolve) => waiting.push(resolve)),
    interrupt() {
      const now = waiting;
      waiting = [];
      for (const resolve of now) resolve('SIGINT');
    },
  };
}

/** The environment of a CLI process using the suite's database. */
export function hubEnv(engine: EngineUnderTest): Record<string, string> {
  return { DATABASE_URL: engine.databaseUrl(), PRESTABRIDGE_SECRET: TEST_SECRET };
}

/** Runs `prestabridge ARGS` in-process against the suite's database and returns what it printed. */
export async function runCli(
  engine: EngineUnderTest,
  args: readonly string[],
  options: CliOptions & { env?: Record<string, string | undefined>; io?: CapturedIo } = {},
): Promise<CliResult> {
  const io = options.io ?? captureIo({ ...hubEnv(engine), ...options.env });
  const code = await main(args, io, { clientOverrides: { retry: { maxRetries: 0 } }, ...options });
  return { code, out: io.out(), err: io.err() };
}

/** A port nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A test feed: reads product ids in pages of `pageSize`, commits each page with its watermark and
 * reports progress against the total; `afterPage` lets a test act between pages.
 */
export function countingFeed(
  options: {
    pageSize?: number;
    total?: number;
    afterPage?: (ctx: FeedContext, page: number) => void | Promise<void>;
  } = {},
): Feed {
  return {
    name: 'count-products',
    description: 'Counts products (test feed).',
    direction: 'import',
    cadence: 'frequency',
    needs: [{ resource: 'products', verb: 'GET' }],
    writes: [],
    options: [
      { name: 'fromId', flag: 'from-id', kind: 'integer', description: 'start after this product id' },
      { name: 'since', flag: 'since', kind: 'date', description: 'products changed since this date' },
    ],
    async run(ctx) {
      const mark = await ctx.hub.watermarks.get(ctx.store.id, 'count-products');
      const after = Number(ctx.options.fromId ?? mark?.value.lastId ?? 0);
      let page = 0;
      await ctx.progress({ step: 'products', done: 0, total: options.total ?? null });
      for await (const records of ctx.client.iterate(
        'products',
        { display: ['id'] },
        { pageSize: options.pageSize ?? 5, afterId: after },
      )) {
        ctx.throwIfStopped();
        page += 1;
        const lastId = records.at(-1)?.id ?? after;
        await ctx.commit(async (tx, tally) => {
          tally.created(records.length);
          if (records[0]?.id === 1) tally.failed(1, 'product 1 has no name in the default language');
          await tx.watermarks.set(ctx.store.id, 'count-products', { lastId });
        });
        await ctx.progress({ done: records.length, increment: true });
        await options.afterPage?.(ctx, page);
      }
    },
  };
}

/** An export feed the read-only key may not run: it needs PUT on stock_availables. */
export const pushStockFeed: Feed = {
  name: 'push-stock',
  description: 'Pushes stock (test feed).',
  direction: 'export',
  cadence: 'daily',
  needs: [
    { resource: 'stock_availables', verb: 'GET' },
    { resource: 'stock_availables', verb: 'PUT' },
  ],
  writes: [],
  options: [{ name: 'force', flag: 'force', kind: 'boolean', description: 'push even unchanged quantities' }],
  run: () => Promise.resolve(),
};

/** Resolves when `ctx.signal` is aborted (the run was asked to stop). */
export function untilAborted(ctx: FeedContext): Promise<void> {
  return new Promise((resolve) => {
    if (ctx.signal.aborted) resolve();
    else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
