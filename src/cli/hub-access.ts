import { existsSync } from 'node:fs';

import {
  type Hub,
  HubError,
  InvalidRecordError,
  MissingSecretError,
  openHub,
  parseDatabaseUrl,
  SettingsValidationError,
  WrongSecretError,
} from '../hub/index.js';
import { FeedError, UnknownFeedError } from '../sync/index.js';
import { InvalidRequestError, PrestaShopError } from '../webservice/index.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { secretFileFor } from './hub-secret.js';

export interface CliHubOptions {
  /**
   * Whether the command may create the SQLite file when there is none (`stores add`, `users add`,
   * `serve`…). Commands that read, or change what must already exist, refuse instead: an empty
   * database left in the current folder would only hide that `DATABASE_URL` points elsewhere.
   */
  readonly create?: boolean;
}

/**
 * Opens the hub named by `DATABASE_URL` (default `./data/prestabridge.sqlite`), with the webservice
 * keys readable through `PRESTABRIDGE_SECRET`, both from the command's environment. Failures (a bad
 * URL, an unreachable server, a newer database, no database file) become one line saying what to do.
 */
export async function openCliHub(ctx: CommandContext, options: CliHubOptions = {}): Promise<Hub> {
  try {
    if (options.create !== true) requireDatabaseFile(ctx);
    return await openHub({ env: ctx.io.env, clock: ctx.clock });
  } catch (error) {
    throw asCliError(error);
  }
}

/** Refuses an SQLite `DATABASE_URL` whose file does not exist, naming where it looked and how to point elsewhere. */
function requireDatabaseFile(ctx: CommandContext): void {
  const target = parseDatabaseUrl(ctx.io.env.DATABASE_URL);
  if (target.engine !== 'sqlite' || existsSync(target.path)) return;
  const where = ctx.io.env.DATABASE_URL?.trim()
    ? `DATABASE_URL names ${target.path}`
    : `DATABASE_URL is not set, so the hub would be ${target.path}`;
  throw new CliError(
    `No hub database found: ${where}, and there is no such file. Point DATABASE_URL at the hub's ` +
      'database (the demo keeps it in data/prestabridge.sqlite of the folder where `npm start` ran), ' +
      'or start a hub here with `prestabridge stores add` (or `prestabridge start` for the demo).',
  );
}

/**
 * Runs `work` on an opened hub (which must exist unless `options.create`) and closes it afterwards; the hub's, the store's and the feeds'
 * errors become one-line {@link CliError}s with the right exit code.
 *
 * @example
 * await withHub(ctx, async (hub) => writeJson(ctx.io, await hub.stores.list()));
 */
export async function withHub<T>(
  ctx: CommandContext,
  work: (hub: Hub) => Promise<T>,
  options: CliHubOptions = {},
): Promise<T> {
  const hub = await openCliHub(ctx, options);
  try {
    return await work(hub);
  } catch (error) {
    throw asCliError(error, ctx);
  } finally {
    await hub.close();
  }
}

/** Fails early, before contacting a store, when a key will have to be stored or read. */
export function requireSecret(ctx: CommandContext): void {
  if (!ctx.io.env.PRESTABRIDGE_SECRET) throw new CliError(missingSecretMessage(ctx));
}

/** {@link MissingSecretError}'s words, and where else the CLI looked: the secret file beside an SQLite database. */
export function missingSecretMessage(ctx: CommandContext): string {
  const file = secretFileFor(ctx.io.env.DATABASE_URL);
  return (
    new MissingSecretError().message +
    (file === null ? '' : ` (Without it, commands read ${file} when it exists; the demo makes it.)`)
  );
}

/**
 * An error as the CLI shows it: one line; exit 2 for what the user typed wrong (a setting, a name, a
 * feed), 1 for everything else. Errors without a message meant for users pass through unchanged.
 */
export function asCliError(error: unknown, ctx?: CommandContext): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof MissingSecretError && ctx !== undefined)
    return new CliError(missingSecretMessage(ctx), { cause: error });
  // A secret nobody typed: say where it came from, or "PRESTABRIDGE_SECRET differs" would make no sense.
  if (error instanceof WrongSecretError && ctx?.secretFile)
    return new CliError(
      `${oneLine(error.message)} (PRESTABRIDGE_SECRET is not set: the secret was read from ${ctx.secretFile}.)`,
      { cause: error },
    );
  const usage =
    error instanceof SettingsValidationError ||
    error instanceof InvalidRecordError ||
    error instanceof UnknownFeedError ||
    error instanceof InvalidRequestError;
  const known =
    usage || error instanceof HubError || error instanceof FeedError || error instanceof PrestaShopError;
  if (!known) return error;
  return new CliError(oneLine(error.message), { exitCode: usage ? 2 : 1, cause: error });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
