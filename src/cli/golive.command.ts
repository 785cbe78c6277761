import type { Command } from 'commander';

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
      const result = await withHub(ctx, async (hub) => {
        const store = await hub.stores.get(options.store);
        const runner = new FeedRunner({
          hub,
          clock: ctx.clock,
          clientOverrides: ctx.clientOverrides,
          ...ctx.runner,
        });
        const stop = new AbortController();
        void ctx.io.untilStopped().then((signal) => stop.abort(`stopped by ${signal}`));
        let bar: ProgressBar | undefined;
        return runGoLive({
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
      });
      if (options.json) writeJson(ctx.io, result);
      else ctx.io.stdout.write(`${conclusion(result)}\n`);
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

function conclusion(result: GoLiveResult): string {
  if (result.live) {
    return (
      `Store '${result.store}' is live: its stock is now the hub's. ` +
      `Run \`prestabridge serve\` to keep it in sync, and \`prestabridge sync status --store ${result.store}\` to watch it.`
    );
  }
  const stopped = result.stoppedAt;
  return (
    `Go-live of '${result.store}' stopped at ${stopped?.feed ?? 'a step'}: ${stopped?.reason ?? 'see above'}\n` +
    `Fix that, then run \`prestabridge golive --store ${result.store}\` again: it resumes at this step.`
  );
}
