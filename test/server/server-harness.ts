import { EventEmitter } from 'node:events';

import type { LightMyRequestResponse } from 'fastify';
import { type Logger, pino } from 'pino';

import type { startEmulator } from '../../src/emulator/index.js';
import type { Hub, OpenHubOptions } from '../../src/hub/index.js';
import { type RunningServer, type ServerOptions, startServer } from '../../src/server/index.js';
import type { Feed, FeedContext } from '../../src/sync/index.js';
import type { EngineUnderTest } from '../support/databases.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export const TEST_TOKEN = 'test-token-0123456789abcdef';

/** A log line as pino wrote it. */
export type LogLine = Readonly<Record<string, unknown>> & { readonly msg?: string; readonly level: number };

/** Every line the server logged, and a way to wait for one. */
export interface LogCapture {
  readonly logger: Logger;
  readonly lines: LogLine[];
  /** Resolves with the first line (already written, or to come) that `matches`. */
  waitFor(matches: (line: LogLine) => boolean): Promise<LogLine>;
  /** Everything written, as text (to look for secrets). */
  text(): string;
}

export function captureLogs(): LogCapture {
  const lines: LogLine[] = [];
  let raw = '';
  const events = new EventEmitter();
  const logger = pino(
    { level: 'debug', redact: { paths: ['req.headers.authorization'], censor: '***' } },
    {
      write(chunk: string) {
        raw += chunk;
        const line = JSON.parse(chunk) as LogLine;
        lines.push(line);
        events.emit('line', line);
      },
    },
  );
  return {
    logger,
    lines,
    text: () => raw,
    waitFor(matches) {
      const found = lines.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const listen = (line: LogLine): void => {
          if (!matches(line)) return;
          events.off('line', listen);
          resolve(line);
        };
        events.on('line', listen);
      });
    },
  };
}

/** A server on the suite's database, the scheduler and the outbox loop left to the test. */
export interface ServerUnderTest {
  readonly server: RunningServer;
  readonly hub: Hub;
  readonly logs: LogCapture;
  /** Calls the API with the test token (or `token`: null for none, a string for another). */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    token?: string | null,
  ): Promise<LightMyRequestResponse>;
  /** Resolves when the run has ended (its end line is logged after its record is final). */
  finished(runId: number): Promise<LogLine>;
}

export async function startTestServer(
  engine: EngineUnderTest,
  options: Partial<Omit<ServerOptions, 'hub'>> & { hubOptions?: Omit<OpenHubOptions, 'databaseUrl'> } = {},
): Promise<ServerUnderTest> {
  const { hubOptions, ...serverOptions } = options;
  const hub = await engine.openHub(hubOptions);
  const logs = captureLogs();
  const server = await startServer({
    hub,
    port: 0,
    env: {},
    token: TEST_TOKEN,
    logger: logs.logger,
    scheduler: { autoStart: false },
    outbox: { autoStart: false },
    clientOverrides: { retry: { maxRetries: 0 } },
    // The suite closes its hubs.
    keepHubOpen: true,
    ...serverOptions,
  });
  return {
    server,
    hub,
    logs,
    call(method, url, payload, token = TEST_TOKEN) {
      return server.app.inject({
        method,
        url,
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    },
    finished: (runId) => logs.waitFor((line) => line.event === 'run-finished' && line.runId === runId),
  };
}

/**
 * A test feed: reads product ids in pages of `pageSize`, commits each page (one `created` per
 * product) with its watermark; `afterPage` lets a test act between pages.
 */
export function countingFeed(
  options: {
    name?: string;
    pageSize?: number;
    afterPage?: (ctx: FeedContext, page: number) => void | Promise<void>;
  } = {},
): Feed {
  const name = options.name ?? 'count-products';
  return {
    name,
    description: 'Counts products (test feed).',
    direction: 'import',
    cadence: 'frequency',
    needs: [{ resource: 'products', verb: 'GET' }],
    writes: [],
    options: [
      { name: 'pageSize', flag: 'page-size', kind: 'integer', description: 'products per page' },
      { name: 'since', flag: 'since', kind: 'date', description: 'products changed since' },
    ],
    async run(ctx) {
      const mark = await ctx.hub.watermarks.get(ctx.store.id, name);
      const after = Number(mark?.value.lastId ?? 0);
      let page = 0;
      for await (const records of ctx.client.iterate(
        'products',
        { display: ['id'] },
        { pageSize: Number(ctx.options.pageSize ?? options.pageSize ?? 5), afterId: after },
      )) {
        ctx.throwIfStopped();
        page += 1;
        const lastId = records.at(-1)?.id ?? after;
        await ctx.commit(async (tx, tally) => {
          tally.created(records.length);
          if (records[0]?.id === 1) tally.failed(1, 'product 1 has no name in the default language');
          await tx.watermarks.set(ctx.store.id, name, { lastId });
        });
        await ctx.progress({ done: records.length, increment: true, step: 'products' });
        await options.afterPage?.(ctx, page);
      }
    },
  };
}

/** Resolves when the run is asked to stop. */
export function untilAborted(ctx: FeedContext): Promise<void> {
  return new Promise((resolve) => {
    if (ctx.signal.aborted) resolve();
    else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** A promise with its resolve function, for tests that wait on something happening elsewhere. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
