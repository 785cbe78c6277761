import { type Command, Option } from 'commander';

import {
  ACCOUNT_KINDS,
  type Hub,
  LOCATION_KINDS,
  type MasterData,
  masterDataCommand,
  type MasterDataInput,
  type MasterDataKind,
  masterDataLabel,
  settingCodeUses,
} from '../hub/index.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatTable } from './table-format.js';

/** What each kind's commands say and take beside the code and the name. */
interface KindCli {
  readonly kind: MasterDataKind;
  /** `tax-rates`: what the command manages, for its description. */
  readonly what: string;
  /** An example code. */
  readonly example: string;
  /** The options `add` and `set` take beside `--name` (add: required ones marked by `required`). */
  readonly options: readonly {
    flags: string;
    description: string;
    choices?: readonly string[];
    required?: boolean;
  }[];
  /** The columns `list` shows beside code and name. */
  readonly columns: readonly { header: string; cell: (record: Record<string, unknown>) => string }[];
}

const KINDS: readonly KindCli[] = [
  {
    kind: 'taxRates',
    what: 'Tax rates (percent, optionally per country): what products and defaults.tax name.',
    example: 'VAT21',
    options: [
      { flags: '--rate <percent>', description: 'the rate in percent, e.g. 21 or 5.5', required: true },
      { flags: '--country <iso>', description: 'two-letter country code (empty: any country)' },
    ],
    columns: [
      { header: 'rate %', cell: (record) => text(record.rate).replace(/\.?0+$/, '') },
      { header: 'country', cell: (record) => text(record.country, '-') },
    ],
  },
  {
    kind: 'unitsOfMeasure',
    what: 'Units of measure: what products and defaults.unitOfMeasure name.',
    example: 'PCS',
    options: [],
    columns: [],
  },
  {
    kind: 'families',
    what: 'Families (product groups, a tree): what categoryFamilies.<category> maps store categories to.',
    example: 'SHIRTS',
    options: [{ flags: '--parent <code>', description: 'the parent family (empty: a root family)' }],
    columns: [{ header: 'parent', cell: (record) => text(record.parentCode, '-') }],
  },
  {
    kind: 'locations',
    what: 'Locations: warehouses holding stock and sales locations orders are taken at (defaults.stockLocation, defaults.salesLocation, stockExportLocations).',
    example: 'MAIN',
    options: [
      { flags: '--kind <kind>', description: 'warehouse (default on add) or sales', choices: LOCATION_KINDS },
    ],
    columns: [{ header: 'kind', cell: (record) => text(record.kind) }],
  },
  {
    kind: 'shippingMethods',
    what: 'Shipping methods: what carriers.<carrier reference> maps store carriers to.',
    example: 'POSTNL',
    options: [],
    columns: [],
  },
  {
    kind: 'paymentMethods',
    what: 'Payment methods: what payments.<payment module> maps store payment modules to.',
    example: 'WIRE',
    options: [],
    columns: [],
  },
  {
    kind: 'accounts',
    what: 'Bank and ledger accounts, by account number: what journal.bankAccount, salesAccount and taxAccount name.',
    example: '512000',
    options: [
      { flags: '--kind <kind>', description: 'bank or ledger', choices: ACCOUNT_KINDS, required: true },
    ],
    columns: [{ header: 'kind', cell: (record) => text(record.kind) }],
  },
];

type Options = Record<string, string | boolean | undefined>;

/** A field of a record as a cell: text as is, anything else (null, absent) as `empty`. */
function text(value: unknown, empty = ''): string {
  return typeof value === 'string' ? value : empty;
}

/** The fields of `add` and `set` from the options given (`--parent ''` and `--country ''` clear). */
function fieldsOf(kind: MasterDataKind, options: Options): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (typeof options.name === 'string') fields.name = options.name;
  if (kind === 'taxRates') {
    if (typeof options.rate === 'string') fields.rate = options.rate.trim().replace(',', '.');
    if (typeof options.country === 'string')
      fields.country = options.country.trim() === '' ? null : options.country;
  }
  if ((kind === 'locations' || kind === 'accounts') && typeof options.kind === 'string')
    fields.kind = options.kind;
  if (kind === 'families' && typeof options.parent === 'string')
    fields.parentCode = options.parent.trim() === '' ? null : options.parent.trim();
  return fields;
}

function describe(cli: KindCli, record: MasterData[MasterDataKind]): string {
  const shown = record as unknown as Record<string, unknown>;
  const extra = cli.columns.map((column) => `${column.header} ${column.cell(shown)}`);
  return `${record.code} (${[record.name, ...extra].join(', ')})${record.archivedAt === null ? '' : ', archived'}`;
}

/**
 * `prestabridge tax-rates|units|families|locations|shipping-methods|payment-methods|accounts
 * add|list|set|archive`: the hub's master data, which settings and mappings name by code. Records
 * are archived, never deleted: orders, products and stock keep pointing at them.
 */
export function registerMasterDataCommands(program: Command, ctx: CommandContext): void {
  for (const cli of KINDS) registerKind(program, ctx, cli);
}

function registerKind(program: Command, ctx: CommandContext, cli: KindCli): void {
  const { io } = ctx;
  const { kind } = cli;
  const name = masterDataCommand(kind);
  const label = masterDataLabel(kind);
  const group = program.command(name).description(`${cli.what} Add, list, set, archive.`);

  const add = group
    .command('add')
    .description(`Add a ${label}, e.g. ${name} add ${cli.example} --name "…"`)
    .argument('<code>', 'its code (1 to 64 characters, no commas): what settings name')
    .requiredOption('--name <name>', 'name shown to people');
  const set = group
    .command('set')
    .description(`Rename a ${label} or change its other fields (not its code)`)
    .argument('<code>', `the ${label}'s code`)
    .option('--name <name>', 'a new name');
  for (const option of cli.options) {
    const forAdd = new Option(option.flags, option.description);
    const forSet = new Option(option.flags, option.description);
    if (option.choices) {
      forAdd.choices(option.choices);
      forSet.choices(option.choices);
    }
    if (option.required) forAdd.makeOptionMandatory();
    add.addOption(forAdd);
    set.addOption(forSet);
  }
  add.option('--json', 'print the record as JSON').action(async (code: string, options: Options) => {
    const fields = fieldsOf(kind, options);
    if (kind === 'locations' && fields.kind === undefined) fields.kind = 'warehouse';
    await withHub(
      ctx,
      async (hub) => {
        const record = await hub.masterData.add(kind, { code, ...fields } as MasterDataInput[typeof kind]);
        if (options.json) writeJson(io, record);
        else io.stdout.write(`Added ${label} ${describe(cli, record)}.\n`);
      },
      { create: true },
    );
  });
  set.option('--json', 'print the record as JSON').action(async (code: string, options: Options) => {
    const fields = fieldsOf(kind, options);
    if (Object.keys(fields).length === 0) {
      throw new CliError(
        `nothing to change: give --name${cli.options.map((option) => ` or ${option.flags.split(' ')[0] ?? ''}`).join('')}`,
        { exitCode: 2 },
      );
    }
    await withHub(ctx, async (hub) => {
      const record = await hub.masterData.update(kind, code, fields);
      if (options.json) writeJson(io, record);
      else io.stdout.write(`Updated ${label} ${describe(cli, record)}.\n`);
    });
  });

  group
    .command('list')
    .description(`List the ${label} records (archived ones with --all)`)
    .option('--all', 'include archived ones')
    .option('--json', 'print a JSON array')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const all = await hub.masterData.list(kind, { archived: options.all ? 'include' : 'exclude' });
        if (options.json) {
          writeJson(io, all);
          return;
        }
        if (all.length === 0) {
          io.stdout.write(
            `No ${label} records${options.all ? '' : ' in use'} yet: prestabridge ${name} add CODE --name NAME` +
              `${cli.options
                .filter((option) => option.required)
                .map((option) => ` ${option.flags}`)
                .join('')}\n`,
          );
          return;
        }
        const headers = ['code', 'name', ...cli.columns.map((column) => column.header)];
        io.stdout.write(
          formatTable(
            options.all ? [...headers, 'archived'] : headers,
            all.map((record) => {
              const shown = record as unknown as Record<string, unknown>;
              const row = [record.code, record.name, ...cli.columns.map((column) => column.cell(shown))];
              return options.all ? [...row, record.archivedAt?.slice(0, 10) ?? '-'] : row;
            }),
          ),
        );
      });
    });

  group
    .command('archive')
    .description(
      `Archive a ${label}: kept for the records that use it, hidden from lists, and settings saved from now on may not name it (--undo brings it back)`,
    )
    .argument('<code>', `the ${label}'s code`)
    .option('--undo', 'bring an archived one back')
    .option('--json', 'print the record as JSON')
    .action(async (code: string, options: { undo?: boolean; json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const record = await hub.masterData.archive(kind, code, { restore: options.undo === true });
        if (options.json) writeJson(io, record);
        else
          io.stdout.write(
            options.undo
              ? `Restored ${label} ${record.code}: settings may name it again.\n`
              : `Archived ${label} ${record.code}: what uses it keeps it; settings saved from now on may not name it.\n` +
                  (await stillNamedBy(hub, kind, record.code)),
          );
      });
    });
}

/** Which stores' settings still name an archived code (they keep working; a save that adds it is refused). */
async function stillNamedBy(hub: Hub, kind: MasterDataKind, code: string): Promise<string> {
  const lines: string[] = [];
  for (const store of await hub.stores.list()) {
    const keys = settingCodeUses(store.settings)
      .filter((ref) => ref.kind === kind && ref.code === code)
      .map((ref) => ref.key);
    if (keys.length > 0)
      lines.push(`  store '${store.name}' still names it in ${[...new Set(keys)].join(', ')}\n`);
  }
  return lines.join('');
}
