import type { Command } from 'commander';

import type { Product, VariantListItem, VariantListQuery } from '../hub/index.js';
import { positiveId, wholeNumber } from './argument-parsers.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { type ProductEditOptions, productEditOptions, productPatchOf } from './product-options.js';
import { formatKeyValues, formatTable } from './table-format.js';
import { formatPrice } from './value-format.js';

/** How a derived SKU is marked in tables, and the footnote that says so. */
const DERIVED_MARK = '*';
const DERIVED_NOTE = `${DERIVED_MARK} SKU derived by the hub (the store gives the variant none of its own, or one another variant has).\n`;

function skuCell(sku: string | null, derived: boolean): string {
  return sku === null ? '' : derived ? `${sku}${DERIVED_MARK}` : sku;
}

function productText(product: Product): string {
  const pairs: [string, string][] = [
    ['product', `${product.id} ${product.name}${product.archivedAt === null ? '' : ' (archived)'}`],
    ['kind', product.kind],
    ['reference', product.reference ?? '-'],
    ['barcode', product.ean13 ?? '-'],
    ['price', `${formatPrice(product.price)} excl. tax`],
    ['family', product.family ?? '-'],
    ['tax', product.taxRate ?? '-'],
    ['active', product.active ? 'yes' : 'no'],
  ];
  const variants = formatTable(
    ['id', 'sku', 'barcode', 'attributes', 'price impact', 'active'],
    product.variants.map((variant) => [
      `id:${variant.id}`,
      skuCell(variant.sku, variant.skuDerived),
      variant.barcode ?? '',
      variant.attributes
        .map(
          (attribute) =>
            `${Object.values(attribute.name)[0] ?? ''}=${Object.values(attribute.value)[0] ?? ''}`,
        )
        .join(', '),
      formatPrice(variant.priceImpact),
      variant.active ? 'yes' : 'no',
    ]),
    { alignRight: [4] },
  );
  const derived = product.variants.some((variant) => variant.skuDerived) ? DERIVED_NOTE : '';
  return `${formatKeyValues(pairs)}\nVariants\n${variants}${derived}`;
}

interface AddOptions extends ProductEditOptions {
  readonly name: string;
  readonly price: string;
}

const PAGE = 500;

interface ListOptions {
  readonly store?: string;
  readonly search?: string;
  readonly limit: number;
  readonly json?: boolean;
}

/** `prestabridge products …`: read the catalog the hub holds, and create or edit the hub's own products. */
export function registerProductsCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const products = program
    .command('products')
    .description("The catalog the hub holds: list and show it, create and edit the hub's own products.");

  products
    .command('show')
    .description(
      'A product with its variants: ids (id:N names a variant wherever a SKU is accepted), SKUs, barcodes, attributes',
    )
    .argument('<product>', 'product id (products list --json shows productId)', positiveId)
    .option('--json', 'print JSON')
    .action(async (productId: number, options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const product = await hub.catalog.getProduct(productId);
        if (options.json) writeJson(io, product);
        else io.stdout.write(productText(product));
      });
    });

  productEditOptions(
    products
      .command('add')
      .description(
        "Create a product in the hub, with its variants, prices, barcodes, family and kit components; export-products adds it to the stores whose productMaster is hub or both. E.g. products add --name Mug --reference MUG --price 9.90 --variant 'Color=Red' --variant 'sku=MUG-BLUE,Color=Blue,price=0.50'",
      )
      .requiredOption('--name <text>', 'product name')
      .requiredOption('--price <decimal>', 'price excl. tax'),
  ).action(async (options: AddOptions) => {
    await withHub(
      ctx,
      async (hub) => {
        const patch = await productPatchOf(hub, options);
        const product = await hub.catalog.createProduct({
          ...patch,
          name: options.name,
          price: options.price,
        });
        if (options.json) writeJson(io, product);
        else io.stdout.write(`Product ${product.id} created.\n${productText(product)}`);
      },
      { create: true },
    );
  });

  productEditOptions(
    products
      .command('set')
      .description(
        "Change a product (the hub's own or an imported one): the fields given; --variant lists the variants to keep (id=N updates one, without id adds one; unlisted ones are deactivated); --component replaces a kit's components. export-products then updates it in the stores whose productMaster is hub or both.",
      )
      .argument('<product>', 'product id', positiveId)
      .option('--name <text>', 'product name')
      .option('--price <decimal>', 'price excl. tax'),
  ).action(async (productId: number, options: ProductEditOptions) => {
    await withHub(ctx, async (hub) => {
      const patch = await productPatchOf(hub, options);
      if (Object.keys(patch).length === 0)
        throw new CliError('Nothing to change: give at least one option (see products set --help).', {
          exitCode: 2,
        });
      const product = await hub.catalog.updateProduct(productId, patch);
      if (options.json) writeJson(io, product);
      else io.stdout.write(`Product ${product.id} saved.\n${productText(product)}`);
    });
  });

  products
    .command('list')
    .description(
      'One row per variant: its id (id:N names it wherever a SKU is accepted), SKU (* derived by the hub), barcode, name in the default language, price excl. tax, family, the stores it is bound to.',
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
            ['id', 'sku', 'barcode', 'name', 'price', 'family', 'stores'],
            rows.map((row) => [
              `id:${row.variantId}`,
              skuCell(row.sku, row.skuDerived),
              row.barcode ?? '',
              row.name,
              formatPrice(row.price),
              row.family ?? '',
              stores(row).join(', '),
            ]),
            { alignRight: [4], maxCellWidth: 60 },
          ),
        );
        if (rows.some((row) => row.skuDerived)) io.stdout.write(DERIVED_NOTE);
        if (rows.length === options.limit)
          io.stderr.write(`(${rows.length} rows shown; there may be more: --limit N)\n`);
      });
    });
}
