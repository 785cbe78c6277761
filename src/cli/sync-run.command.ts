import type { Command } from 'commander';

import type { Hub } from '../hub/index.js';
import { FeedRunner, type RunOutcome } from '../jobs/index.js';
import { type Feed, type FeedOptions, formatReport, onlyIdsOf } from '../sync/index.js';
import { CliError, CliExit } from './cli-error.js';
import { type CommandContext, feedNamed } from './command-context.js';
import { addFeedFlags, feedOptionValues } from './feed-flags.js';
import { asCliError, openCliHub, requireSecret, withHub } from './hub-access.js';
import { printImportPlan } from './import-plan-output.js';
import { writeJson } from './json-output.js';
import { ProgressBar } from './progress-bar.js';

/** Exit codes of `sync run`, by the run's outcome. */
const EXIT = { succeeded: 0, failed: 1, interrupted: 1, cancelled: 130 } as const;

interface RunOptions {
  readonly store: string;
  readonly json?: boolean;
  readonly plan?: boolean;
  readonly notImported?: boolean;
  readonly [flag: string]: unknown;
}

/** `prestabridge sync run FEED --store NAME`: run one feed now, with progress, Stop and a report. */
export function registerSyncRunCommand(sync: Command, ctx: CommandContext): void {
  const command = sync
    .command('run')
    .description(
      'Run a feed for a store now: progress on the terminal, Ctrl-C stops at the next page, a report at the end.',
    )
    .argument('<feed>', 'feed name (listed below)')
    .requiredOption('--store <name>', 'store name')
    .option('--json', 'print the report (or the plan) as JSON')
    .option(
      '--not-imported',
      'with --plan (import-products, import-customers): list only the store records not imported yet',
    );
  addFeedFlags(command, ctx.feeds);
  command
    .addHelpText('after', () => feedsHelp(ctx))
    .action(async (feedName: string, options: RunOptions) => {
      const feed = feedNamed(ctx, feedName);
      const feedOptions = feedOptionValues(feed, ctx.feeds, options);
      // A feed with an option of its own named plan (export-products: a dry run) keeps it.
      const ownPlan = feed.options?.some((option) => option.name === 'plan') === true;
      const planOnly = feed.planner !== undefined && !ownPlan && options.plan === true;
      if (options.notImported === true && !planOnly) {
        throw new CliError('--not-imported goes with --plan (import-products, import-customers).', {
          exitCode: 2,
        });
      }
      if (planOnly && feedOptions.only !== undefined)
        throw new CliError('--plan lists records and --only imports some: give one of them.', {
          exitCode: 2,
        });
      try {
        onlyIdsOf(feedOptions);
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error), { exitCode: 2 });
      }
      requireSecret(ctx);
      if (planOnly) {
        await withHub(ctx, (hub) =>
          printImportPlan(ctx, hub, feed, options.store, {
            notImported: options.notImported === true,
            json: options.json === true,
          }),
        );
        return;
      }
      const hub = await openCliHub(ctx);
      let closeNow = true;
      try {
        const outcome = await runWithCtrlC(ctx, hub, feed, options.store, feedOptions);
        if (outcome === 'quit') {
          closeNow = false;
          throw new CliExit(EXIT.cancelled);
        }
        if (options.json) writeJson(ctx.io, { runId: outcome.run.id, ...outcome.report });
        else printReport(ctx, outcome);
        const code = EXIT[outcome.report.status];
        if (code !== 0) throw new CliExit(code);
      } catch (error) {
        throw asCliError(error, ctx);
      } finally {
        if (closeNow) await hub.close();
      }
    });
}

/**
 * Runs the feed with a progress bar. First Ctrl-C: the run stops at its next page and its report
 * follows. Second Ctrl-C: returns `quit` at once (ending the process), leaving the run to its lease.
 */
async function runWithCtrlC(
  ctx: CommandContext,
  hub: Hub,
  feed: Feed,
  storeName: string,
  options: FeedOptions,
): Promise<RunOutcome | 'quit'> {
  const store = await hub.stores.get(storeName);
  if (!store.settings.enabled) {
    throw new CliError(
      `Store '${store.name}' is disabled (enabled=false); enable it with \`prestabridge stores set ${store.name} enabled=true\`.`,
    );
  }
  const runner = new FeedRunner({
    hub,
    clock: ctx.clock,
    clientOverrides: ctx.clientOverrides,
    ...ctx.runner,
  });
  const bar = new ProgressBar({ stream: ctx.io.stderr });
  const stop = new AbortController();
  let over = false;
  const outcome = runner
    .run({
      feed,
      store,
      trigger: 'manual',
      options,
      signal: stop.signal,
      onProgress: (event) => bar.update(event),
    })
    .finally(() => {
      over = true;
      bar.finish();
    });
  const quit = (async (): Promise<'quit'> => {
    const signal = await ctx.io.untilStopped();
    if (!over) {
      bar.finish();
      ctx.io.stderr.write(`Stopping at the next page (${signal}); press Ctrl-C again to quit at once.\n`);
      stop.abort(`stopped by ${signal}`);
      await ctx.io.untilStopped();
    }
    // Once the run is over a signal means nothing: never settle.
    if (over) await new Promise<never>(() => undefined);
    return 'quit';
  })();
  const first = await Promise.race([outcome, quit]);
  if (first !== 'quit') return first;
  ctx.io.stderr.write(
    'Quit without waiting: the run stays unfinished until its lease ends; the next run resumes from the last committed page.\n',
  );
  // The hub stays open for the abandoned run (in tests, where nothing ends the process).
  void outcome.catch(() => undefined).finally(() => void hub.close());
  ctx.io.exit?.(EXIT.cancelled);
  return 'quit';
}

function printReport(ctx: CommandContext, { run, report }: RunOutcome): void {
  ctx.io.stdout.write(`${formatReport(report)}\n`);
  if (report.counts.failed > 0 || report.status !== 'succeeded')
    ctx.io.stdout.write(`Details: prestabridge runs show ${run.id}\n`);
}

function feedsHelp(ctx: CommandContext): string {
  if (ctx.feeds.length === 0) return '\nNo feeds are installed yet.\n';
  const width = Math.max(...ctx.feeds.map((feed) => feed.name.length));
  const feeds = ctx.feeds
    .map((feed) => `  ${feed.name.padEnd(width)}  ${feed.description} (${feed.direction}, ${feed.cadence})\n`)
    .join('');
  return `\nFeeds:\n${feeds}\nExit codes: 0 succeeded, 1 failed, 2 usage error, 130 stopped (Ctrl-C or \`sync stop\`).\n`;
}
