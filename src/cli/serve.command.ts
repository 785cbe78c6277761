import { type Command, InvalidArgumentError } from 'commander';

import { type Hub, MissingSecretError, WrongSecretError } from '../hub/index.js';
import {
  createServerLogger,
  DEFAULT_HOST,
  DEFAULT_PORT,
  resolveApiToken,
  type RunningServer,
  ServerConfigError,
  startServer,
  type TokenSource,
} from '../server/index.js';
import { wholeNumber } from './argument-parsers.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { asCliError, openCliHub } from './hub-access.js';
import { storesWithKeys, wrongSecretAdvice } from './secret.command.js';
import { jobRunnerFor } from './worker.command.js';

interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  /** `--no-worker` sets it false. */
  readonly worker?: boolean;
  readonly runner?: string;
  readonly concurrency?: number;
}

/**
 * `prestabridge serve`: the scheduler, the outbox loop and the HTTP API in one process, until
 * Ctrl-C or SIGTERM, then a graceful shutdown.
 */
export function registerServeCommand(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('serve')
    .description(
      'Run the hub: every enabled feed of every store on its schedule, the outbox sent continuously, the console and the HTTP API.',
    )
    .option(
      '--port <port>',
      `API port (default PRESTABRIDGE_PORT, else ${DEFAULT_PORT}; 0: any free port)`,
      port,
    )
    .option(
      '--host <address>',
      `address to listen on (default PRESTABRIDGE_HOST, else ${DEFAULT_HOST}); any other than loopback needs PRESTABRIDGE_TOKEN`,
    )
    .option(
      '--no-worker',
      'serve the API and console only: feeds and the outbox are run by `prestabridge worker` processes',
    )
    .option('--runner <kind>', 'embedded or pg-boss (default pg-boss on PostgreSQL, embedded on SQLite)')
    .option(
      '--concurrency <n>',
      'feed runs at once in this process when it works jobs (default 4)',
      wholeNumber(1),
    )
    .addHelpText(
      'after',
      '\nThe console is at / (users sign in: `prestabridge users add`, `users link`). The API wants a session or\n' +
        '`Authorization: Bearer <token>`: PRESTABRIDGE_TOKEN (an admin), one made up at start and printed (on 127.0.0.1\n' +
        'only), or a user API token (`prestabridge users token`). Logs are JSON lines on stdout; this banner goes to\n' +
        'stderr. Feeds and the outbox run as jobs: on PostgreSQL pg-boss jobs, shared with any `prestabridge worker`\n' +
        '(with --no-worker this process schedules and serves but runs nothing); on SQLite the embedded runner in\n' +
        'this process. See docs/serve.md, docs/scale-out.md, docs/api.md, docs/console.md.\n',
    )
    .action(async (options: ServeOptions) => {
      const host = options.host ?? io.env.PRESTABRIDGE_HOST ?? DEFAULT_HOST;
      const chosenPort = options.port ?? envPort(io.env.PRESTABRIDGE_PORT) ?? DEFAULT_PORT;
      const level = logLevel(io.env.PRESTABRIDGE_LOG_LEVEL);
      let token: { token: string; source: TokenSource };
      try {
        token = resolveApiToken({ env: io.env, host });
      } catch (error) {
        if (error instanceof ServerConfigError) throw new CliError(error.message, { exitCode: 2 });
        throw error;
      }
      const hub = await openCliHub(ctx, { create: true });
      let server: RunningServer;
      try {
        await requireSecretForStores(ctx, hub);
        const runner = jobRunnerFor(hub, options.runner);
        const work = options.worker !== false;
        // Feeds and the outbox run as jobs of the runner, on SQLite too (the embedded runner, in this
        // process): one path for both modes. On SQLite, --no-worker leaves them to a worker's own
        // runner — the embedded runner's queues live in its process, so this one only serves.
        const jobs =
          runner === 'embedded' && !work
            ? {
                scheduler: { autoStart: false },
                outbox: { autoStart: false },
                housekeeping: { autoStart: true },
              }
            : {
                jobs: {
                  runner,
                  ...(io.env.DATABASE_URL === undefined ? {} : { databaseUrl: io.env.DATABASE_URL }),
                  work,
                  ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
                },
              };
        server = await startServer({
          ...jobs,
          hub,
          env: io.env,
          clock: ctx.clock,
          port: chosenPort,
          host,
          token: token.token,
          clientOverrides: ctx.clientOverrides,
          feeds: ctx.feeds,
          runner: ctx.runner,
          ...trustProxy(io.env.PRESTABRIDGE_TRUST_PROXY),
          logger: createServerLogger({
            level,
            destination: { write: (line: string) => io.stdout.write(line) },
          }),
        });
      } catch (error) {
        await hub.close();
        throw listenError(error, host, chosenPort) ?? asCliError(error);
      }
      io.stderr.write(banner(server.url, token, await hub.users.count(), ctx.secretFile));

      const signal = await io.untilStopped();
      io.stderr.write(
        `Stopping (${signal}): no new runs; running feeds stop at their next page. Ctrl-C again quits at once.\n`,
      );
      const quit = io.untilStopped().then(() => 'quit' as const);
      if ((await Promise.race([server.close().then(() => 'closed' as const), quit])) === 'quit') {
        io.stderr.write(
          'Quit without waiting: unfinished runs resume from their last committed page next time.\n',
        );
        io.exit?.(130);
        return;
      }
      io.stderr.write('Stopped.\n');
    });
}

/**
 * Stores keep webservice keys but the secret is missing or not theirs: every feed and the outbox
 * would fail at each turn. Refuse to start, with the fix, rather than serve a hub that cannot sync.
 */
async function requireSecretForStores(ctx: CommandContext, hub: Hub): Promise<void> {
  const keyed = await storesWithKeys(hub);
  if (keyed.length === 0) return;
  try {
    await hub.stores.verifySecret();
  } catch (error) {
    if (error instanceof MissingSecretError)
      throw new CliError(
        `${keyed.length} store(s) keep a webservice key (${keyed.join(', ')}) but PRESTABRIDGE_SECRET is not set, ` +
          'so no feed could reach them: set the secret the keys were stored with ' +
          '(export PRESTABRIDGE_SECRET=…) and start serve again. If it is lost, see `prestabridge secret reset --help`.',
      );
    if (error instanceof WrongSecretError) throw new CliError(wrongSecretAdvice(ctx, keyed));
    throw error;
  }
}

function port(text: string): number {
  const value = wholeNumber(0)(text);
  if (value > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535.');
  return value;
}

function envPort(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) > 65535)
    throw new CliError(`PRESTABRIDGE_PORT must be a port number (0 to 65535), got '${text}'`, {
      exitCode: 2,
    });
  return Number(text);
}

/**
 * PRESTABRIDGE_TRUST_PROXY: `true` (trust any proxy in front), or the proxy's addresses
 * (`127.0.0.1,10.0.0.0/8`). Unset: client addresses and protocol are read from the connection.
 */
function trustProxy(text: string | undefined): { trustProxy?: boolean | string } {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'false' || value === '0') return {};
  return { trustProxy: value === 'true' || value === '1' ? true : value };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(text: string | undefined): string {
  if (text === undefined || text.trim() === '') return 'info';
  const level = text.trim().toLowerCase();
  if (!LOG_LEVELS.includes(level))
    throw new CliError(`PRESTABRIDGE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${text}'`, {
      exitCode: 2,
    });
  return level;
}

/** The port is taken or the address is not this machine's: say so in one line. */
function listenError(error: unknown, host: string, chosenPort: number): CliError | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE')
    return new CliError(`port ${chosenPort} on ${host} is already in use: choose another with --port.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new CliError(`cannot listen on ${host}: it is not an address of this machine (--host).`, {
      exitCode: 2,
    });
  return undefined;
}

function banner(
  url: string,
  token: { token: string; source: TokenSource },
  users: number,
  secretFile: string | null,
): string {
  const tokenLine =
    token.source === 'generated'
      ? `API token (made up for this run; set PRESTABRIDGE_TOKEN to keep one): ${token.token}`
      : 'API token: PRESTABRIDGE_TOKEN';
  const consoleLine =
    users === 0
      ? `Console on ${url} — no user yet: \`prestabridge users add NAME --role admin\`, then sign in.`
      : `Console on ${url} (\`prestabridge users link NAME\` prints a one-time sign-in link).`;
  return [
    `PrestaBridge is serving: API on ${url} (description: ${url}/openapi.json, ${url}/docs)`,
    consoleLine,
    tokenLine,
    ...(secretFile === null
      ? []
      : [`Webservice keys: read with the secret in ${secretFile} (PRESTABRIDGE_SECRET is not set).`]),
    'Feeds run on their schedules and the outbox is sent continuously; logs are JSON lines on stdout.',
    'Ctrl-C or SIGTERM stops gracefully.',
    '',
  ].join('\n');
}
