import { readFileSync } from 'node:fs';

import { Command, CommanderError } from 'commander';

import { registerAccountingCommands } from './accounting.command.js';
import { registerActionsCommands } from './actions.command.js';
import { CliError, CliExit } from './cli-error.js';
import { type CliIo, processIo } from './cli-io.js';
import { type CliOptions, commandContext } from './command-context.js';
import { registerCustomersCommands } from './customers.command.js';
import { registerEmulatorCommand } from './emulator.command.js';
import { registerGoLiveCommand } from './golive.command.js';
import { registerMasterDataCommands } from './master-data.command.js';
import { registerOrdersCommands } from './orders.command.js';
import { registerProductsCommands } from './products.command.js';
import { registerRequestsCommand } from './requests.command.js';
import { registerRunsCommands } from './runs.command.js';
import { registerSecretCommands } from './secret.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerStartCommand } from './start.command.js';
import { registerStockCommands } from './stock.command.js';
import { registerStoreCommands } from './store.command.js';
import { registerStoresCommands } from './stores.command.js';
import { registerSyncCommands } from './sync.command.js';
import { terminalSafeIo } from './terminal-text.js';
import { registerUsersCommands } from './users.command.js';
import { registerWebhooksCommands } from './webhooks.command.js';
import { registerWorkerCommands } from './worker.command.js';

/**
 * Builds the command tree. Each `*.command.ts` file adds its own commands; `options` replaces the
 * feeds, clock and client settings the hub commands use (tests).
 */
export function buildProgram(io: CliIo, options: CliOptions = {}): Command {
  const program = new Command('prestabridge')
    .description('Sync hub between PrestaShop stores and a back office.')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    // `prestabridge --version` before any command; `emulator --version 9.0` stays the emulator's own option.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const ctx = commandContext(io, options);
  registerStartCommand(program, ctx);
  registerStoresCommands(program, ctx);
  registerSyncCommands(program, ctx);
  registerRunsCommands(program, ctx);
  registerRequestsCommand(program, ctx);
  registerProductsCommands(program, ctx);
  registerOrdersCommands(program, ctx);
  registerCustomersCommands(program, ctx);
  registerActionsCommands(program, ctx);
  registerStockCommands(program, ctx);
  registerMasterDataCommands(program, ctx);
  registerAccountingCommands(program, ctx);
  registerGoLiveCommand(program, ctx);
  registerUsersCommands(program, ctx);
  registerWebhooksCommands(program, ctx);
  registerSecretCommands(program, ctx);
  registerServeCommand(program, ctx);
  registerWorkerCommands(program, ctx);
  registerStoreCommands(program, io);
  registerEmulatorCommand(program, io);
  return program;
}

/** The version in the package's own package.json (two folders up, from src/cli and from dist/cli alike). */
function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const { version } = JSON.parse(text) as { version?: unknown };
  return `prestabridge ${typeof version === 'string' ? version : 'unknown'}`;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code.
 * Expected failures (CliError, and errors carrying a user-facing message) print one line. Everything
 * printed has its control characters escaped (`\x1b[31m` shows as text).
 */
export async function main(
  argv: readonly string[],
  given: CliIo = processIo(),
  options: CliOptions = {},
): Promise<number> {
  // Store text (names, notes, messages, error messages) never reaches the terminal as control codes.
  const io = terminalSafeIo(given);
  const program = buildProgram(io, options);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; usage mistakes have already been printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliExit) return error.exitCode;
    if (error instanceof CliError) {
      io.stderr.write(`prestabridge: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`prestabridge: ${message}\n`);
    if (io.env.PRESTABRIDGE_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
