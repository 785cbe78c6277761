import { type Command, InvalidArgumentError, Option } from 'commander';

import {
  type Hub,
  HUB_ORDER_STATUSES,
  type HubOrderStatus,
  type Order,
  type OrderAddress,
  type OrderSummary,
  type Store,
} from '../hub/index.js';
import {
  approveOrders,
  findStoreOrderState,
  recordShipment,
  sendOrderConfirmations,
  setOrderState,
  StoreSession,
} from '../sync/index.js';
import { wholeNumber } from './argument-parsers.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatKeyValues, formatTable } from './table-format.js';
import { formatInstant, formatPrice } from './value-format.js';

const PAGE = 500;

interface StoreOption {
  readonly store?: string;
}

interface ListOptions extends StoreOption {
  readonly status?: HubOrderStatus;
  readonly limit: number;
  readonly json?: boolean;
}

interface ShipOptions extends StoreOption {
  readonly lines?: readonly LineRequest[];
  readonly tracking?: string;
  readonly carrier?: string;
  readonly from?: string;
  readonly stock: boolean;
  readonly send: boolean;
  readonly json?: boolean;
}

/** `--lines 1:2,3`: line numbers (as `orders show` lists them), each with a quantity or everything left. */
interface LineRequest {
  readonly lineNo: number;
  readonly quantity?: number;
}

function lineRequests(text: string): LineRequest[] {
  return text.split(',').map((part) => {
    const match = /^\s*(\d+)(?::(\d+))?\s*$/.exec(part);
    if (match === null || Number(match[1]) < 1 || (match[2] !== undefined && Number(match[2]) < 1)) {
      throw new InvalidArgumentError(
        `expected LINE or LINE:QUANTITY separated by commas (e.g. 1:2,3), got '${part}'.`,
      );
    }
    return match[2] === undefined
      ? { lineNo: Number(match[1]) }
      : { lineNo: Number(match[1]), quantity: Number(match[2]) };
  });
}

/**
 * The order an ORDER argument names: the hub's order id, or with `--store NAME` the store's own
 * order id.
 */
async function resolveOrder(hub: Hub, ref: string, storeName: string | undefined): Promise<Order> {
  if (!/^\d+$/.test(ref.trim()) || Number(ref) < 1) {
    throw new CliError(`ORDER must be an order id (a whole number from 1), got '${ref}'.`, { exitCode: 2 });
  }
  if (storeName === undefined) return hub.orders.get(Number(ref));
  const store = await hub.stores.get(storeName);
  const order = await hub.orders.findByExternalId(store.id, Number(ref));
  if (order === undefined) {
    throw new CliError(
      `Store '${store.name}' has no order ${ref} in the hub. \`prestabridge sync run import-orders --store ${store.name}\` imports new orders.`,
    );
  }
  return order;
}

/** `prestabridge orders …`: the orders the hub imported, their shipments, and their state in the store. */
export function registerOrdersCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const orders = program
    .command('orders')
    .description(
      'Orders imported from the stores: list, show, approve, ship, and move them to a store state.',
    );
  const storeOption = '--store <name>';
  const orderHelp = 'the hub order id, or with --store the store order id';

  orders
    .command('list')
    .description(
      'One row per order, newest first: store, store order id and reference, customer, hub status, store state, total paid, lines.',
    )
    .option(storeOption, 'only orders of this store')
    .addOption(
      new Option('--status <status>', 'only orders in this hub status').choices([...HUB_ORDER_STATUSES]),
    )
    .option('--limit <n>', 'at most this many rows', wholeNumber(1), 50)
    .option('--json', 'print a JSON array')
    .action(async (options: ListOptions) => {
      await withHub(ctx, async (hub) => {
        const store = options.store === undefined ? undefined : await hub.stores.get(options.store);
        const rows: OrderSummary[] = [];
        while (rows.length < options.limit) {
          const want = Math.min(PAGE, options.limit - rows.length);
          const before = rows.at(-1)?.id;
          const page = await hub.orders.list({
            limit: want,
            ...(store ? { storeId: store.id } : {}),
            ...(options.status === undefined ? {} : { status: options.status }),
            ...(before === undefined ? {} : { beforeId: before }),
          });
          rows.push(...page);
          if (page.length < want) break;
        }
        const names = new Map((await hub.stores.list()).map((entry) => [entry.id, entry.name]));
        if (options.json) {
          writeJson(
            io,
            rows.map((row) => ({ ...row, store: names.get(row.storeId) ?? null })),
          );
          return;
        }
        if (rows.length === 0) {
          io.stdout.write('No orders match.\n');
          return;
        }
        io.stdout.write(
          formatTable(
            ['id', 'store', 'order', 'reference', 'customer', 'status', 'state', 'total paid', 'lines'],
            rows.map((row) => [
              String(row.id),
              names.get(row.storeId) ?? String(row.storeId),
              row.externalId ?? '-',
              row.reference ?? '',
              row.customerName ?? '',
              row.hubStatus,
              row.storeStateId === null ? '-' : String(row.storeStateId),
              `${formatPrice(row.totalPaidTaxIncl)} ${row.currency}${row.totalsMismatch ? ' !' : ''}`,
              String(row.lineCount),
            ]),
            { alignRight: [0, 2, 6, 7, 8] },
          ),
        );
        if (rows.some((row) => row.totalsMismatch))
          io.stdout.write(
            "! the store's totals do not add up (kept as the store sent them): see orders show\n",
          );
        if (rows.length === options.limit)
          io.stderr.write(`(${rows.length} rows shown; there may be more: --limit N)\n`);
      });
    });

  orders
    .command('show')
    .description(
      'One order: addresses, payment, carrier, totals, lines, messages, state history and shipments.',
    )
    .argument('<order>', orderHelp)
    .option(storeOption, "ORDER is this store's order id")
    .option('--json', 'print JSON')
    .action(async (ref: string, options: StoreOption & { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const order = await resolveOrder(hub, ref, options.store);
        const store = await hub.stores.get(order.storeId);
        if (options.json) writeJson(io, { ...order, store: store.name });
        else io.stdout.write(orderDetails(order, store));
      });
    });

  orders
    .command('approve')
    .description(
      'Approve orders waiting for approval: from then on they can ship (their stock is reserved from their import on).',
    )
    .argument('<order...>', orderHelp)
    .option(storeOption, "ORDER is this store's order id")
    .action(async (refs: string[], options: StoreOption) => {
      await withHub(ctx, async (hub) => {
        const ids: number[] = [];
        for (const ref of refs) ids.push((await resolveOrder(hub, ref, options.store)).id);
        const approved = await approveOrders(hub, ids);
        io.stdout.write(
          `Approved ${approved} of ${ids.length} order(s) (the others were not waiting for approval).\n`,
        );
      });
    });

  orders
    .command('ship')
    .description(
      "Record a shipment: given lines (or everything left), taken out of the store's defaults.stockLocation (refused while it is unset: --from or --no-stock), and tell the store (tracking number and shipment state, if configured).",
    )
    .argument('<order>', orderHelp)
    .option(storeOption, "ORDER is this store's order id")
    .option(
      '--lines <lines>',
      'LINE or LINE:QUANTITY, comma-separated (line numbers as orders show lists them)',
      lineRequests,
    )
    .option('--tracking <number>', 'tracking number')
    .option('--carrier <name>', 'carrier that took the parcel')
    .option('--from <location>', "location the goods leave from (default the store's defaults.stockLocation)")
    .option('--no-stock', 'take nothing out of stock (the goods left from somewhere the hub does not keep)')
    .option('--no-send', 'only queue the confirmation (shipping-confirmation sends it)')
    .option('--json', 'print JSON')
    .action(async (ref: string, options: ShipOptions) => {
      await withHub(ctx, async (hub) => {
        const order = await resolveOrder(hub, ref, options.store);
        const lines = options.lines?.map((request) => {
          const line = order.lines.find((candidate) => candidate.lineNo === request.lineNo);
          if (line === undefined || line.kind !== 'product') {
            throw new CliError(
              `Order ${order.id} has no product line ${request.lineNo} (see orders show ${order.id}).`,
              {
                exitCode: 2,
              },
            );
          }
          return { orderLineId: line.id, quantity: request.quantity ?? line.quantity - line.quantityShipped };
        });
        const result = await recordShipment(hub, {
          orderId: order.id,
          ...(lines === undefined ? {} : { lines }),
          ...(options.tracking === undefined ? {} : { trackingNumber: options.tracking }),
          ...(options.carrier === undefined ? {} : { carrier: options.carrier }),
          ...(!options.stock
            ? { fromLocation: null }
            : options.from === undefined
              ? {}
              : { fromLocation: options.from }),
        });
        const store = await hub.stores.get(order.storeId);
        const told = !result.confirmationQueued
          ? ({ kind: 'not configured' } as const)
          : !options.send
            ? ({ kind: 'queued', why: 'asked with --no-send' } as const)
            : !ctx.io.env.PRESTABRIDGE_SECRET
              ? ({
                  kind: 'queued',
                  why: "PRESTABRIDGE_SECRET is not set, so the store's key cannot be read here",
                } as const)
              : await deliver(ctx, hub, store, order.id);
        if (options.json) {
          writeJson(io, {
            ...result,
            store: store.name,
            confirmation: told.kind,
            ...('why' in told ? { confirmationNote: told.why } : {}),
          });
          return;
        }
        const shipped = result.shipment.lines.reduce((sum, line) => sum + line.quantity, 0);
        io.stdout.write(
          `Shipment ${result.shipment.id} of order ${order.id} (${store.name} ${order.externalId ?? '-'}): ` +
            `${shipped} item(s), order now ${result.orderStatus.replace('_', ' ')}.\n`,
        );
        io.stdout.write(`Store: ${confirmationText(told, store, result.shipment.complete)}\n`);
      });
    });

  orders
    .command('set-state')
    .description(
      "Move an order to a state in its store (by id or by name in the store's default language), through the order's history so that the store's own side effects run.",
    )
    .argument('<order>', orderHelp)
    .argument('<state>', 'store state id or name, e.g. 4 or "Shipped"')
    .option(storeOption, "ORDER is this store's order id")
    .option(
      '--no-email',
      "do not let the store e-mail the customer (default: the store's orderStateEmails setting)",
    )
    .option('--email', 'let the store e-mail the customer')
    .action(async (ref: string, stateText: string, options: StoreOption & { email?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const order = await resolveOrder(hub, ref, options.store);
        const store = await hub.stores.get(order.storeId);
        const session = await StoreSession.open(hub, store, ctx.clientOverrides);
        try {
          const state = await findStoreOrderState(store, session.client, stateText);
          const result = await setOrderState(hub, store, session.client, order.id, state, {
            sendEmail: options.email ?? store.settings.orderStateEmails,
          });
          const label = `Store order ${order.externalId ?? '-'} (${order.reference ?? 'no reference'}) of ${store.name}`;
          const warning = result.drain.warnings.find(
            (entry) => entry.target === `order:${order.externalId ?? ''}`,
          )?.warning;
          if (result.delivered)
            io.stdout.write(
              `${label} is now '${state.name}' (${state.id}).${warning === undefined ? '' : ` Warning: ${warning}.`}\n`,
            );
          else {
            io.stdout.write(
              `${label}: the change to '${state.name}' is queued, not delivered (${result.why ?? ''}): ${whenOutboxSends(store)}\n`,
            );
          }
        } finally {
          await session.close();
        }
      });
    });
}

/** What the store was told of a shipment. */
type Confirmation =
  | { readonly kind: 'not configured' }
  | { readonly kind: 'sent'; readonly warning?: string }
  /** Not tried now (`--no-send`, no secret), or tried and refused by the store: in the outbox either way. */
  | { readonly kind: 'queued' | 'waiting'; readonly why: string };

/** Sends an order's queued confirmations now. */
async function deliver(ctx: CommandContext, hub: Hub, store: Store, orderId: number): Promise<Confirmation> {
  const session = await StoreSession.open(hub, store, ctx.clientOverrides);
  try {
    const { delivered, why, drain } = await sendOrderConfirmations(hub, store, session.client, orderId);
    const order = await hub.orders.get(orderId);
    const warning = drain.warnings.find((entry) => entry.target === `order:${order.externalId ?? ''}`);
    if (delivered)
      return warning === undefined ? { kind: 'sent' } : { kind: 'sent', warning: warning.warning };
    return { kind: 'waiting', why: why ?? '' };
  } finally {
    await session.close();
  }
}

function confirmationText(told: Confirmation, store: Store, complete: boolean): string {
  const whenSent = whenOutboxSends(store);
  switch (told.kind) {
    case 'sent':
      return `told (tracking number and shipment state).${told.warning === undefined ? '' : ` Warning: ${told.warning}.`}`;
    case 'not configured':
      return complete
        ? `not told: no shipment state configured (prestabridge stores set ${store.name} shipmentStates.full=ID).`
        : `not told: no partial-shipment state configured, so the store order keeps its state ` +
            `(prestabridge stores set ${store.name} shipmentStates.partial=ID).`;
    case 'queued':
      return `confirmation queued, not sent now (${told.why}): ${whenSent}`;
    case 'waiting':
      return `confirmation queued, not delivered (${told.why}): ${whenSent}`;
  }
}

/**
 * When an entry left in the outbox reaches the store: `serve` drains the outbox of every enabled store
 * that exports, within seconds; `sync run shipping-confirmation` sends it at once, whatever the settings.
 */
function whenOutboxSends(store: Store): string {
  const now = `\`prestabridge sync run shipping-confirmation --store ${store.name}\``;
  if (!store.settings.enabled)
    return `\`prestabridge serve\` does not send it while the store is disabled (enabled=false): send it with ${now}.`;
  if (!store.settings.export.enabled)
    return (
      `\`prestabridge serve\` does not send it while the store does not export (export.enabled=false): ` +
      `send it with ${now}, or turn export on (\`prestabridge stores set ${store.name} export.enabled=true\`).`
    );
  return `\`prestabridge serve\` sends it within seconds while it runs; or send it now with ${now}.`;
}

function addressText(address: OrderAddress): string {
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ');
  const parts = [
    name,
    address.company,
    address.address1,
    address.address2,
    [address.postcode, address.city].filter(Boolean).join(' '),
    address.state,
    address.countryIso,
    address.phone ?? address.phoneMobile,
  ];
  const text = parts.filter((part) => part !== null && part !== undefined && part !== '').join(', ');
  return text === '' ? '(not in the store any more)' : text;
}

function orderDetails(order: Order, store: Store): string {
  const t = order.totals;
  const lastState = order.stateHistory.at(-1);
  const stateName = lastState?.stateId === order.storeStateId ? ` ${lastState.stateName ?? ''}` : '';
  const pairs: Array<[string, string]> = [
    ['order', String(order.id)],
    ['store', `${store.name}, order ${order.externalId ?? '-'}, reference ${order.reference ?? '-'}`],
    ['placed', `${order.placedAt.local} (store time), ${formatInstant(order.placedAt.instant)}`],
    ['status', order.hubStatus.replace('_', ' ')],
    ['store state', order.storeStateId === null ? '-' : `${order.storeStateId}${stateName}`],
    ['customer', order.customerName ?? '-'],
    ['billing', addressText(order.billingAddress)],
    ['delivery', addressText(order.deliveryAddress)],
    ['payment', `${order.paymentLabel ?? order.paymentModule ?? '-'} → ${order.paymentMethod ?? 'unmapped'}`],
    ['carrier', `${order.carrierId ?? '-'} → ${order.shippingMethod ?? 'unmapped'}`],
    ['sales location', order.salesLocation ?? '-'],
    ['products', `${formatPrice(t.productsTaxIncl)} (${formatPrice(t.productsTaxExcl)} excl. tax)`],
    ['shipping', `${formatPrice(t.shippingTaxIncl)} (${formatPrice(t.shippingTaxExcl)} excl. tax)`],
    ['discounts', `${formatPrice(t.discountsTaxIncl)} (${formatPrice(t.discountsTaxExcl)} excl. tax)`],
    [
      'total paid',
      `${formatPrice(t.paidTaxIncl)} ${order.currency} (${formatPrice(t.paidTaxExcl)} excl. tax)` +
        (order.totalsMismatch ? " — the store's totals do not add up: kept as sent, flagged" : ''),
    ],
  ];
  if (order.note !== null) pairs.push(['note', order.note]);
  const lines = formatTable(
    ['#', 'kind', 'sku', 'name', 'qty', 'shipped', 'unit incl.', 'unit excl.'],
    order.lines.map((line) => [
      String(line.lineNo),
      line.kind,
      line.sku ?? '',
      line.name,
      String(line.quantity),
      String(line.quantityShipped),
      formatPrice(line.unitPriceTaxIncl),
      formatPrice(line.unitPriceTaxExcl),
    ]),
    { alignRight: [0, 4, 5, 6, 7], maxCellWidth: 50 },
  );
  const sections = [formatKeyValues(pairs), `\nLines\n${lines}`];
  if (order.stateHistory.length > 0) {
    sections.push(
      `\nState history\n${formatTable(
        ['when (store time)', 'state'],
        order.stateHistory.map((entry) => [
          entry.changedAtLocal ?? formatInstant(entry.changedAt),
          `${entry.stateId} ${entry.stateName ?? ''}`,
        ]),
      )}`,
    );
  }
  if (order.messages.length > 0) {
    sections.push(
      `\nMessages\n${formatTable(
        ['when', 'from', 'message'],
        order.messages.map((message) => [
          formatInstant(message.writtenAt),
          message.author + (message.private ? ' (private)' : ''),
          message.body,
        ]),
        { maxCellWidth: 80 },
      )}`,
    );
  }
  if (order.shipments.length > 0) {
    sections.push(
      `\nShipments\n${formatTable(
        ['id', 'shipped', 'carrier', 'tracking', 'items', 'complete'],
        order.shipments.map((shipment) => [
          String(shipment.id),
          formatInstant(shipment.shippedAt),
          shipment.carrier ?? '',
          shipment.trackingNumber ?? '',
          String(shipment.lines.reduce((sum, line) => sum + line.quantity, 0)),
          shipment.complete ? 'yes' : 'no',
        ]),
      )}`,
    );
  }
  return sections.join('');
}
