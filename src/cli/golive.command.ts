import type { Command } from 'commander';

import type { Store } from '../hub/index.js';
import { FeedRunner, type GoLiveResult, type GoLiveStepOutcome, runGoLive } from '../jobs/index.js';
import { formatReport } from '../sync/index.js';
import { CliExit } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { requireSecret, withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { ProgressBar } from './progress-bar.js';

interface GoLiveCommandOptions {
  readonly store: string;
  readonly restart?: boolean;
  readonly json?: boolean;
}

/** `prestabridge golive --store NAME`: the first feeds of a store in the safe order. */
export function registerGoLiveCommand(program: Command, ctx: CommandContext): void {
  program
    .command('golive')
    .description(
      'Bring a store live: catalog, customers, orders, the one-time stock import, then the first stock export — in that order, resumable.',
    )
    .requiredOption('--store <name>', 'store name')
    .option('--restart', 'run every step again instead of resuming after the last completed one')
    .option('--json', 'print the outcome of each step as JSON')
    .action(async (options: GoLiveCommandOptions) => {
      requireSecret(ctx);
      let store: Store | undefined;
      const result = await withHub(ctx, async (hub) => {
        store = await hub.stores.get(options.store);
        const runner = new FeedRunner({
          hub,
          clock: ctx.clock,
          clientOverrides: ctx.clientOverrides,
          ...ctx.runner,
        });
        const stop = new AbortController();
        void ctx.io.untilStopped().then((signal) => stop.abort(`stopped by ${signal}`));
        let bar: ProgressBar | undefined;
        const outcome = await runGoLive({
          hub,
          runner,
          feeds: ctx.feeds,
          store,
          restart: options.restart ?? false,
          signal: stop.signal,
          onStepStart: (step, index, total) => {
            if (!options.json) ctx.io.stderr.write(`[${index + 1}/${total}] ${step.feed}\n`);
            bar = new ProgressBar({ stream: ctx.io.stderr });
          },
          onProgress: (event) => bar?.update(event),
          onStepEnd: (outcome) => {
            bar?.finish();
            bar = undefined;
            if (!options.json) ctx.io.stdout.write(`${describeStep(outcome)}\n`);
          },
        });
        // The settings as they are now (a step may not change them, but another process might have).
        store = await hub.stores.get(store.id);
        return outcome;
      });
      if (options.json) writeJson(ctx.io, result);
      else ctx.io.stdout.write(`${conclusion(result, store)}\n`);
      if (!result.live) throw new CliExit(1);
    });
}

function describeStep(outcome: GoLiveStepOutcome): string {
  switch (outcome.status) {
    case 'done-before':
      return `${outcome.step.feed}: done in an earlier go-live run`;
    case 'skipped':
      return `${outcome.step.feed}: skipped — ${outcome.reason}`;
    case 'ran':
      return formatReport(outcome.outcome.report);
  }
}

function conclusion(result: GoLiveResult, store: Store | undefined): string {
  if (result.live) {
    return `Store '${result.store}' is live: its stock is now the hub's.\n${syncingLine(result.store, store)}`;
  }
  const stopped = result.stoppedAt;
  return (
    `Go-live of '${result.store}' stopped at ${stopped?.feed ?? 'a step'}: ${stopped?.reason ?? 'see above'}\n` +
    `Fix that, then run \`prestabridge golive --store ${result.store}\` again: it resumes at this step.`
  );
}

/**
 * Go-live's last line: whether the scheduler will keep the store in sync from now on, and what to
 * turn on when it will not — a store live with import and export off would silently stay still.
 */
function syncingLine(name: string, store: Store | undefined): string {
  const settings = store?.settings;
  const watch = `\`prestabridge sync status --store ${name}\` shows the schedule.`;
  if (settings === undefined) return `Run \`prestabridge serve\` to keep it in sync; ${watch}`;
  const { import: imports, export: exports } = settings;
  if (!settings.enabled)
    return (
      `Syncing is off: the store is disabled. Turn it on with \`prestabridge stores set ${name} enabled=true\`, ` +
      'then run `prestabridge serve`.'
    );
  if (!imports.enabled && !exports.enabled)
    return (
      'Syncing is off: import and export are disabled, so `prestabridge serve` runs no feed of this store. ' +
      `Turn them on with \`prestabridge stores set ${name} import.enabled=true export.enabled=true\`, then run \`prestabridge serve\`.`
    );
  const on = (side: 'import' | 'export', minutes: number): string => `${side} every ${minutes} min`;
  if (!exports.enabled)
    return (
      `Syncing is on for import only (${on('import', imports.frequencyMinutes)}) while \`prestabridge serve\` runs: ` +
      `stock, shipments and order states do not reach the store until \`prestabridge stores set ${name} export.enabled=true\`. ${watch}`
    );
  if (!imports.enabled)
    return (
      `Syncing is on for export only (${on('export', exports.frequencyMinutes)}) while \`prestabridge serve\` runs: ` +
      `new orders do not arrive until \`prestabridge stores set ${name} import.enabled=true\`. ${watch}`
    );
  return (
    `Syncing is on (${on('import', imports.frequencyMinutes)}, ${on('export', exports.frequencyMinutes)}) ` +
    `while \`prestabridge serve\` runs. ${watch}`
  );
}
