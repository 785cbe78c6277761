import { type Command, InvalidArgumentError, Option } from 'commander';

import {
  type AuthMode,
  filter,
  InvalidRequestError,
  PrestaShopClient,
  PrestaShopError,
  type PsFilter,
  type PsQuery,
} from '../webservice/index.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { probeReport, recordDetails, recordsTable } from './store-output.js';
import { explainMissingScheme, withAssumedScheme } from './url-scheme.js';

interface ConnectionOptions {
  readonly url?: string;
  readonly key?: string;
  readonly auth: AuthMode;
  readonly timeout: number;
  readonly json?: boolean;
}

interface GetOptions extends ConnectionOptions {
  readonly display?: string;
  readonly filter: string[];
  readonly sort: string[];
  readonly limit?: string;
  readonly language?: number;
}

/** `prestabridge store …`: talk to a store directly through the webservice client. */
export function registerStoreCommands(program: Command, io: CliIo): void {
  const store = program
    .command('store')
    .description('Talk to a PrestaShop store through its webservice (connection test, reads).');

  withConnection(store.command('probe'), io)
    .description('Test the connection: store name and version, and every resource and verb the key may use.')
    .action(async (options: ConnectionOptions) => {
      await withClient(options, io, async (client) => {
        const probe = await client.probe();
        if (options.json) {
          io.stdout.write(
            `${JSON.stringify({ url: client.apiUrl, ...probe, warnings: client.warnings }, null, 2)}\n`,
          );
        } else {
          io.stdout.write(probeReport(probe, client.apiUrl));
        }
      });
    });

  withConnection(store.command('get'), io)
    .description('Read records: a listing, or one record by id.')
    .argument('<resource>', 'resource name, e.g. products, orders, stock_availables')
    .argument('[id]', 'one record id', parseId)
    .option('--display <fields>', 'full, minimum, or a field list such as id,reference,price,name')
    .option(
      '--filter <field=value>',
      'filter (repeatable): value, [a|b], [1,10], %[text]%, >[v], <[v]',
      collect,
      [],
    )
    .option(
      '--sort <field_DIRECTION>',
      'sort (repeatable or comma-separated), e.g. date_upd_DESC',
      collectList,
      [],
    )
    .option('--limit <n|offset,n>', 'how many records, from where')
    .option('--language <id>', 'one language only', parseId)
    .action(async (resource: string, id: number | undefined, options: GetOptions) => {
      const query = buildQuery(options);
      await withClient(options, io, async (client) => {
        if (id !== undefined) {
          const record = await client.get(resource, id, query);
          io.stdout.write(options.json ? `${JSON.stringify(record, null, 2)}\n` : recordDetails(record));
          return;
        }
        const records = await client.list(resource, query);
        if (options.json) io.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
        else if (records.length === 0) io.stdout.write(`No ${resource} match.\n`);
        else io.stdout.write(recordsTable(records));
      });
    });
}

function withConnection(command: Command, io: CliIo): Command {
  return command
    .addOption(
      new Option('--url <url>', 'shop address (or PRESTABRIDGE_STORE_URL)').default(
        io.env.PRESTABRIDGE_STORE_URL,
        'from the environment',
      ),
    )
    .addOption(
      new Option(
        '--key <key>',
        'webservice key (or PRESTABRIDGE_STORE_KEY, kept out of shell history)',
      ).default(io.env.PRESTABRIDGE_STORE_KEY, 'from the environment'),
    )
    .addOption(
      new Option('--auth <mode>', 'how the key is sent').choices(['auto', 'basic', 'query']).default('auto'),
    )
    .option('--timeout <ms>', 'time limit per request', parsePositive, 20_000)
    .option('--json', 'print JSON instead of tables');
}

async function withClient(
  options: ConnectionOptions,
  io: CliIo,
  run: (client: PrestaShopClient) => Promise<void>,
): Promise<void> {
  if (!options.url)
    throw new CliError('give the shop address with --url (or PRESTABRIDGE_STORE_URL)', { exitCode: 2 });
  if (!options.key)
    throw new CliError('give the webservice key with --key (or PRESTABRIDGE_STORE_KEY)', { exitCode: 2 });
  let client: PrestaShopClient;
  try {
    client = new PrestaShopClient({
      url: withAssumedScheme(io, options.url),
      key: options.key,
      auth: options.auth,
      timeoutMs: options.timeout,
      // One retry: a person is waiting for the answer.
      retry: { maxRetries: 1, maxRetryAfterMs: 10_000 },
      onWarning: (warning) => io.stderr.write(`warning: ${warning.message}\n`),
    });
  } catch (error) {
    throw asCliError(error);
  }
  try {
    await run(client);
  } catch (error) {
    throw asCliError(explainMissingScheme(error, options.url));
  } finally {
    await client.close();
  }
}

/** A client error as one line naming the problem and the fix. */
function asCliError(error: unknown): unknown {
  if (error instanceof PrestaShopError) return new CliError(oneLine(error.message), { cause: error });
  if (error instanceof InvalidRequestError)
    return new CliError(oneLine(error.message), { exitCode: 2, cause: error });
  return error;
}

function buildQuery(options: GetOptions): PsQuery {
  const query: { -readonly [K in keyof PsQuery]: PsQuery[K] } = {};
  if (options.display !== undefined) {
    const display = options.display.trim();
    query.display =
      display === 'full' || display === 'minimum'
        ? display
        : display
            .replace(/^\[|\]$/g, '')
            .split(',')
            .map((field) => field.trim())
            .filter(Boolean);
  }
  if (options.filter.length > 0) {
    const filters: Record<string, PsFilter> = {};
    for (const entry of options.filter) {
      const equals = entry.indexOf('=');
      if (equals <= 0) throw new CliError(`--filter "${entry}" must look like field=value`, { exitCode: 2 });
      const value = entry.slice(equals + 1);
      // Written in PrestaShop's own syntax ([a|b], %[x]%, >[v]…): sent as is; else an exact match.
      filters[entry.slice(0, equals).trim()] = /^[[%><!]/.test(value) ? filter.raw(value) : value;
    }
    query.filter = filters;
  }
  if (options.sort.length > 0) query.sort = options.sort;
  if (options.limit !== undefined) query.limit = parseLimit(options.limit);
  if (options.language !== undefined) query.language = options.language;
  return query;
}

function parseLimit(text: string): NonNullable<PsQuery['limit']> {
  const match = /^\s*(\d+)\s*(?:,\s*(\d+)\s*)?$/.exec(text);
  if (!match) throw new CliError(`--limit "${text}" must be a count or offset,count`, { exitCode: 2 });
  return match[2] === undefined ? Number(match[1]) : { offset: Number(match[1]), count: Number(match[2]) };
}

function parseId(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new InvalidArgumentError('expected a positive whole number.');
  return Number(text);
}

function parsePositive(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('expected a positive number.');
  return value;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectList(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
