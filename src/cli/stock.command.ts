import { type Command, InvalidArgumentError, Option } from 'commander';

import type { StockListItem } from '../hub/index.js';
import { adjustStock, countStock, type StockChangeResult, variantIdOf } from '../sync/index.js';
import { wholeNumber } from './argument-parsers.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatTable } from './table-format.js';
import { VARIANT_ARGUMENT_HELP, variantByRef } from './variant-ref.js';

const LIST_PAGE = 500;

/** A signed whole number, not 0: `+5`, `-3`, `12`. */
function signedQuantity(text: string): number {
  if (!/^[+-]?\d+$/.test(text.trim()) || Number(text) === 0)
    throw new InvalidArgumentError('expected a whole number other than 0, such as +5 or -3.');
  return Number(text);
}

function reportChange(
  ctx: CommandContext,
  sku: string,
  result: StockChangeResult,
  json: boolean | undefined,
): void {
  if (json) {
    const { location, onHand, changed, queued } = result;
    writeJson(ctx.io, { sku, location, onHand, changed, queued });
    return;
  }
  ctx.io.stdout.write(
    !result.changed
      ? `${sku} at ${result.location}: unchanged (${result.onHand}).\n`
      : `${sku} at ${result.location}: on hand ${result.onHand}. ` +
          (result.queued === 0
            ? 'No store sells it yet.\n'
            : `New quantity queued for ${result.queued} store variant(s); export-stock pushes it.\n`),
  );
}

function formatList(items: readonly StockListItem[]): string {
  return formatTable(
    ['sku', 'name', 'on hand', 'reserved', 'sellable'],
    items.map((item) => [
      item.sku ?? `#${item.variantId}`,
      item.kit ? `${item.name} (kit)` : item.name,
      item.onHand.map((level) => `${level.location} ${level.onHand}`).join(', ') || '-',
      String(item.reserved),
      item.sellable.map((entry) => `${entry.store} ${entry.quantity}`).join(', ') || '-',
    ]),
    { alignRight: [3], maxCellWidth: 50 },
  );
}

interface ListOptions {
  readonly sku?: string;
  readonly location?: string;
  readonly limit: number;
  readonly json?: boolean;
}

/**
 * `prestabridge stock …`: the hub's stock — adjust and count it, read it, and the locations it lives
 * in. Every change is a movement in the ledger and queues the new sellable quantities for the stores.
 */
export function registerStockCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const stock = program
    .command('stock')
    .description('Stock per variant and location: adjustments, counts, sellable quantities per store.');

  stock
    .command('adjust')
    .description(
      'Add or remove stock at a location (an adjustment movement), e.g. stock adjust MUG-01 MAIN -3 --reason broken, or stock adjust id:42 MAIN +5 --reason delivery',
    )
    .argument('<variant>', VARIANT_ARGUMENT_HELP)
    .argument('<location>', 'location code')
    .argument('<quantity>', 'change: +N adds, -N removes', signedQuantity)
    .requiredOption('--reason <text>', 'why (kept in the ledger)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        sku: string,
        location: string,
        quantity: number,
        options: { reason: string; json?: boolean },
      ) => {
        await withHub(ctx, async (hub) => {
          const variant = await variantByRef(hub, sku);
          const result = await adjustStock(hub, {
            variantId: variant.variantId,
            location,
            change: quantity,
            reason: options.reason,
            label: sku,
          });
          reportChange(ctx, sku, result, options.json);
        });
      },
    );

  stock
    .command('set')
    .description('Set the counted on-hand at a location (records the difference as an adjustment)')
    .argument('<variant>', VARIANT_ARGUMENT_HELP)
    .argument('<location>', 'location code')
    .argument('<quantity>', 'counted quantity', wholeNumber(0))
    .option('--reason <text>', 'why (kept in the ledger)', 'count')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        sku: string,
        location: string,
        quantity: number,
        options: { reason: string; json?: boolean },
      ) => {
        await withHub(ctx, async (hub) => {
          const variant = await variantByRef(hub, sku);
          const result = await countStock(hub, {
            variantId: variant.variantId,
            location,
            counted: quantity,
            reason: options.reason,
            label: sku,
          });
          reportChange(ctx, sku, result, options.json);
        });
      },
    );

  stock
    .command('list')
    .description('On hand per location, reserved by open orders, and sellable per store, one row per variant')
    .option('--sku <sku>', 'only this variant: its SKU or id:N (shown even without stock)')
    .option('--location <code>', 'only variants with stock at this location')
    .option('--limit <n>', 'at most this many rows', wholeNumber(1), 100)
    .option('--json', 'print a JSON array')
    .action(async (options: ListOptions) => {
      await withHub(ctx, async (hub) => {
        const items: StockListItem[] = [];
        while (items.length < options.limit) {
          const want = Math.min(LIST_PAGE, options.limit - items.length);
          const byId = options.sku === undefined ? undefined : variantIdOf(options.sku);
          const page = await hub.stock.list({
            ...(options.sku === undefined || byId !== undefined ? {} : { sku: options.sku }),
            ...(byId === undefined ? {} : { variantId: byId }),
            ...(options.location === undefined ? {} : { location: options.location }),
            afterVariantId: items.at(-1)?.variantId ?? 0,
            limit: want,
          });
          items.push(...page);
          if (page.length < want) break;
        }
        if (options.json) {
          writeJson(io, items);
          return;
        }
        if (items.length === 0) {
          io.stdout.write(
            options.sku === undefined ? 'No stock matches.\n' : `No variant is named '${options.sku}'.\n`,
          );
          return;
        }
        io.stdout.write(formatList(items));
        if (items.length === options.limit)
          io.stderr.write(`(${items.length} rows shown; there may be more: --limit N)\n`);
      });
    });

  const locations = stock.command('locations').description('The places stock is kept in (master data).');
  locations
    .command('list')
    .description('Every location in use (archived ones: prestabridge locations list --all): code, name, kind')
    .option('--json', 'print a JSON array')
    .action(async (options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const all = await hub.masterData.list('locations', { archived: 'exclude' });
        if (options.json) writeJson(io, all);
        else if (all.length === 0)
          io.stdout.write('No locations yet: prestabridge stock locations add CODE --name NAME\n');
        else
          io.stdout.write(
            formatTable(
              ['code', 'name', 'kind'],
              all.map((location) => [location.code, location.name, location.kind]),
            ),
          );
      });
    });
  locations
    .command('add')
    .description('Add a location, or rename one (by its code); the same as prestabridge locations add|set')
    .argument('<code>', 'short code, e.g. MAIN')
    .requiredOption('--name <name>', 'name shown to people')
    .addOption(
      new Option('--kind <kind>', 'a warehouse, or a sales location (shop floor)')
        .choices(['warehouse', 'sales'])
        .default('warehouse'),
    )
    .action(async (code: string, options: { name: string; kind: 'warehouse' | 'sales' }) => {
      await withHub(
        ctx,
        async (hub) => {
          await hub.masterData.upsert('locations', [{ code, name: options.name, kind: options.kind }]);
          io.stdout.write(`Location ${code} (${options.name}, ${options.kind}) saved.\n`);
        },
        { create: true },
      );
    });
}
