import { type Command, InvalidArgumentError } from 'commander';

import type { RequestLogEntry } from '../hub/index.js';
import { wholeNumber } from './argument-parsers.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatTable } from './table-format.js';
import { formatInstant } from './value-format.js';

interface RequestsOptions {
  readonly store?: string;
  readonly failed?: boolean;
  readonly since?: (now: Date) => Date;
  readonly limit: number;
  readonly json?: boolean;
}

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--since`: a span back from now (`30m`, `2h`, `7d`) or an instant (`2026-12-01T08:00Z`, a date alone
 * is midnight UTC).
 *
 * @example
 * parseSince('2h')(new Date('2026-12-03T10:00:00Z')); // 2026-12-03T08:00:00Z
 */
export function parseSince(text: string): (now: Date) => Date {
  const span = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (span !== null) {
    const ms = Number(span[1]) * (UNIT_MS[span[2] ?? 'h'] ?? 0);
    return (now) => new Date(now.getTime() - ms);
  }
  const instant = Date.parse(text.trim());
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim()) || Number.isNaN(instant))
    throw new InvalidArgumentError(
      'expected a span such as 30m, 2h or 7d, or an instant such as 2026-12-01T08:00Z.',
    );
  return () => new Date(instant);
}

/** `prestabridge requests`: the request log — every request to a store, newest first, key redacted. */
export function registerRequestsCommand(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('requests')
    .description(
      'The request log: every request the hub sent to a store (method, URL with the key redacted, status, ' +
        'duration, when it was made), newest first. Bodies are kept only for stores with extras.logApiRequests on.',
    )
    .option('--store <name>', 'only this store')
    .option('--failed', 'only requests that failed (no answer, or status 400 and above)')
    .option(
      '--since <when>',
      'only requests made since: a span (30m, 2h, 7d) or an instant (2026-12-01T08:00Z)',
      parseSince,
    )
    .option('--limit <n>', 'how many, newest first', wholeNumber(1), 50)
    .option('--json', 'print JSON')
    .action(async (options: RequestsOptions) => {
      await withHub(ctx, async (hub) => {
        const store = options.store === undefined ? undefined : await hub.stores.get(options.store);
        const entries = await hub.requestLog.list({
          limit: options.limit,
          ...(store === undefined ? {} : { storeId: store.id }),
          ...(options.failed ? { status: 'failed' as const } : {}),
          ...(options.since === undefined ? {} : { from: options.since(ctx.clock()) }),
        });
        const names = new Map((await hub.stores.list()).map((candidate) => [candidate.id, candidate.name]));
        if (options.json) {
          writeJson(
            io,
            entries.map((entry) => ({
              ...entry,
              store: entry.storeId === null ? null : (names.get(entry.storeId) ?? null),
            })),
          );
        } else if (entries.length === 0) {
          io.stdout.write('No requests match.\n');
        } else {
          io.stdout.write(requestsTable(entries, names));
        }
      });
    });
}

function requestsTable(entries: readonly RequestLogEntry[], names: ReadonlyMap<number, string>): string {
  return formatTable(
    ['id', 'at', 'store', 'method', 'status', 'ms', 'url'],
    entries.map((entry) => [
      String(entry.id),
      formatInstant(entry.at),
      entry.storeId === null ? '-' : (names.get(entry.storeId) ?? String(entry.storeId)),
      entry.method,
      entry.status === null
        ? `no answer${entry.error === null ? '' : `: ${entry.error}`}`
        : String(entry.status),
      String(entry.durationMs),
      entry.url,
    ]),
    { alignRight: [0, 5], maxCellWidth: 120 },
  );
}
