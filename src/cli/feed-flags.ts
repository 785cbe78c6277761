import { type Command, Option } from 'commander';

import type { Feed, FeedOptions, FeedOptionSpec } from '../sync/index.js';
import { CliError } from './cli-error.js';

/** Flags `sync run` itself takes; a feed option of the same name could not be told apart. */
const RESERVED = new Set(['store', 'json', 'help', 'not-imported']);

/** `--plan` of the feeds with a planner (import-products, import-customers): `sync run` handles it. */
const PLAN_FLAG: FeedOptionSpec = {
  name: 'plan',
  flag: 'plan',
  kind: 'boolean',
  description: 'Show the plan (what a run would do with each record) and write nothing.',
};

/** Every flag some feed takes, with the first spec declaring it and the feeds taking it. */
function flagTable(feeds: readonly Feed[]): Map<string, { spec: FeedOptionSpec; feeds: string[] }> {
  const table = new Map<string, { spec: FeedOptionSpec; feeds: string[] }>();
  for (const feed of feeds) {
    for (const spec of feed.options ?? []) {
      if (RESERVED.has(spec.flag)) continue;
      const entry = table.get(spec.flag) ?? { spec, feeds: [] };
      entry.feeds.push(feed.name);
      table.set(spec.flag, entry);
    }
    if (feed.planner !== undefined) {
      const entry = table.get(PLAN_FLAG.flag) ?? { spec: PLAN_FLAG, feeds: [] };
      if (!entry.feeds.includes(feed.name)) entry.feeds.push(feed.name);
      table.set(PLAN_FLAG.flag, entry);
    }
  }
  return table;
}

function flagOption(spec: FeedOptionSpec, description: string): Option {
  const value = spec.kind === 'boolean' ? '' : ` <${spec.kind === 'integer' ? 'n' : spec.kind}>`;
  return new Option(`--${spec.flag}${value}`, description);
}

/**
 * Adds the flags of `sync run`: every feed's options, once each, documented with the feeds that
 * take them. Values are checked against the feed actually run ({@link feedOptionValues}).
 */
export function addFeedFlags(command: Command, feeds: readonly Feed[]): void {
  for (const { spec, feeds: takers } of flagTable(feeds).values())
    command.addOption(flagOption(spec, `${spec.description} (${takers.join(', ')})`));
}

/**
 * The feed options given on the command line, converted for `feed`. A flag that only other feeds
 * take, or a value of the wrong kind, is a usage error (exit 2).
 */
export function feedOptionValues(
  feed: Feed,
  feeds: readonly Feed[],
  given: Readonly<Record<string, unknown>>,
): FeedOptions {
  const values: Record<string, string | number | boolean> = {};
  for (const [flag, entry] of flagTable(feeds)) {
    const raw = given[flagOption(entry.spec, '').attributeName()];
    if (raw === undefined) continue;
    const own = feed.options?.find((candidate) => candidate.flag === flag);
    // A planner's --plan is read by `sync run` itself (the plan is not a run).
    if (!own && flag === PLAN_FLAG.flag && feed.planner !== undefined) continue;
    if (!own) {
      throw new CliError(`${feed.name} takes no --${flag} (an option of ${entry.feeds.join(', ')})`, {
        exitCode: 2,
      });
    }
    values[own.name] = convert(own, raw);
  }
  return values;
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function convert(spec: FeedOptionSpec, raw: unknown): string | number | boolean {
  if (spec.kind === 'boolean') return raw === true;
  const text = String(raw).trim();
  switch (spec.kind) {
    case 'integer':
      if (!/^-?\d+$/.test(text)) throw usage(spec, 'a whole number', text);
      return Number(text);
    case 'date':
      if (!DATE.test(text) || Number.isNaN(Date.parse(text.replace(' ', 'T'))))
        throw usage(spec, 'a date such as 2026-01-31 or 2026-01-31T08:00', text);
      return text;
    case 'string':
      return text;
  }
}

function usage(spec: FeedOptionSpec, expected: string, got: string): CliError {
  return new CliError(`--${spec.flag} must be ${expected}, got '${got}'`, { exitCode: 2 });
}
