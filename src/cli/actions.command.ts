import { type Command, Option } from 'commander';

import {
  type ActionCart,
  type ActionContext,
  type ActionCustomer,
  type ActionOrder,
  type ActionPage,
  type ActionProduct,
  type ActionSource,
  DEFAULT_ACTION_LIMIT,
  DEFAULT_IDLE_MINUTES,
  getOrder,
  getProduct,
  listCarts,
  listCustomers,
  listOrders,
  listProducts,
  MAX_ACTION_LIMIT,
  type OrderWriteResult,
  setOrderStateAction,
  setTrackingAction,
  type UpdatedWindow,
} from '../automation/index.js';
import type { Hub } from '../hub/index.js';
import { wholeNumber } from './argument-parsers.js';
import type { CommandContext } from './command-context.js';
import { requireSecret, withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatKeyValues, formatTable } from './table-format.js';
import { formatInstant, formatPrice } from './value-format.js';

interface StoreOptions {
  readonly store: string;
  readonly source: ActionSource;
  readonly json?: boolean;
}

interface PageOptions extends StoreOptions {
  readonly limit: number;
  readonly pages: number;
  readonly cursor?: string;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
}

interface FlagOptions {
  readonly active?: boolean;
  readonly inactive?: boolean;
}

const storeOption = ['--store <name>', "the store's name in the hub"] as const;

/**
 * `prestabridge actions …`: what a workflow asks a store through the hub, from the command line — the
 * same answers as the HTTP routes under /stores/{store}/actions.
 */
export function registerActionsCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const actions = program
    .command('actions')
    .description(
      "Automation actions against a store with the hub's key: list and get products and orders, list customers and carts (abandoned carts), set an order's state or tracking number.",
    );

  /** The options every listing has, then its action. */
  const listing = (name: string, description: string) =>
    actions
      .command(name)
      .description(description)
      .requiredOption(...storeOption)
      .option(
        '--updated-from <instant>',
        'only records whose store date_upd is at or after this ISO 8601 instant',
      )
      .option(
        '--updated-to <instant>',
        'only records whose store date_upd is at or before this ISO 8601 instant',
      )
      .addOption(sourceOption())
      .option(
        '--limit <n>',
        `records per page, 1 to ${MAX_ACTION_LIMIT}`,
        wholeNumber(1),
        DEFAULT_ACTION_LIMIT,
      )
      .option('--pages <n>', 'read up to this many pages, following the cursor', wholeNumber(1), 1)
      .option(
        '--cursor <cursor>',
        "start at this page (a previous answer's next cursor, with the same filters)",
      )
      .option('--json', 'print JSON: { source, items, next }');

  listing(
    'products',
    'Products of the store in id order: reference, name, price excl. tax, active, last change.',
  )
    .option('--reference <reference>', 'only products with this reference')
    .option('--active', 'only active products')
    .option('--inactive', 'only inactive products')
    .action(async (options: PageOptions & FlagOptions & { reference?: string }) => {
      await withAction(ctx, options, async (action) => {
        const filters = {
          ...windowOf(options),
          ...(options.reference === undefined ? {} : { reference: options.reference }),
          ...activeOf(options),
        };
        const page = await readPages(options, (paging) => listProducts(action, filters, paging));
        printPage(ctx, options, page, ['id', 'reference', 'name', 'price', 'active', 'updated'], productRow);
      });
    });

  actions
    .command('product')
    .description('One product by its store id.')
    .argument('<id>', "the store's product id", wholeNumber(1))
    .requiredOption(...storeOption)
    .addOption(sourceOption())
    .option('--json', 'print JSON: { source, item }')
    .action(async (id: number, options: StoreOptions) => {
      await withAction(ctx, options, async (action) => {
        const found = await getProduct(action, id, { source: options.source });
        if (options.json) writeJson(io, found);
        else io.stdout.write(keyValues(found.source, productPairs(found.item)));
      });
    });

  listing(
    'orders',
    'Orders of the store in id order, with their lines: reference, customer, state, total paid.',
  )
    .option(
      '--state <states>',
      "only orders in these states, comma-separated: ids (2,3) or names in the store's default language",
    )
    .option('--customer <id>', "only this customer's orders (the store's customer id)", wholeNumber(1))
    .action(async (options: PageOptions & { state?: string; customer?: number }) => {
      await withAction(ctx, options, async (action) => {
        const filters = {
          ...windowOf(options),
          ...(options.state === undefined ? {} : { states: options.state.split(',') }),
          ...(options.customer === undefined ? {} : { customerId: options.customer }),
        };
        const page = await readPages(options, (paging) => listOrders(action, filters, paging));
        printPage(
          ctx,
          options,
          page,
          ['id', 'reference', 'customer', 'state', 'total paid', 'lines', 'updated'],
          orderRow,
        );
      });
    });

  actions
    .command('order')
    .description('One order by its store id, with its lines.')
    .argument('<id>', "the store's order id", wholeNumber(1))
    .requiredOption(...storeOption)
    .addOption(sourceOption())
    .option('--json', 'print JSON: { source, item }')
    .action(async (id: number, options: StoreOptions) => {
      await withAction(ctx, options, async (action) => {
        const found = await getOrder(action, id, { source: options.source });
        if (options.json) {
          writeJson(io, found);
          return;
        }
        const order = found.item;
        io.stdout.write(keyValues(found.source, orderPairs(order)));
        io.stdout.write(
          formatTable(
            ['product', 'combination', 'reference', 'name', 'quantity', 'unit price incl. tax'],
            order.lines.map((line) => [
              line.productId === null ? '-' : String(line.productId),
              line.combinationId === null ? '-' : String(line.combinationId),
              line.reference ?? '',
              line.name,
              String(line.quantity),
              formatPrice(line.unitPriceTaxIncl),
            ]),
            { alignRight: [0, 1, 4, 5] },
          ),
        );
      });
    });

  listing('customers', 'Customers of the store in id order: e-mail, name, active, newsletter, last change.')
    .option('--email <address>', 'only the customer with this e-mail address')
    .option('--active', 'only active customers')
    .option('--inactive', 'only inactive customers')
    .action(async (options: PageOptions & FlagOptions & { email?: string }) => {
      await withAction(ctx, options, async (action) => {
        const filters = {
          ...windowOf(options),
          ...(options.email === undefined ? {} : { email: options.email }),
          ...activeOf(options),
        };
        const page = await readPages(options, (paging) => listCustomers(action, filters, paging));
        printPage(
          ctx,
          options,
          page,
          ['id', 'e-mail', 'name', 'active', 'newsletter', 'updated'],
          customerRow,
        );
      });
    });

  listing(
    'carts',
    'Carts of the store in id order, each with the order placed from it; --abandoned for abandoned carts. From the store only.',
  )
    .option('--customer <id>', "only this customer's carts (the store's customer id)", wholeNumber(1))
    .option('--abandoned', "only a customer's carts with no order, idle for --idle-minutes")
    .option(
      '--idle-minutes <n>',
      'how long a cart must be idle to count as abandoned',
      wholeNumber(0),
      DEFAULT_IDLE_MINUTES,
    )
    .action(
      async (options: PageOptions & { customer?: number; abandoned?: boolean; idleMinutes: number }) => {
        await withAction(ctx, options, async (action) => {
          const filters = {
            ...windowOf(options),
            ...(options.customer === undefined ? {} : { customerId: options.customer }),
            abandoned: options.abandoned === true,
            idleMinutes: options.idleMinutes,
          };
          const page = await readPages(options, (paging) => listCarts(action, filters, paging));
          printPage(ctx, options, page, ['id', 'customer', 'order', 'lines', 'updated'], cartRow);
        });
      },
    );

  actions
    .command('set-state')
    .description(
      "Move a store order to a state (id or name in the store's default language) through the hub's outbox and the order's history; says whether the store has it.",
    )
    .argument('<order>', "the store's order id", wholeNumber(1))
    .argument('<state>', 'store state id or name, e.g. 4 or "Shipped"')
    .requiredOption(...storeOption)
    .option('--email', 'let the store e-mail the customer')
    .option(
      '--no-email',
      "do not let the store e-mail the customer (default: the store's orderStateEmails setting)",
    )
    .option('--json', 'print JSON')
    .action(async (orderId: number, state: string, options: StoreOptions & { email?: boolean }) => {
      await withAction(ctx, { ...options, source: 'store' }, async (action) => {
        const change = await setOrderStateAction(action, orderId, {
          state,
          ...(options.email === undefined ? {} : { sendEmail: options.email }),
        });
        if (options.json) writeJson(io, change);
        else io.stdout.write(writeText(change, `state '${change.state.name}' (${change.state.id})`));
      });
    });

  actions
    .command('set-tracking')
    .description(
      "Put a tracking number on a store order's carrier row (order_carriers) through the hub's outbox; the order's state does not change.",
    )
    .argument('<order>', "the store's order id", wholeNumber(1))
    .argument('<number>', 'the tracking number')
    .requiredOption(...storeOption)
    .option('--email', 'let the store send its "in transit" e-mail')
    .option('--json', 'print JSON')
    .action(async (orderId: number, trackingNumber: string, options: StoreOptions & { email?: boolean }) => {
      await withAction(ctx, { ...options, source: 'store' }, async (action) => {
        const change = await setTrackingAction(action, orderId, {
          trackingNumber,
          sendEmail: options.email === true,
        });
        if (options.json) writeJson(io, change);
        else io.stdout.write(writeText(change, `tracking number ${change.trackingNumber}`));
      });
    });
}

function sourceOption(): Option {
  return new Option('--source <source>', "store (live) or hub (the hub's copy, no store request)")
    .choices(['store', 'hub'])
    .default('store');
}

/** Runs an action on the named store; the store's key is needed unless the hub's copy is read. */
async function withAction(
  ctx: CommandContext,
  options: StoreOptions,
  work: (action: ActionContext) => Promise<void>,
): Promise<void> {
  if (options.source === 'store') requireSecret(ctx);
  await withHub(ctx, async (hub: Hub) => {
    const store = await hub.stores.get(options.store);
    await work({ hub, store, clientOverrides: ctx.clientOverrides, clock: ctx.clock });
  });
}

function windowOf(options: PageOptions): UpdatedWindow {
  return {
    ...(options.updatedFrom === undefined ? {} : { updatedFrom: options.updatedFrom }),
    ...(options.updatedTo === undefined ? {} : { updatedTo: options.updatedTo }),
  };
}

function activeOf(options: FlagOptions): { active?: boolean } {
  if (options.active === true && options.inactive === true) return {};
  if (options.active === true) return { active: true };
  if (options.inactive === true) return { active: false };
  return {};
}

/** Up to `--pages` pages, following the cursor; the last page's `next` tells where to go on. */
async function readPages<T>(
  options: PageOptions,
  read: (paging: { source: ActionSource; limit: number; cursor?: string }) => Promise<ActionPage<T>>,
): Promise<ActionPage<T>> {
  const items: T[] = [];
  let cursor = options.cursor;
  let last: ActionPage<T> | undefined;
  for (let page = 0; page < options.pages; page += 1) {
    last = await read({
      source: options.source,
      limit: options.limit,
      ...(cursor === undefined ? {} : { cursor }),
    });
    items.push(...last.items);
    if (last.next === null) break;
    cursor = last.next;
  }
  return { source: last?.source ?? options.source, items, next: last?.next ?? null, limit: options.limit };
}

function printPage<T>(
  ctx: CommandContext,
  options: PageOptions,
  page: ActionPage<T>,
  headers: readonly string[],
  row: (item: T) => string[],
): void {
  const { io } = ctx;
  if (options.json) {
    writeJson(io, { source: page.source, items: page.items, next: page.next });
    return;
  }
  if (page.items.length === 0) io.stdout.write(`Nothing matches (read from the ${page.source}).\n`);
  else io.stdout.write(formatTable(headers, page.items.map(row), { alignRight: [0] }));
  if (page.next !== null) {
    io.stderr.write(
      `(${page.items.length} shown, read from the ${page.source}; more follow: --pages N, or --cursor ${page.next})\n`,
    );
  }
}

function keyValues(source: ActionSource, pairs: Array<[string, string]>): string {
  return formatKeyValues([...pairs, ['source', source]]);
}

function productRow(product: ActionProduct): string[] {
  return [
    String(product.id),
    product.reference ?? '',
    product.name,
    formatPrice(product.price),
    product.active ? 'yes' : 'no',
    formatInstant(product.updatedAt),
  ];
}

function productPairs(product: ActionProduct): Array<[string, string]> {
  const [id, reference, name, price, active, updated] = productRow(product) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return [
    ['id', id],
    ['reference', reference],
    ['name', name],
    ['price excl. tax', price],
    ['active', active],
    ['updated', updated],
  ];
}

function orderRow(order: ActionOrder): string[] {
  return [
    String(order.id),
    order.reference ?? '',
    order.customerId === null ? '-' : String(order.customerId),
    order.stateId === null ? '-' : String(order.stateId),
    `${formatPrice(order.totalPaidTaxIncl)} ${order.currency ?? ''}`.trim(),
    String(order.lines.length),
    formatInstant(order.updatedAt),
  ];
}

function orderPairs(order: ActionOrder): Array<[string, string]> {
  return [
    ['id', String(order.id)],
    ['reference', order.reference ?? ''],
    ['customer', order.customerId === null ? '-' : String(order.customerId)],
    ['state', order.stateId === null ? '-' : String(order.stateId)],
    ['total paid', `${formatPrice(order.totalPaidTaxIncl)} ${order.currency ?? ''}`.trim()],
    ['placed', formatInstant(order.placedAt)],
    ['updated', formatInstant(order.updatedAt)],
  ];
}

function customerRow(customer: ActionCustomer): string[] {
  return [
    String(customer.id),
    customer.email,
    `${customer.firstName} ${customer.lastName}`.trim(),
    customer.active ? 'yes' : 'no',
    customer.newsletter ? 'yes' : 'no',
    formatInstant(customer.updatedAt),
  ];
}

function cartRow(cart: ActionCart): string[] {
  return [
    String(cart.id),
    cart.customerId === null ? 'guest' : String(cart.customerId),
    cart.orderId === null ? '-' : String(cart.orderId),
    String(cart.lines.length),
    formatInstant(cart.updatedAt),
  ];
}

function writeText(change: OrderWriteResult, what: string): string {
  const label = `Store order ${change.orderId}`;
  return change.delivered
    ? `${label}: ${what} — the store has it.\n`
    : `${label}: ${what} is queued in the outbox, not delivered (${change.why ?? ''}); drain-outbox retries it.\n`;
}
