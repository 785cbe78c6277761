import {
  type Hub,
  HubError,
  InvalidRecordError,
  MissingSecretError,
  openHub,
  SettingsValidationError,
} from '../hub/index.js';
import { FeedError, UnknownFeedError } from '../sync/index.js';
import { InvalidRequestError, PrestaShopError } from '../webservice/index.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';

/**
 * Opens the hub named by `DATABASE_URL` (default `./data/prestabridge.sqlite`), with the webservice
 * keys readable through `PRESTABRIDGE_SECRET`, both from the command's environment. Failures (a bad
 * URL, an unreachable server, a newer database) become one line saying what to do.
 */
export async function openCliHub(ctx: CommandContext): Promise<Hub> {
  try {
    return await openHub({ env: ctx.io.env, clock: ctx.clock });
  } catch (error) {
    throw asCliError(error);
  }
}

/**
 * Runs `work` on an opened hub and closes it afterwards; the hub's, the store's and the feeds'
 * errors become one-line {@link CliError}s with the right exit code.
 *
 * @example
 * await withHub(ctx, async (hub) => writeJson(ctx.io, await hub.stores.list()));
 */
export async function withHub<T>(ctx: CommandContext, work: (hub: Hub) => Promise<T>): Promise<T> {
  const hub = await openCliHub(ctx);
  try {
    return await work(hub);
  } catch (error) {
    throw asCliError(error);
  } finally {
    await hub.close();
  }
}

/** Fails early, before contacting a store, when a key will have to be stored or read. */
export function requireSecret(ctx: CommandContext): void {
  if (!ctx.io.env.PRESTABRIDGE_SECRET) throw new CliError(new MissingSecretError().message);
}

/**
 * An error as the CLI shows it: one line; exit 2 for what the user typed wrong (a setting, a name, a
 * feed), 1 for everything else. Errors without a message meant for users pass through unchanged.
 */
export function asCliError(error: unknown): unknown {
  if (error instanceof CliError) return error;
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
