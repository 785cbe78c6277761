import { type Command, InvalidArgumentError } from 'commander';

import { WebhookDeliveryLoop } from '../automation/index.js';
import type { Hub } from '../hub/index.js';
import {
  CATALOG_QUEUE,
  DEFAULT_HOST_CONCURRENCY,
  DEFAULT_HOST_REQUESTS_PER_MINUTE,
  EmbeddedJobRunner,
  FEED_QUEUE,
  type JobRunnerKind,
  OUTBOX_QUEUE,
  PgBossJobRunner,
  type QueueDepth,
  type RunningMetricsServer,
  startJobWorker,
  startMetricsServer,
} from '../jobs/index.js';
import { createServerLogger } from '../server/index.js';
import { wholeNumber } from './argument-parsers.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { openCliHub, withHub } from './hub-access.js';
import { writeJson } from './json-output.js';

interface WorkerOptions {
  readonly concurrency?: number;
  readonly queues?: string;
  readonly runner?: string;
  readonly hostRate?: number;
  readonly hostConcurrency?: number;
  readonly metricsPort?: number;
  readonly metricsHost?: string;
}

/** A worker with a heartbeat this recent counts as live in the metrics (its lease). */
const LIVE_WORKER_MS = 60_000;

function metricsPort(text: string): number {
  const value = wholeNumber(0)(text);
  if (value > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535.');
  return value;
}

/** The runner for this hub: pg-boss on PostgreSQL, embedded on SQLite, unless told otherwise. */
export function jobRunnerFor(hub: Hub, asked: string | undefined): JobRunnerKind {
  if (asked === undefined) return hub.engine === 'postgres' ? 'pg-boss' : 'embedded';
  if (asked !== 'embedded' && asked !== 'pg-boss')
    throw new CliError(`--runner must be embedded or pg-boss, got '${asked}'.`, { exitCode: 2 });
  if (asked === 'pg-boss' && hub.engine !== 'postgres')
    throw new CliError(
      'The pg-boss runner needs the hub on PostgreSQL: set DATABASE_URL=postgres://… (see docs/scale-out.md), or use --runner embedded.',
      { exitCode: 2 },
    );
  return asked;
}

/**
 * `prestabridge worker`: runs feeds and outbox deliveries from the job queue, without the HTTP API,
 * until Ctrl-C or SIGTERM. Any number of them, on any machines, against one PostgreSQL hub.
 */
export function registerWorkerCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('worker')
    .description(
      'Run feeds and outbox deliveries from the job queue, and webhook deliveries, without the HTTP API (several may run, on several machines).',
    )
    .option(
      '--concurrency <n>',
      'feed runs at once in this process, shared by order feeds and catalog/other feeds with a quarter reserved for each (outbox deliveries: half as many)',
      wholeNumber(1),
      4,
    )
    .option(
      '--queues <names>',
      `queues to work, comma-separated (default all: ${FEED_QUEUE} (order feeds),${CATALOG_QUEUE},${OUTBOX_QUEUE} and any other defined)`,
    )
    .option('--runner <kind>', 'embedded or pg-boss (default pg-boss on PostgreSQL, embedded on SQLite)')
    .option(
      '--host-rate <n>',
      `requests per minute to one store host, from every worker together (default ${DEFAULT_HOST_REQUESTS_PER_MINUTE})`,
      wholeNumber(1),
    )
    .option(
      '--host-concurrency <n>',
      `requests in flight to one store host, from every worker together (default ${DEFAULT_HOST_CONCURRENCY})`,
      wholeNumber(1),
    )
    .option(
      '--metrics-port <port>',
      'serve GET /metrics (Prometheus text: runs, durations, requests per store, outbox depth, webhook deliveries, queues) and GET /health on this port (0: any free port)',
      metricsPort,
    )
    .option('--metrics-host <address>', 'address the metrics port listens on (default 127.0.0.1)')
    .addHelpText(
      'after',
      '\nOn PostgreSQL (DATABASE_URL=postgres://…) the workers share pg-boss queues in the hub database: each due feed\n' +
        "runs once across all of them, a store runs one feed at a time, and a killed worker's runs are taken over\n" +
        'by another after their lease (60 s). On SQLite the embedded runner works in this one process. Every\n' +
        'process schedules; `prestabridge workers` lists them. Logs are JSON lines on stdout. See docs/scale-out.md.\n',
    )
    .action(async (options: WorkerOptions) => {
      const hub = await openCliHub(ctx, { create: false });
      const logger = createServerLogger({ destination: { write: (line: string) => io.stdout.write(line) } });
      let worker;
      try {
        const runner = jobRunnerFor(hub, options.runner);
        worker = await startJobWorker({
          hub,
          runner,
          ...(io.env.DATABASE_URL === undefined ? {} : { databaseUrl: io.env.DATABASE_URL }),
          kind: 'worker',
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
          ...(options.queues === undefined
            ? {}
            : {
                workQueues: options.queues
                  .split(',')
                  .map((name) => name.trim())
                  .filter((name) => name !== ''),
              }),
          ...(options.hostRate === undefined ? {} : { hostRequestsPerMinute: options.hostRate }),
          ...(options.hostConcurrency === undefined ? {} : { hostConcurrency: options.hostConcurrency }),
          feeds: ctx.feeds,
          clock: ctx.clock,
          clientOverrides: ctx.clientOverrides,
          feedRunner: ctx.runner,
          onRunFinished: ({ run, report }) =>
            logger.info(
              {
                event: 'run-finished',
                runId: run.id,
                feed: run.feed,
                store: report.store,
                status: run.status,
                counts: report.counts,
              },
              `${run.feed} for ${report.store}: ${run.status}`,
            ),
          onError: (error, context) =>
            logger.error(
              {
                event: 'worker-error',
                context,
                error: error instanceof Error ? error.message : String(error),
              },
              context,
            ),
        });
      } catch (error) {
        await hub.close();
        throw error;
      }
      const running = worker;
      // Webhook deliveries hold a lease per subscription, so every worker may deliver them.
      const webhooks = new WebhookDeliveryLoop({
        hub,
        clock: ctx.clock,
        onAttempt: (attempt) => running.metrics.countWebhookDelivery(attempt.result),
        log: (level, line) => logger[level]({ event: 'webhook-failing' }, line),
        onError: (error) =>
          logger.error(
            { event: 'webhook-error', error: error instanceof Error ? error.message : String(error) },
            'webhook delivery failed',
          ),
      });
      webhooks.start();
      let metricsServer: RunningMetricsServer | undefined;
      if (options.metricsPort !== undefined) {
        try {
          metricsServer = await startMetricsServer({
            port: options.metricsPort,
            ...(options.metricsHost === undefined ? {} : { host: options.metricsHost }),
            render: () =>
              running.metrics.render(hub, running.jobs, new Date(ctx.clock().getTime() - LIVE_WORKER_MS)),
            health: () => ({
              worker: running.id,
              runner: running.jobs.kind,
              running: running.jobs.active.length,
            }),
          });
        } catch (error) {
          await running.stop();
          await webhooks.stop();
          await hub.close();
          throw new CliError(
            `Could not serve metrics on ${options.metricsHost ?? '127.0.0.1'}:${options.metricsPort}: ${error instanceof Error ? error.message : String(error)}. Choose another --metrics-port.`,
          );
        }
      }
      io.stderr.write(
        `PrestaBridge worker ${worker.id} (${worker.jobs.kind}): working ${worker.jobs.workedQueues.join(', ') || 'no queue'}.` +
          (metricsServer === undefined ? '' : ` Metrics on ${metricsServer.url}/metrics.`) +
          ' Ctrl-C or SIGTERM stops gracefully.\n',
      );
      const signal = await io.untilStopped();
      io.stderr.write(`Stopping (${signal}): no new jobs; running feeds stop at their next page.\n`);
      await worker.stop();
      await webhooks.stop();
      await metricsServer?.close();
      await hub.close();
      io.stderr.write('Stopped.\n');
    });

  program
    .command('workers')
    .description(
      'List live workers, what each runs, queue depths per queue and per store, and the oldest waiting job.',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const status = await clusterStatus(hub, io.env.DATABASE_URL, ctx.clock());
        if (options.json === true) {
          writeJson(io, status);
          return;
        }
        const names = new Map((await hub.stores.list()).map((store) => [String(store.id), store.name]));
        const lines: string[] = [];
        lines.push(
          status.workers.length === 0 ? 'No live worker.' : `${status.workers.length} live worker(s):`,
        );
        for (const worker of status.workers) {
          const running =
            worker.running.length === 0
              ? 'idle'
              : worker.running
                  .map(
                    (job) =>
                      `${job.feed ?? job.queue} for ${names.get(String(job.storeId)) ?? job.storeId ?? '-'}`,
                  )
                  .join(', ');
          lines.push(
            `  ${worker.id}  ${worker.kind} (${worker.runner}, ${worker.concurrency} at once, queues ${worker.queues.join(',') || 'none'})  heartbeat ${worker.heartbeatAt}  ${running}`,
          );
        }
        lines.push('Queues:');
        for (const depth of status.queues) {
          const byStore = Object.entries(depth.waitingByStore)
            .map(([id, count]) => `${names.get(id) ?? id} ${count}`)
            .join(', ');
          lines.push(
            `  ${depth.queue}: ${depth.waiting} waiting, ${depth.active} running` +
              (depth.oldestWaitingAt === null ? '' : `, oldest waiting since ${depth.oldestWaitingAt}`) +
              (byStore === '' ? '' : ` (${byStore})`),
          );
        }
        io.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}

/** Live workers and queue depths (pg-boss on PostgreSQL: cluster-wide; SQLite: workers only). */
export async function clusterStatus(
  hub: Hub,
  databaseUrl: string | undefined,
  now: Date,
  leaseMs = 60_000,
): Promise<{ workers: Awaited<ReturnType<Hub['workers']['live']>>; queues: QueueDepth[] }> {
  const workers = await hub.workers.live(new Date(now.getTime() - leaseMs));
  let queues: QueueDepth[] = [];
  if (hub.engine === 'postgres' && databaseUrl !== undefined) {
    const jobs = new PgBossJobRunner({ connectionString: databaseUrl, poolSize: 1 });
    for (const queue of [FEED_QUEUE, CATALOG_QUEUE, OUTBOX_QUEUE])
      jobs.define(queue, { handler: () => Promise.resolve() });
    await jobs.start({ queues: [] });
    try {
      queues = await jobs.depths();
    } finally {
      await jobs.stop();
    }
  } else {
    queues = await new EmbeddedJobRunner().depths();
  }
  return { workers, queues };
}
