import type { FeedRunnerOptions } from '../jobs/index.js';
import { allFeeds, type Feed, type StoreClientOverrides, UnknownFeedError } from '../sync/index.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { findHubSecret } from './hub-secret.js';

/**
 * What the CLI is built with besides its input and output: the feeds it knows, the clock, and client
 * and runner settings. The defaults are the real ones; tests pass a feed of their own, a fixed clock
 * and a short heartbeat.
 */
export interface CliOptions {
  /** Feeds `sync` and `stores add` know (default: every feed of the registry). */
  readonly feeds?: readonly Feed[];
  readonly clock?: () => Date;
  /** Webservice client settings for every store (timeouts, retries). */
  readonly clientOverrides?: StoreClientOverrides;
  /** Lease and heartbeat of runs started by `sync run`. */
  readonly runner?: Pick<FeedRunnerOptions, 'leaseMs' | 'heartbeatMs'>;
}

/** What a hub command gets: the io and the resolved options. */
export interface CommandContext {
  /** The io, its `PRESTABRIDGE_SECRET` filled from the secret file beside the database when not set ({@link findHubSecret}). */
  readonly io: CliIo;
  /** The file the secret was read from, when it did not come from `PRESTABRIDGE_SECRET`. */
  readonly secretFile: string | null;
  readonly feeds: readonly Feed[];
  readonly clock: () => Date;
  readonly clientOverrides: StoreClientOverrides;
  readonly runner: Pick<FeedRunnerOptions, 'leaseMs' | 'heartbeatMs'>;
}

export function commandContext(io: CliIo, options: CliOptions = {}): CommandContext {
  const { secret, file } = findHubSecret(io.env);
  return {
    io: file === null ? io : { ...io, env: { ...io.env, PRESTABRIDGE_SECRET: secret } },
    secretFile: file,
    feeds: options.feeds ?? allFeeds,
    clock: options.clock ?? (() => new Date()),
    clientOverrides: options.clientOverrides ?? {},
    runner: options.runner ?? {},
  };
}

/** The feed with this name among the CLI's feeds; an unknown name is a usage error listing them. */
export function feedNamed(ctx: CommandContext, name: string): Feed {
  const feed = ctx.feeds.find((candidate) => candidate.name === name);
  if (feed) return feed;
  const known = ctx.feeds.map((candidate) => candidate.name);
  throw new CliError(
    known.length === 0
      ? `There is no feed named '${name}': no feeds are installed.`
      : new UnknownFeedError(name, known).message,
    { exitCode: 2 },
  );
}
