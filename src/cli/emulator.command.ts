import { type Command, InvalidArgumentError, Option } from 'commander';

import {
  EMULATOR_VERSIONS,
  emulatorRelease,
  type EmulatorVersion,
  type FaultSettings,
  isSeedName,
  type KeyConfig,
  KeyError,
  parseKeyOption,
  resolveEmulatorVersion,
  type SeedSizes,
  startEmulator,
  startEmulatorFleet,
  textOf,
} from '../emulator/index.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { writeJson } from './json-output.js';
import { formatTable } from './table-format.js';

interface EmulatorCommandOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: string;
  readonly products?: number;
  readonly combinations?: number;
  readonly customers?: number;
  readonly orders?: number;
  readonly key: string[];
  readonly latencyMs?: number;
  readonly jitterMs?: number;
  readonly errorRate?: number;
  readonly rateLimit?: number;
  readonly stripAuth?: boolean;
  readonly mailBroken?: boolean;
  readonly sharedReferences?: number;
  readonly htmlErrors?: number;
  readonly psVersion?: string;
  readonly multistore?: boolean;
  readonly version?: string;
  readonly baseUrl?: string;
  readonly stores?: number;
  readonly json?: boolean;
}

function wholeNumber(name: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 0.`);
    return number;
  };
}

function storeCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('must be a whole number ≥ 1, e.g. 200.');
  return number;
}

function share(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || number > 1)
    throw new InvalidArgumentError('must be between 0 and 1, e.g. 0.05.');
  return number;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `all resources: GET PUT …` or `products: GET, orders: GET PUT`. */
function describeKey(config: KeyConfig, version: EmulatorVersion): string {
  if (config.permissions === undefined) {
    return `all resources: GET PUT POST ${version === '9.0' ? 'PATCH ' : ''}DELETE HEAD`;
  }
  return Object.entries(config.permissions)
    .map(([resource, verbs]) => `${resource === '*' ? 'all resources' : resource}: ${verbs.join(' ')}`)
    .join(', ');
}

/** `prestabridge emulator`: serve an emulated PrestaShop store. */
export function registerEmulatorCommand(program: Command, io: CliIo): void {
  program
    .command('emulator')
    .description('Serve an emulated PrestaShop store (webservice, seeded data, faults) until stopped.')
    .option('--port <port>', 'port to listen on (0: any free port)', wholeNumber('--port'), 8081)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--seed <seed>', 'data: small, demo, large or recorded', 'demo')
    .option('--products <n>', 'number of products (overrides the seed)', wholeNumber('--products'))
    .option('--combinations <k>', 'combinations of each product that has some', wholeNumber('--combinations'))
    .option('--customers <n>', 'number of customers', wholeNumber('--customers'))
    .option('--orders <n>', 'number of orders', wholeNumber('--orders'))
    .option(
      '--shared-references <share>',
      "share of products with combinations whose combinations carry the product's reference, as PrestaShop's demo catalog (demo seed: 0.1)",
      share,
    )
    .option(
      '--key <KEY[:resource=VERBS,…]>',
      'a 32-character key, optionally with its permissions (repeatable)',
      collect,
      [],
    )
    .option('--latency-ms <ms>', 'added to every answer', wholeNumber('--latency-ms'))
    .option('--jitter-ms <ms>', 'up to this much more, per request', wholeNumber('--jitter-ms'))
    .option('--error-rate <share>', 'share of requests answered 500 with Retry-After', share)
    .option('--rate-limit <n>', 'requests per second; more are answered 429', wholeNumber('--rate-limit'))
    .option('--strip-auth', 'drop the Authorization header, as CGI hosts do (use ws_key)')
    .option(
      '--mail-broken',
      'the store cannot send e-mail: order state changes with sendemail=1 are applied, then answered 500 (code 46)',
    )
    .option('--html-errors <share>', 'share of requests answered with an HTML error page', share)
    .option(
      '--ps-version <version>',
      `PrestaShop version to emulate: ${EMULATOR_VERSIONS.join(', ')} (or a release such as 1.6.1.24, 8.1.2)`,
      '8.1',
    )
    // The flag's former name, kept for scripts that use it.
    .addOption(new Option('--version <version>').hideHelp())
    .option('--multistore', 'three shops in two groups, the second sharing its stock (generated seeds)')
    .option('--base-url <url>', 'shop URL written in xlink:href (default: the listening address)')
    .option(
      '--stores <n>',
      'serve a fleet of n stores, each on its own port (from --port up; --port 0: any free ports), with its own data and random keys',
      storeCount,
    )
    .option('--json', 'with --stores: print the stores (name, url, key) as JSON')
    .action(async (options: EmulatorCommandOptions) => {
      if (!isSeedName(options.seed)) {
        throw new CliError(`Unknown seed "${options.seed}": use small, demo, large or recorded.`, {
          exitCode: 2,
        });
      }
      if (options.multistore === true && options.seed === 'recorded') {
        throw new CliError('--multistore needs a generated seed (small, demo or large), not recorded.', {
          exitCode: 2,
        });
      }
      const asked = options.version ?? options.psVersion ?? '8.1';
      const version = resolveEmulatorVersion(asked);
      if (version === undefined) {
        throw new CliError(
          `Unknown PrestaShop version "${asked}": use ${EMULATOR_VERSIONS.join(', ')} (or a release such as 1.6.1.24).`,
          { exitCode: 2 },
        );
      }
      let keys: KeyConfig[] | undefined;
      try {
        keys = options.key.length > 0 ? options.key.map(parseKeyOption) : undefined;
      } catch (error) {
        if (error instanceof KeyError) throw new CliError(`--key: ${error.message}`, { exitCode: 2 });
        throw error;
      }
      const sizes: Partial<SeedSizes> = {
        ...(options.products !== undefined ? { products: options.products } : {}),
        ...(options.combinations !== undefined ? { combinations: options.combinations } : {}),
        ...(options.customers !== undefined ? { customers: options.customers } : {}),
        ...(options.orders !== undefined ? { orders: options.orders } : {}),
      };
      const faults: Partial<FaultSettings> = {
        ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
        ...(options.jitterMs !== undefined ? { jitterMs: options.jitterMs } : {}),
        ...(options.errorRate !== undefined ? { errorRate: options.errorRate } : {}),
        ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
        ...(options.stripAuth === true ? { stripAuthorization: true } : {}),
        ...(options.mailBroken === true ? { mailBroken: true } : {}),
        ...(options.htmlErrors !== undefined ? { htmlErrorRate: options.htmlErrors } : {}),
      };
      if (options.stores !== undefined) {
        for (const [given, flag] of [
          [options.key.length > 0, '--key'],
          [options.baseUrl !== undefined, '--base-url'],
        ] as const) {
          if (given)
            throw new CliError(`${flag} cannot be used with --stores: each store of a fleet has its own.`, {
              exitCode: 2,
            });
        }
        if (options.seed === 'recorded')
          throw new CliError('--stores needs a generated seed (small, demo or large), not recorded.', {
            exitCode: 2,
          });
        const storeOptions = {
          ...(options.multistore === true ? { multistore: true } : {}),
          ...(options.sharedReferences !== undefined
            ? { shape: { sharedReferences: options.sharedReferences } }
            : {}),
        };
        await serveFleet(io, options, {
          stores: options.stores,
          port: options.port,
          host: options.host,
          seed: options.seed,
          sizes,
          faults,
          version,
          storeOptions,
        });
        return;
      }
      const started = Date.now();
      let emulator;
      try {
        emulator = await startEmulator({
          port: options.port,
          host: options.host,
          seed: options.seed,
          sizes,
          ...(options.multistore === true ? { storeOptions: { multistore: true } } : {}),
          faults,
          version,
          ...(options.sharedReferences !== undefined
            ? { storeOptions: { shape: { sharedReferences: options.sharedReferences } } }
            : {}),
          ...(keys !== undefined ? { keys } : {}),
          ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
        });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'EADDRINUSE') {
          throw new CliError(
            `Port ${options.port} is already in use: pick another with --port (0 for any free port).`,
          );
        }
        throw error;
      }
      const store = emulator.store;
      const configs =
        keys ??
        emulator.keys.map((key, index) =>
          index === 0 ? { key } : { key, permissions: { '*': ['GET' as const, 'HEAD' as const] } },
        );
      io.stdout.write(
        `PrestaShop emulator (${emulatorRelease(version)}), seed ${options.seed}: ` +
          `${store.count('products')} products, ${store.count('combinations')} combinations, ` +
          `${store.count('customers')} customers, ${store.count('orders')} orders (ready in ${Date.now() - started} ms)\n` +
          (options.multistore === true
            ? `Shops: ${[...store.records('shops')].map((shop) => `${shop.id} ${textOf(shop.values.name)}`).join(', ')} (shops 2 and 3 share their stock)\n`
            : '') +
          `Webservice:  ${emulator.apiUrl}\n` +
          `Control API: ${emulator.url}/__emulator/\n` +
          'Keys (HTTP Basic user name, empty password; or ?ws_key=):\n' +
          configs.map((config) => `  ${config.key}  ${describeKey(config, version)}\n`).join('') +
          (Object.keys(faults).length > 0 ? `Faults: ${JSON.stringify(faults)}\n` : '') +
          'Press Ctrl-C to stop.\n',
      );
      const signal = await io.untilStopped();
      await emulator.close();
      io.stdout.write(`Emulator stopped (${signal}).\n`);
    });
}

/** `--stores N`: the fleet, listed as a table (or JSON) of name, URL and full-access key, until stopped. */
async function serveFleet(
  io: CliIo,
  options: EmulatorCommandOptions,
  fleetOptions: Parameters<typeof startEmulatorFleet>[0],
): Promise<void> {
  const started = Date.now();
  let fleet;
  try {
    fleet = await startEmulatorFleet(fleetOptions);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        `A port from ${options.port} to ${options.port + (options.stores ?? 1) - 1} is already in use: ` +
          'pick another first port with --port, or --port 0 for any free ports.',
      );
    }
    throw error;
  }
  const rows = fleet.stores.map((store) => ({
    name: store.name,
    url: store.url,
    key: store.key,
    readOnlyKey: store.emulator.keys[1] ?? null,
  }));
  if (options.json === true) {
    writeJson(io, { stores: rows });
    io.stderr.write('Press Ctrl-C to stop.\n');
  } else {
    const first = fleet.stores[0]!.emulator.store;
    io.stdout.write(
      `PrestaShop emulator fleet (${emulatorRelease(fleetOptions.version ?? '8.1')}), ${rows.length} stores, ` +
        `seed ${options.seed} (${first.count('products')} products, ${first.count('customers')} customers, ` +
        `${first.count('orders')} orders each; different data per store) ready in ${Date.now() - started} ms\n` +
        formatTable(
          ['name', 'url', 'key (full access)'],
          rows.map((row) => [row.name, row.url, row.key]),
        ) +
        '\n' +
        'Each store: webservice at URL/api/, control API at URL/__emulator/; its key only.\n' +
        'Add one: prestabridge stores add --name NAME --url URL --key KEY\n' +
        'Press Ctrl-C to stop.\n',
    );
  }
  const signal = await io.untilStopped();
  await fleet.close();
  (options.json === true ? io.stderr : io.stdout).write(`Emulator fleet stopped (${signal}).\n`);
}
