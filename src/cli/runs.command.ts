import { type Command, Option } from 'commander';

import type { Hub, Run, RunFailure, RunStatus } from '../hub/index.js';
import { type FeedReport, formatReport } from '../sync/index.js';
import { positiveId, wholeNumber } from './argument-parsers.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatKeyValues, formatTable } from './table-format.js';
import { formatDuration, formatInstant } from './value-format.js';

const STATUSES: readonly RunStatus[] = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'];

interface ListOptions {
  readonly store?: string;
  readonly feed?: string;
  readonly status?: RunStatus;
  readonly limit: number;
  readonly json?: boolean;
}

/** `prestabridge runs …`: what feeds did — recent runs, and one run with its report and failures. */
export function registerRunsCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const runs = program
    .command('runs')
    .description('Runs of feeds: list recent ones, show one with its failures.');

  runs
    .command('list')
    .description('Recent runs, newest first.')
    .option('--store <name>', 'only this store')
    .option('--feed <feed>', 'only this feed')
    .addOption(new Option('--status <status>', 'only runs in this state').choices([...STATUSES]))
    .option('--limit <n>', 'how many', wholeNumber(1), 20)
    .option('--json', 'print JSON')
    .action(async (options: ListOptions) => {
      await withHub(ctx, async (hub) => {
        const store = options.store === undefined ? undefined : await hub.stores.get(options.store);
        const list = await hub.runs.list({
          limit: options.limit,
          ...(store ? { storeId: store.id } : {}),
          ...(options.feed === undefined ? {} : { feed: options.feed }),
          ...(options.status === undefined ? {} : { status: options.status }),
        });
        const names = await storeNames(hub);
        if (options.json)
          writeJson(
            io,
            list.map((run) => ({ ...run, store: names.get(run.storeId ?? 0) ?? null })),
          );
        else if (list.length === 0) io.stdout.write('No runs match.\n');
        else io.stdout.write(runsTable(list, names));
      });
    });

  runs
    .command('show')
    .description('One run: counts, progress, report, and its failed records with their reasons.')
    .argument('<run-id>', 'run id', positiveId)
    .option('--failures <n>', 'how many failed records to list', wholeNumber(0), 100)
    .option('--json', 'print JSON')
    .action(async (runId: number, options: { failures: number; json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const run = await hub.runs.get(runId);
        const failures =
          options.failures === 0 ? [] : await hub.runs.failures(run.id, { limit: options.failures });
        const store = run.storeId === null ? undefined : await hub.stores.find(run.storeId);
        if (options.json) writeJson(io, { ...run, store: store?.name ?? null, failures });
        else io.stdout.write(runDetails(run, store?.name ?? null, failures));
      });
    });
}

async function storeNames(hub: Hub): Promise<Map<number, string>> {
  return new Map((await hub.stores.list()).map((store) => [store.id, store.name]));
}

function duration(run: Run): string {
  if (run.finishedAt === null) return '-';
  return formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
}

function runsTable(runs: readonly Run[], names: ReadonlyMap<number, string>): string {
  return formatTable(
    ['id', 'store', 'feed', 'trigger', 'status', 'started', 'duration', 'new', 'upd', 'same', 'skip', 'fail'],
    runs.map((run) => [
      String(run.id),
      names.get(run.storeId ?? 0) ?? '-',
      run.feed,
      run.trigger,
      run.status,
      formatInstant(run.startedAt),
      duration(run),
      String(run.counts.created),
      String(run.counts.updated),
      String(run.counts.unchanged),
      String(run.counts.skipped),
      String(run.counts.failed),
    ]),
    { alignRight: [0, 7, 8, 9, 10, 11] },
  );
}

function runDetails(run: Run, store: string | null, failures: readonly RunFailure[]): string {
  const { created, updated, unchanged, skipped, failed } = run.counts;
  const { step, done, total } = run.progress;
  const pairs: Array<[string, string]> = [
    ['run', String(run.id)],
    ['feed', run.feed],
    ['store', store ?? '-'],
    ['trigger', run.trigger],
    [
      'status',
      run.status + (run.stopRequestedAt ? ` (stop requested ${formatInstant(run.stopRequestedAt)})` : ''),
    ],
    ['started', formatInstant(run.startedAt)],
    ['finished', formatInstant(run.finishedAt)],
    ['duration', duration(run)],
    ['progress', `${step ?? '-'} ${done}${total === null ? '' : `/${total}`}`],
    [
      'counts',
      `created ${created}, updated ${updated}, unchanged ${unchanged}, skipped ${skipped}, failed ${failed}`,
    ],
  ];
  if (run.error) pairs.push(['error', run.error]);
  let text = formatKeyValues(pairs);
  if (isReport(run.report)) text += `\nReport:\n${formatReport(run.report)}\n`;
  if (failures.length > 0) {
    text += `\nFailed records (${failures.length} of ${failed}):\n`;
    text += formatTable(
      ['record', 'reason', 'at'],
      failures.map((failure) => [failure.recordId, failure.reason, formatInstant(failure.at)]),
      { maxCellWidth: 100 },
    );
  }
  return text;
}

function isReport(report: unknown): report is FeedReport {
  return typeof report === 'object' && report !== null && 'counts' in report && 'feed' in report;
}
