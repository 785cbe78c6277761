import type { Command } from 'commander';

import { ID_COUNTER_FEEDS, resetFeedWatermark } from '../sync/index.js';
import { positiveId, wholeNumber } from './argument-parsers.js';
import { CliError } from './cli-error.js';
import { type CommandContext, feedNamed } from './command-context.js';
import { describeSchedule, feedStatuses, feedStatusTable } from './feed-status.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { registerSyncRunCommand } from './sync-run.command.js';
import { formatInstant } from './value-format.js';

interface ScheduleOptions {
  readonly store: string;
  readonly every?: number;
  readonly off?: boolean;
  readonly default?: boolean;
}

/** `prestabridge sync …`: run feeds, see their state, stop a run, set a feed's schedule. */
export function registerSyncCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const sync = program
    .command('sync')
    .description('Run feeds, see when they ran and run next, stop a run, set a schedule.');

  registerSyncRunCommand(sync, ctx);

  sync
    .command('status')
    .description('Every feed of every store (or one): schedule, last run, result, next scheduled time.')
    .option('--store <name>', 'only this store')
    .option('--json', 'print JSON')
    .action(async (options: { store?: string; json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const stores =
          options.store === undefined ? await hub.stores.list() : [await hub.stores.get(options.store)];
        const now = ctx.clock();
        const rows = await feedStatuses(hub, ctx.feeds, stores, now);
        if (options.json) writeJson(io, rows);
        else if (stores.length === 0)
          io.stdout.write('No stores yet: add one with `prestabridge stores add`.\n');
        else if (ctx.feeds.length === 0) io.stdout.write('No feeds are installed.\n');
        else io.stdout.write(feedStatusTable(rows, now));
      });
    });

  sync
    .command('stop')
    .description('Stop a run, from any process: it stops at its next page and keeps what it committed.')
    .argument('<run-id>', 'the run (see `prestabridge runs list` or `sync status`)', positiveId)
    .action(async (runId: number) => {
      await withHub(ctx, async (hub) => {
        const run = await hub.runs.get(runId);
        const store = run.storeId === null ? undefined : await hub.stores.find(run.storeId);
        const what = `run ${run.id} (${run.feed}${store ? ` for ${store.name}` : ''})`;
        if (!(await hub.runs.requestStop(run.id))) {
          throw new CliError(
            `${capitalize(what)} is not running: it ${run.status === 'succeeded' || run.status === 'failed' ? '' : 'was '}${run.status} at ${formatInstant(run.finishedAt)}.`,
          );
        }
        io.stdout.write(
          `Stop requested for ${what}. The process running it stops at its next page once it notices ` +
            `(at its next heartbeat, within 15 s by default); \`prestabridge runs show ${run.id}\` shows the outcome.\n`,
        );
      });
    });

  sync
    .command('reset')
    .description(
      "Set a feed's watermark back: forget it (the next run starts from the beginning), or with --to-id set " +
        'the last imported id of import-orders, import-customers or import-products (the next run imports from ' +
        'the id after it; what was imported already is recognised, never duplicated).',
    )
    .argument('<feed>', 'feed name')
    .requiredOption('--store <name>', 'store name')
    .option('--to-id <id>', 'the last store id to count as imported (0: from the first)', wholeNumber(0))
    .option('--json', 'print the watermark before and after as JSON')
    .action(async (feedName: string, options: { store: string; toId?: number; json?: boolean }) => {
      const feed = feedNamed(ctx, feedName);
      if (options.toId !== undefined && ID_COUNTER_FEEDS[feed.name] === undefined) {
        throw new CliError(
          `--to-id sets the id counter of ${Object.keys(ID_COUNTER_FEEDS).join(', ')}; ${feed.name} has none.`,
          { exitCode: 2 },
        );
      }
      await withHub(ctx, async (hub) => {
        const store = await hub.stores.get(options.store);
        const result = await resetFeedWatermark(
          hub,
          store,
          feed.name,
          options.toId === undefined ? {} : { toId: options.toId },
        );
        if (options.json) {
          writeJson(io, result);
          return;
        }
        const record = ID_COUNTER_FEEDS[feed.name];
        const was = typeof result.before?.lastId === 'number' ? ` (it was at ${result.before.lastId})` : '';
        io.stdout.write(
          options.toId === undefined
            ? `${feed.name} for ${store.name}: watermark forgotten${was}; the next run starts from the beginning.\n`
            : `${feed.name} for ${store.name}: last imported ${record} id set to ${options.toId}${was}; ` +
                `the next run imports from ${record} ${options.toId + 1}.\n`,
        );
      });
    });

  sync
    .command('schedule')
    .description(
      "Set how often the scheduler runs a feed for a store (the store's schedules.<feed> setting).",
    )
    .argument('<feed>', 'feed name')
    .requiredOption('--store <name>', 'store name')
    .option('--every <minutes>', 'run every this many minutes (1 to 10080)', wholeNumber(1))
    .option('--off', 'never run it on a schedule (only with `sync run`)')
    .option('--default', "back to the feed's own cadence")
    .action(async (feedName: string, options: ScheduleOptions) => {
      const feed = feedNamed(ctx, feedName);
      const chosen = [options.every !== undefined, options.off === true, options.default === true].filter(
        Boolean,
      );
      if (chosen.length !== 1)
        throw new CliError('give exactly one of --every MINUTES, --off, --default', { exitCode: 2 });
      const value = options.every ?? (options.off ? 'off' : null);
      await withHub(ctx, async (hub) => {
        const store = await hub.stores.get(options.store);
        const updated = await hub.stores.update(store.id, {
          settings: { schedules: { [feed.name]: value } },
        });
        const side = feed.direction === 'import' ? updated.settings.import : updated.settings.export;
        const hint = !updated.settings.enabled
          ? ` The store is disabled: \`prestabridge stores set ${store.name} enabled=true\`.`
          : !side.enabled
            ? ` Scheduled ${feed.direction}s are off for this store: \`prestabridge stores set ${store.name} ${feed.direction}.enabled=true\`.`
            : '';
        io.stdout.write(`${feed.name} for ${store.name}: ${describeSchedule(feed, updated)}.${hint}\n`);
      });
    });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
