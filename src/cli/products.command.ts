import type { Command } from 'commander';

import type { VariantListItem, VariantListQuery } from '../hub/index.js';
import { wholeNumber } from './argument-parsers.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatTable } from './table-format.js';
import { formatPrice } from './value-format.js';

const PAGE = 500;

interface ListOptions {
  readonly store?: string;
  readonly search?: string;
  readonly limit: number;
  readonly json?: boolean;
}

/** `prestabridge products …`: read the catalog the hub holds. */
export function registerProductsCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const products = program.command('products').description('The catalog the hub holds.');

  products
    .command('list')
    .description(
      'One row per variant: SKU, barcode, name in the default language, price excl. tax, family, the stores it is bound to.',
    )
    .option('--store <name>', 'only variants bound to this store')
    .option('--search <text>', 'SKU, barcode, name or reference containing this text (any case)')
    .option('--limit <n>', 'at most this many rows', wholeNumber(1), 100)
    .option('--json', 'print a JSON array with every field')
    .action(async (options: ListOptions) => {
      await withHub(ctx, async (hub) => {
        const store = options.store === undefined ? undefined : await hub.stores.get(options.store);
        const query: VariantListQuery = {
          ...(store ? { storeId: store.id } : {}),
          ...(options.search === undefined ? {} : { search: options.search }),
        };
        const rows: VariantListItem[] = [];
        // Pages by id, so that a large --limit never becomes one huge query.
        while (rows.length < options.limit) {
          const want = Math.min(PAGE, options.limit - rows.length);
          const page = await hub.catalog.listVariants({
            ...query,
            limit: want,
            afterVariantId: rows.at(-1)?.variantId ?? 0,
          });
          rows.push(...page);
          if (page.length < want) break;
        }
        const names = new Map((await hub.stores.list()).map((entry) => [entry.id, entry.name]));
        const stores = (row: VariantListItem): string[] =>
          row.storeIds.map((id) => names.get(id) ?? String(id));
        if (options.json) {
          writeJson(
            io,
            rows.map((row) => ({ ...row, stores: stores(row) })),
          );
          return;
        }
        if (rows.length === 0) {
          io.stdout.write('No products match.\n');
          return;
        }
        io.stdout.write(
          formatTable(
            ['sku', 'barcode', 'name', 'price', 'family', 'stores'],
            rows.map((row) => [
              row.sku ?? '',
              row.barcode ?? '',
              row.name,
              formatPrice(row.price),
              row.family ?? '',
              stores(row).join(', '),
            ]),
            { alignRight: [3], maxCellWidth: 60 },
          ),
        );
        if (rows.length === options.limit)
          io.stderr.write(`(${rows.length} rows shown; there may be more: --limit N)\n`);
      });
    });
}
