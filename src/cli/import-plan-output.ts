import type { Hub } from '../hub/index.js';
import { planImport } from '../jobs/index.js';
import {
  describeImportPlanCounts,
  describeImportPlanEntry,
  type Feed,
  type ImportPlan,
} from '../sync/index.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { writeJson } from './json-output.js';
import { ProgressBar } from './progress-bar.js';

/**
 * `sync run FEED --plan [--not-imported] [--json]` for a feed with a planner: the plan, read with
 * Ctrl-C stopping it between pages, then printed — every line but the up-to-date ones (counted; --json
 * lists them too) — with the command that imports a selection.
 */
export async function printImportPlan(
  ctx: CommandContext,
  hub: Hub,
  feed: Feed,
  storeName: string,
  options: { readonly notImported: boolean; readonly json: boolean },
): Promise<void> {
  const store = await hub.stores.get(storeName);
  const stop = new AbortController();
  let over = false;
  void ctx.io.untilStopped().then((signal) => {
    if (over) return;
    ctx.io.stderr.write(`Stopping the plan (${signal}).\n`);
    stop.abort(`stopped by ${signal}`);
  });
  const bar = new ProgressBar({ stream: ctx.io.stderr });
  const step = `plan: store ${feed.planner?.record ?? 'record'}s`;
  let plan: ImportPlan;
  try {
    plan = await planImport(
      {
        hub,
        feed,
        store,
        clientOverrides: ctx.clientOverrides,
        signal: stop.signal,
        notImported: options.notImported,
        onProgress: (planned) => bar.update({ step, done: planned, total: null }),
      },
      ctx.feeds.filter((candidate) => candidate.planner !== undefined).map((candidate) => candidate.name),
    );
  } catch (error) {
    if (stop.signal.aborted)
      throw new CliError('The plan was stopped; nothing was written.', { exitCode: 130 });
    throw error;
  } finally {
    over = true;
    bar.finish();
  }
  if (options.json) {
    writeJson(ctx.io, plan);
    return;
  }
  ctx.io.stdout.write(formatImportPlan(plan));
}

/** The plan for people. */
export function formatImportPlan(plan: ImportPlan): string {
  const lines = [
    `Plan of ${plan.feed} for '${plan.store}'${plan.notImportedOnly ? ` (${plan.record}s not imported yet)` : ''}: ` +
      `${describeImportPlanCounts(plan.counts)}. Nothing was written.`,
  ];
  for (const entry of plan.entries) {
    if (entry.action !== 'up-to-date') lines.push(`  ${describeImportPlanEntry(entry, plan.record)}`);
  }
  if (plan.counts['up-to-date'] > 0)
    lines.push(`  (${plan.counts['up-to-date']} up to date, not listed: --json lists every record)`);
  const selectable = plan.entries
    .filter(
      (entry) =>
        entry.externalId !== null && (entry.action === 'add-to-hub' || entry.action === 'update-hub'),
    )
    .map((entry) => entry.externalId);
  if (selectable.length > 0) {
    const sample = selectable.slice(0, 5).join(',');
    lines.push(
      `Import a selection: prestabridge sync run ${plan.feed} --store ${plan.store} --only ${sample}${selectable.length > 5 ? ',…' : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
