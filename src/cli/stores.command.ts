import { type Command, InvalidArgumentError, Option } from 'commander';

import {
  parseSettingAssignments,
  serializeSettings,
  SETTING_SPECS,
  type SettingsPatch,
  type Store,
  type StoreChanges,
} from '../hub/index.js';
import {
  connectStore,
  refreshStore,
  type StoreConnectionOptions,
  testStore,
  UnknownFeedError,
} from '../sync/index.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { requireSecret, withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import {
  connectionDetails,
  feedPermissionsText,
  languagesText,
  storeDetails,
  storesTable,
  warnMissingPermissions,
} from './stores-output.js';
import { explainMissingScheme, withAssumedScheme } from './url-scheme.js';

interface AddOptions {
  readonly name: string;
  readonly url: string;
  readonly key?: string;
  readonly auth: 'auto' | 'basic' | 'query';
  readonly strict?: boolean;
  readonly shop?: number;
  readonly json?: boolean;
}

interface SetOptions {
  readonly url?: string;
  readonly key?: string;
  readonly name?: string;
  readonly auth?: 'basic' | 'query';
  readonly json?: boolean;
}

/** `prestabridge stores …`: the hub's stores — connect, list, show, change, test, refresh, remove. */
export function registerStoresCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const stores = program
    .command('stores')
    .description("The hub's stores: connect one, list, show, change settings, test, refresh, remove.");
  const connection = (): StoreConnectionOptions => ({
    feeds: ctx.feeds,
    clientOverrides: ctx.clientOverrides,
    onWarning: (message) => io.stderr.write(`warning: ${message}\n`),
  });

  stores
    .command('add')
    .description(
      'Connect a store: probe it (version, what the key lacks per feed), read its languages and time zone, and keep it with its key (encrypted).',
    )
    .requiredOption('--name <name>', 'the name commands use for it (letters, digits, . _ -)')
    .requiredOption('--url <url>', 'the shop address, e.g. https://shop.example')
    .option('--key <key>', 'webservice key (or PRESTABRIDGE_STORE_KEY, kept out of shell history)')
    .addOption(
      new Option('--auth <mode>', 'how the key is sent: auto (HTTP Basic, ws_key if the host strips it)')
        .choices(['auto', 'basic', 'query'])
        .default('auto'),
    )
    .option('--strict', 'refuse the store when the key lacks a permission some feed needs')
    .option(
      '--shop <id>',
      'multistore: the shop this store syncs with (required when the PrestaShop has several; the refusal lists them)',
      shopIdArgument,
    )
    .option('--json', 'print JSON')
    .action(async (options: AddOptions) => {
      const key = options.key ?? io.env.PRESTABRIDGE_STORE_KEY;
      if (!key)
        throw new CliError('give the webservice key with --key (or PRESTABRIDGE_STORE_KEY)', { exitCode: 2 });
      requireSecret(ctx);
      await withHub(
        ctx,
        async (hub) => {
          const url = withAssumedScheme(io, options.url);
          const { store, check, facts } = await connectStore(
            hub,
            {
              name: options.name,
              url,
              key,
              auth: options.auth,
              strict: options.strict === true,
              ...(options.shop === undefined ? {} : { shopId: options.shop }),
            },
            connection(),
          ).catch((error: unknown) => {
            throw explainMissingScheme(error, options.url);
          });
          if (options.json) {
            writeJson(io, { store, connection: check, facts });
            return;
          }
          warnMissingPermissions(io, check.missing);
          io.stdout.write(
            `Added store '${store.name}' (id ${store.id}).\n${connectionDetails(check, facts)}` +
              feedPermissionsText(check) +
              storeDefaultsText(store) +
              `Next: choose what to sync with \`prestabridge stores set ${store.name} import.enabled=true …\`, ` +
              `or run a feed now with \`prestabridge sync run FEED --store ${store.name}\`.\n`,
          );
        },
        { create: true },
      );
    });

  stores
    .command('list')
    .description('List the stores with their version, schedule and last sync.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const all = await hub.stores.list();
        if (options.json) writeJson(io, all);
        else if (all.length === 0)
          io.stdout.write(
            'No stores yet: add one with `prestabridge stores add --name N --url U --key K`.\n',
          );
        else io.stdout.write(storesTable(all));
      });
    });

  stores
    .command('show')
    .description('Show a store and every setting (the webservice key is never shown).')
    .argument('<name>', 'store name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const store = await hub.stores.get(name);
        if (options.json) writeJson(io, store);
        else io.stdout.write(storeDetails(store));
      });
    });

  stores
    .command('set')
    .description('Change settings (key=value …), the URL, the key, the name, or how the key is sent.')
    .argument('<name>', 'store name')
    .argument(
      '[settings...]',
      'settings as key=value; an empty value clears a setting or removes a map entry',
    )
    .option('--url <url>', 'a new shop address')
    .option('--key <key>', 'a new webservice key')
    .option('--name <new-name>', 'rename the store')
    .addOption(new Option('--auth <mode>', 'how the key is sent').choices(['basic', 'query']))
    .option('--json', 'print the updated store as JSON')
    .addHelpText('after', settingsHelp)
    .action(async (name: string, assignments: string[], options: SetOptions) => {
      const changes = storeChanges(assignments, options, ctx);
      if (options.key !== undefined) requireSecret(ctx);
      await withHub(ctx, async (hub) => {
        const before = await hub.stores.get(name);
        const after = await hub.stores.update(before.id, changes);
        if (options.json) writeJson(io, after);
        else io.stdout.write(describeUpdate(before, after, options.key !== undefined));
      });
    });

  stores
    .command('remove')
    .description(
      'Remove a store and everything the hub holds for it (bindings, watermarks, runs, its orders). Hub products other stores sell or the hub created stay; products that existed only for this store are archived.',
    )
    .argument('<name>', 'store name')
    .option('--yes', 'confirm')
    .action(async (name: string, options: { yes?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const store = await hub.stores.get(name);
        if (!options.yes) {
          throw new CliError(
            `Removing store '${store.name}' deletes everything the hub holds for it (bindings, watermarks, runs, its orders); ` +
              'add --yes to confirm.',
            { exitCode: 2 },
          );
        }
        const { archivedProducts } = await hub.stores.delete(store.id);
        io.stdout.write(
          `Removed store '${store.name}'.` +
            (archivedProducts === 0
              ? '\n'
              : ` ${archivedProducts} product(s) that only this store sold were archived.\n`),
        );
      });
    });

  stores
    .command('test')
    .description(
      'Probe a store again with its stored key: version, and per feed what the key lacks (for its run and for the writes that follow).',
    )
    .argument('<name>', 'store name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      requireSecret(ctx);
      await withHub(ctx, async (hub) => {
        const { store, check } = await testStore(hub, await hub.stores.get(name), connection());
        if (options.json) {
          writeJson(io, { store: store.name, connection: check });
          return;
        }
        warnMissingPermissions(io, check.missing);
        io.stdout.write(
          `Store '${store.name}' answers.\n${connectionDetails(check)}${feedPermissionsText(check)}`,
        );
      });
    });

  stores
    .command('refresh')
    .description("Read a store's languages, default language, time zone and shop again, and keep them.")
    .argument('<name>', 'store name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      requireSecret(ctx);
      await withHub(ctx, async (hub) => {
        const before = await hub.stores.get(name);
        const { store, check, facts } = await refreshStore(hub, before, connection());
        if (options.json) {
          writeJson(io, { store, connection: check, facts });
          return;
        }
        warnMissingPermissions(io, check.missing);
        const changed = factChanges(before, store);
        io.stdout.write(
          `Refreshed store '${store.name}': ${changed.length === 0 ? 'nothing changed' : changed.join('; ')}.\n` +
            connectionDetails(check, facts),
        );
      });
    });
}

/** The `stores set` arguments as repository changes; every typing mistake is a usage error (exit 2). */
function storeChanges(
  assignments: readonly string[],
  options: SetOptions,
  ctx: CommandContext,
): StoreChanges {
  const { patch, problems } = parseSettingAssignments(assignments);
  if (problems.length > 0) throw new CliError(problems.join('; '), { exitCode: 2 });
  checkScheduledFeeds(patch, ctx);
  const changes: { -readonly [K in keyof StoreChanges]: StoreChanges[K] } = {};
  if (assignments.length > 0) changes.settings = patch;
  if (options.url !== undefined) changes.url = withAssumedScheme(ctx.io, options.url);
  if (options.key !== undefined) changes.webserviceKey = options.key;
  if (options.name !== undefined) changes.name = options.name;
  if (options.auth !== undefined) changes.authMode = options.auth === 'query' ? 'query' : 'header';
  if (Object.keys(changes).length === 0) {
    throw new CliError(
      'nothing to change: give settings as key=value (see --help), or --url, --key, --name, --auth',
      { exitCode: 2 },
    );
  }
  return changes;
}

/** `schedules.<feed>` must name a feed this hub runs: a typo would otherwise be kept silently. */
function checkScheduledFeeds(patch: SettingsPatch, ctx: CommandContext): void {
  const schedules = patch.schedules;
  if (typeof schedules !== 'object' || schedules === null) return;
  const known = ctx.feeds.map((feed) => feed.name);
  for (const feed of Object.keys(schedules)) {
    if (!known.includes(feed))
      throw new CliError(`schedules.${feed}: ${new UnknownFeedError(feed, known).message}`, { exitCode: 2 });
  }
}

function describeUpdate(before: Store, after: Store, keyChanged: boolean): string {
  const lines: string[] = [];
  if (after.name !== before.name) lines.push(`name: ${before.name} → ${after.name}`);
  if (after.url !== before.url) lines.push(`url: ${before.url} → ${after.url}`);
  if (keyChanged) lines.push('webservice key: replaced (stored encrypted)');
  if (after.authMode !== before.authMode)
    lines.push(`key sent as: ${after.authMode === 'query' ? 'ws_key' : 'HTTP Basic'}`);
  const previous = new Set(serializeSettings(before.settings));
  const current = serializeSettings(after.settings);
  for (const line of current) if (!previous.has(line)) lines.push(line);
  const currentSet = new Set(current);
  for (const line of previous) {
    const key = line.slice(0, line.indexOf('='));
    if (!currentSet.has(line) && !current.some((entry) => entry.startsWith(`${key}=`)))
      lines.push(`${key}: removed`);
  }
  const hint =
    after.url !== before.url || keyChanged
      ? `Check the connection with \`prestabridge stores test ${after.name}\`.\n`
      : '';
  return `Updated store '${after.name}'${lines.length === 0 ? ': nothing changed' : ''}.\n${lines
    .map((line) => `  ${line}\n`)
    .join('')}${hint}`;
}

function factChanges(before: Store, after: Store): string[] {
  const changes: string[] = [];
  const compare = (label: string, a: string, b: string): void => {
    if (a !== b) changes.push(`${label} ${a} → ${b}`);
  };
  compare('PrestaShop', before.psVersion ?? '-', after.psVersion ?? '-');
  compare('languages', languagesText(before), languagesText(after));
  compare('time zone', before.timeZone, after.timeZone);
  compare('shop', String(before.shopId ?? '-'), String(after.shopId ?? '-'));
  return changes;
}

/** Every setting with what it takes, for `stores set --help`. */
function settingsHelp(): string {
  const width = Math.max(...SETTING_SPECS.map((spec) => spec.key.length));
  return `\nSettings (key=value; snake_case keys are accepted):\n${SETTING_SPECS.map(
    (spec) => `  ${spec.key.padEnd(width)}  ${spec.meaning} Must be ${spec.mustBe}.\n`,
  ).join(
    '',
  )}\nExamples:\n  prestabridge stores set shop-fr import.enabled=true import.frequencyMinutes=30\n  prestabridge stores set shop-fr orderStates.3=retry carriers.12=POSTNL payments.ps_wirepayment=BANK\n  prestabridge stores set shop-fr schedules.stock-check=off --key NEWKEY\n`;
}

/** The stock defaults a new store got, and how to change them. */
function storeDefaultsText(store: Store): string {
  const { defaults, stockExportLocations } = store.settings;
  return (
    `Stock location: ${defaults.stockLocation ?? 'none'} (shipments take stock out of it; sellable quantities count ` +
    `${stockExportLocations.join(', ') || 'no location'}). Sales location: ${defaults.salesLocation ?? 'none'} ` +
    `(imported orders carry it). Change them with \`prestabridge stores set ${store.name} defaults.stockLocation=CODE ` +
    `stockExportLocations=CODE defaults.salesLocation=CODE\` (\`prestabridge locations list\` shows the codes).\n`
  );
}

/** `--shop 2`: a shop id. */
function shopIdArgument(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new InvalidArgumentError(`'${value}' is not a shop id: give the number the store lists for it.`);
  return id;
}
