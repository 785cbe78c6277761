import type { Command } from 'commander';

import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { DEMO_ADMIN, DEMO_STORE, startDemo } from './demo.js';

interface StartOptions {
  readonly storePort: string;
  readonly apiPort: string;
  readonly ordersPerMinute: string;
}

function port(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535)
    throw new CliError(`${flag} must be a port number (0–65535), got '${value}'.`, { exitCode: 2 });
  return number;
}

/**
 * `prestabridge start`: what `npm start` runs — the live demo. An emulated store with shoppers, the
 * hub syncing it into an SQLite file, the HTTP API; Ctrl-C stops it and the next start continues.
 */
export function registerStartCommand(program: Command, ctx: CommandContext): void {
  program
    .command('start')
    .description(
      'Live demo: an emulated PrestaShop store with shoppers, the hub syncing it (SQLite file), the console and the HTTP API.',
    )
    .option('--store-port <port>', 'port of the emulated store', '8081')
    .option('--api-port <port>', 'port of the console and the HTTP API', '8080')
    .option('--orders-per-minute <n>', 'how many orders the shoppers place a minute', '6')
    .action(async (options: StartOptions) => {
      const ordersPerMinute = Number(options.ordersPerMinute);
      if (!(ordersPerMinute > 0)) throw new CliError('--orders-per-minute must be above 0.', { exitCode: 2 });
      const say = (line: string): void => {
        ctx.io.stdout.write(`${ctx.clock().toISOString().slice(11, 19)} ${line}\n`);
      };
      const demo = await startDemo({
        // The demo finds (or makes) its own secret file: the one commands read for it is not a secret given.
        env: ctx.secretFile === null ? ctx.io.env : { ...ctx.io.env, PRESTABRIDGE_SECRET: undefined },
        storePort: port(options.storePort, '--store-port'),
        apiPort: port(options.apiPort, '--api-port'),
        ordersPerMinute,
        say,
        clock: ctx.clock,
        clientOverrides: ctx.clientOverrides,
        feeds: ctx.feeds,
      });
      const envPrefix = ctx.io.env.DATABASE_URL ? '' : `DATABASE_URL=${demo.databaseUrl} `;
      const consoleLines =
        demo.signInUrl === null
          ? [`Console: ${demo.server.url} (user '${DEMO_ADMIN}' is disabled: sign in as another user)`]
          : [
              `Console — click to sign in as ${DEMO_ADMIN} (works once, for 15 minutes):`,
              `  ${demo.signInUrl}`,
              `  a new link later: ${envPrefix}npx prestabridge users link ${DEMO_ADMIN}`,
            ];
      ctx.io.stdout.write(
        [
          '',
          ...consoleLines,
          `Emulated PrestaShop store: ${demo.emulator.url} (webservice key ${demo.emulator.keys[0] ?? ''})`,
          `Hub database: ${demo.hub.location}`,
          `  beside it: the emulated store's state${demo.secretFile ? ', the demo secret' : ''}, the API token, the demo's lock`,
          `HTTP API: ${demo.server.url} (described at ${demo.server.url}/docs) — token ${demo.server.token} (the same at every start)`,
          `  curl -H 'Authorization: Bearer ${demo.server.token}' ${demo.server.url}/orders`,
          demo.secretFile
            ? 'Watch it from another terminal (commands find the demo secret beside the database):'
            : 'Watch it from another terminal (with the same PRESTABRIDGE_SECRET):',
          `  ${envPrefix}npx prestabridge sync status --store ${DEMO_STORE}`,
          `  ${envPrefix}npx prestabridge runs list --store ${DEMO_STORE}`,
          `  ${envPrefix}npx prestabridge orders ship ORDER --store ${DEMO_STORE} --tracking T   # the store is told at once`,
          'Shoppers place an order every few seconds; the hub imports them every minute and logs what it sends',
          'to the store (hub → store). Runs that change nothing stay quiet. Ctrl-C stops; `npm start` continues.',
          '',
        ].join('\n'),
      );
      const signal = await ctx.io.untilStopped();
      say(`Stopping (${signal}): running feeds stop at their next page…`);
      await demo.close();
      say('Stopped. `npm start` again continues from this database and this emulated store.');
    });
}
