import type { Command } from 'commander';

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
