import {
  Decimal,
  type Hub,
  instantToStoreLocal,
  type Invoice,
  type InvoiceCandidate,
  type InvoiceCursor,
  type Store,
  storeLocalToInstant,
} from '../../hub/index.js';
import { filter, type PrestaShopClient } from '../../webservice/index.js';
import { markNumber } from '../catalog/product-sweep.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { Feed, FeedContext } from '../feed.js';
import { FeedPreconditionError } from '../feed-errors.js';
import type { StoreRounding } from '../orders/order-totals-check.js';
import { draftInvoice, type InvoiceDraft } from './invoice-draft.js';
import { type JournalAccounts, journalAccounts, paymentEntryLines, saleEntryLines } from './journal-draft.js';
import { draftSlipCreditNote, readSlip, remainderToCredit } from './slip-credit-note.js';

export const INVOICE_ORDERS = 'invoice-orders';

const DEFAULT_PAGE = 100;

/**
 * invoice-orders: the hub's accounting documents for a store, from the orders already imported.
 *
 * 1. Invoices: every order that reached one of `invoices.paidStates` and has none gets an invoice,
 *    in the order they were paid, dated when the order first reached a paid state (never before the
 *    latest invoice of its sequence: see `hub.accounting.issueDocument`), its lines and taxes per
 *    rate from the store's own amounts (see {@link draftInvoice}), its totals compared with the
 *    store's total paid — a difference is kept on the invoice and reported, never patched over —
 *    and, with `invoices.markPaid`, marked paid at the date the order first reached a paid state,
 *    with its payment method. The store's rounding of each order
 *    (`round_mode`, `round_type`, `carrier_tax_rate`) is read with the page, in one request.
 * 2. Refunds: every `order_slip` of an invoiced order gets a credit note of what it refunded (see
 *    {@link issueSlipCreditNotes}); slips are read in bulk after a watermark.
 * 3. Credit notes: every invoiced order the store cancelled or refunded (hub status `cancelled`, or a
 *    state of `invoices.creditStates`) gets a credit note that reverses what its invoice still holds
 *    once its refunds' credit notes are taken off; an invoice is never edited.
 * 4. Journal entries (with `journal.enabled`): each invoice and credit note its sale entry, each paid
 *    one its payment (or refund) entry.
 *
 * Numbers come from gapless sequences per store, kind and year, taken in the transaction that writes
 * the document; each document and entry is issued once (its source key), so a run killed anywhere
 * resumes where it was: what is left to do is what has no document yet. Only the store's slips are read
 * after a watermark, advanced with the page it covers.
 */
export const invoiceOrdersFeed: Feed = {
  name: INVOICE_ORDERS,
  description:
    'Invoice imported orders that reached a paid state, credit notes for the store refunds (order slips) and for orders it cancelled or refunded, and their journal entries.',
  direction: 'import',
  cadence: 'frequency',
  needs: [
    { resource: 'orders', verb: 'GET' },
    { resource: 'taxes', verb: 'GET' },
    { resource: 'currencies', verb: 'GET' },
    { resource: 'order_slip', verb: 'GET' },
  ],
  writes: ['invoices', 'credit notes', 'journal entries'],
  options: [
    {
      name: 'pageSize',
      flag: 'page-size',
      kind: 'integer',
      description: `Orders invoiced per transaction (default ${DEFAULT_PAGE}).`,
    },
  ],
  notReady(store) {
    if (!store.settings.invoices.enabled) {
      return `Invoices are off for store '${store.name}': \`prestabridge stores set ${store.name} invoices.enabled=true\` (and check invoices.paidStates).`;
    }
    if (store.settings.journal.enabled) {
      const accounts = journalAccounts(store.name, store.settings.journal);
      if (!accounts.ok) return accounts.problem;
    }
    return null;
  },
  async run(ctx) {
    const pageSize = Math.max(1, Math.min(500, Number(ctx.options.pageSize ?? DEFAULT_PAGE) || DEFAULT_PAGE));
    await refuseSharedPrefix(ctx.hub, ctx.store);
    const lookups = await readLookups(ctx.client, ctx.hub);
    await ctx.progress({ step: 'invoices', done: 0 });
    await issueInvoices(ctx, lookups, pageSize);
    ctx.throwIfStopped();
    await ctx.progress({ step: 'refunds' });
    // Refunds before cancellations: a cancellation credits what the refunds left.
    await issueSlipCreditNotes(ctx, lookups, pageSize);
    ctx.throwIfStopped();
    await ctx.progress({ step: 'credit notes' });
    await issueCreditNotes(ctx, pageSize);
    if (ctx.store.settings.journal.enabled) {
      ctx.throwIfStopped();
      const accounts = journalAccounts(ctx.store.name, ctx.store.settings.journal);
      if (!accounts.ok) throw new FeedPreconditionError(accounts.problem);
      await ctx.progress({ step: 'journal' });
      await postEntries(ctx, accounts.accounts, pageSize);
    }
  },
};

interface StoreLookups {
  /** Tax rates the store and the hub know, for lines that carry none. */
  readonly rates: readonly Decimal[];
  /** Decimal places by currency ISO code (2 when the store does not say). */
  readonly places: ReadonlyMap<string, number>;
}

async function readLookups(client: PrestaShopClient, hub: Hub): Promise<StoreLookups> {
  const [taxes, currencies, hubRates] = await Promise.all([
    client.list('taxes', { display: ['id', 'rate', 'active', 'deleted'] }),
    client.list('currencies', { display: 'full' }),
    hub.masterData.list('taxRates'),
  ]);
  const rates = new Map<string, Decimal>();
  for (const tax of taxes) {
    if (scalar(tax.deleted) === '1') continue;
    const rate = Decimal.tryParse(scalar(tax.rate));
    if (rate !== undefined) rates.set(rate.toString(), rate);
  }
  for (const tax of hubRates) {
    const rate = Decimal.from(tax.rate);
    rates.set(rate.toString(), rate);
  }
  const places = new Map<string, number>();
  for (const currency of currencies) {
    const iso = scalar(currency.iso_code).toUpperCase();
    const precision = Number(scalar(currency.precision) || '2');
    if (iso !== '') places.set(iso, Number.isInteger(precision) && precision >= 0 ? precision : 2);
  }
  return { rates: [...rates.values()], places };
}

/** Invoice numbers are unique across the hub: two stores invoicing with one prefix would collide. */
async function refuseSharedPrefix(hub: Hub, store: Store): Promise<void> {
  const others = (await hub.stores.list()).filter(
    (other) =>
      other.id !== store.id &&
      other.settings.invoices.enabled &&
      (other.settings.invoices.numberPrefix === store.settings.invoices.numberPrefix ||
        other.settings.invoices.creditNotePrefix === store.settings.invoices.creditNotePrefix),
  );
  const other = others[0];
  if (other !== undefined) {
    throw new FeedPreconditionError(
      `Store '${store.name}' invoices with the same prefixes as store '${other.name}' (${store.settings.invoices.numberPrefix}, ${store.settings.invoices.creditNotePrefix}): give each store its own, e.g. \`prestabridge stores set ${store.name} invoices.numberPrefix=${store.name.toUpperCase()}-INV- invoices.creditNotePrefix=${store.name.toUpperCase()}-CN-\`.`,
    );
  }
}

/** An instant's store-local day, `YYYY-MM-DD`. */
function storeDay(store: Store, at: string): string {
  return instantToStoreLocal(at, store.timeZone).slice(0, 10);
}

async function issueInvoices(ctx: FeedContext, lookups: StoreLookups, pageSize: number): Promise<void> {
  const { hub, store } = ctx;
  const settings = store.settings.invoices;
  let after: InvoiceCursor | null = null;
  for (;;) {
    ctx.throwIfStopped();
    const candidates = await hub.accounting.ordersToInvoice(store.id, settings.paidStates, {
      after,
      limit: pageSize,
    });
    const last = candidates.at(-1);
    if (last === undefined) return;
    after = { paidAt: last.paidAt, orderId: last.orderId };
    const rounding = await readRounding(ctx.client, candidates);
    await ctx.commit(async (tx, tally) => {
      for (const candidate of candidates) {
        const storeRounding = candidate.externalId === null ? undefined : rounding.get(candidate.externalId);
        if (storeRounding === undefined) {
          tally.failed(
            `order ${candidate.reference ?? candidate.orderId}`,
            `the store no longer answers for order ${candidate.externalId ?? '(unbound)'}: its rounding cannot be read, so it is not invoiced`,
          );
          continue;
        }
        const draft = draftInvoice(
          {
            orderId: candidate.orderId,
            reference: candidate.reference,
            currency: candidate.currency,
            lines: candidate.lines,
            storeTotalTaxExcl: candidate.storeTotalTaxExcl,
            storeTotalTaxIncl: candidate.storeTotalTaxIncl,
            rounding: { ...storeRounding.rounding, places: lookups.places.get(candidate.currency) ?? 2 },
            shippingTaxRate: storeRounding.shippingTaxRate,
          },
          lookups.rates,
        );
        const { invoice, created } = await tx.accounting.issueDocument({
          storeId: store.id,
          kind: 'invoice',
          sourceKey: `order:${candidate.orderId}:invoice`,
          orderId: candidate.orderId,
          prefix: settings.numberPrefix,
          currency: candidate.currency,
          // Dated when the order was paid, not when this run happens to issue it: re-runs give the same date.
          issuedAt: new Date(candidate.paidAt),
          paidAt: settings.markPaid ? candidate.paidAt : null,
          paymentMethod: settings.markPaid ? candidate.paymentMethod : null,
          paymentLabel: settings.markPaid ? candidate.paymentLabel : null,
          ...draftAmounts(draft),
        });
        if (created) tally.created();
        else tally.unchanged();
        reportProblems(ctx, invoice, candidate, draft);
        if (created) reportLaterDate(ctx, invoice, candidate.paidAt);
      }
    });
    await ctx.progress({ done: candidates.length, increment: true });
  }
}

function draftAmounts(draft: InvoiceDraft) {
  return {
    lines: draft.lines,
    taxes: draft.taxes,
    totalTaxExcl: draft.totalTaxExcl,
    totalTax: draft.totalTax,
    totalTaxIncl: draft.totalTaxIncl,
    storeTotalTaxExcl: draft.storeTotalTaxExcl,
    storeTotalTaxIncl: draft.storeTotalTaxIncl,
    totalsDifference: draft.totalsDifference,
  };
}

function reportProblems(
  ctx: FeedContext,
  invoice: Invoice,
  candidate: InvoiceCandidate,
  draft: InvoiceDraft,
): void {
  if (draft.problems.length === 0) return;
  const differs = !Decimal.from(draft.totalsDifference).isZero();
  ctx.notice({
    kind: differs ? 'invoice-total-difference' : 'invoice-tax-rate',
    key: String(candidate.orderId),
    message: `Invoice ${invoice.number} of order ${candidate.reference ?? candidate.orderId}: ${draft.problems.join('; ')}. The invoice keeps the store's amounts; check it by hand.`,
  });
}

/**
 * A document dated after the day asked for: an earlier number of its sequence carries a later date
 * (an order paid long ago, imported or paid-state only now), and numbers never go back in time.
 */
function reportLaterDate(ctx: FeedContext, invoice: Invoice, wanted: string): void {
  const asked = storeDay(ctx.store, wanted);
  const dated = storeDay(ctx.store, invoice.issuedAt);
  if (dated === asked) return;
  ctx.notice({
    kind: 'invoice-dated-later',
    key: invoice.number,
    message: `${invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${invoice.number} is dated ${dated}, not ${asked}: an earlier number of its sequence is dated ${dated}, and numbers follow the order of issue.`,
  });
}

/** Each order's rounding as the store recorded it, in one request per page. */
async function readRounding(
  client: PrestaShopClient,
  candidates: readonly InvoiceCandidate[],
): Promise<Map<string, { rounding: Omit<StoreRounding, 'places'>; shippingTaxRate: string | null }>> {
  const ids = candidates
    .map((candidate) => Number(candidate.externalId))
    .filter((id) => Number.isInteger(id) && id > 0)
    .sort((a, b) => a - b);
  const result = new Map<
    string,
    { rounding: Omit<StoreRounding, 'places'>; shippingTaxRate: string | null }
  >();
  if (ids.length === 0) return result;
  const orders = await client.list('orders', {
    display: ['id', 'round_mode', 'round_type', 'carrier_tax_rate'],
    filter: { id: filter.oneOf(ids) },
  });
  for (const order of orders) {
    const rate = Decimal.tryParse(scalar(order.carrier_tax_rate));
    result.set(String(order.id), {
      rounding: {
        mode: Number(scalar(order.round_mode) || '2'),
        type: Number(scalar(order.round_type) || '1'),
      },
      shippingTaxRate: rate === undefined ? null : rate.toString(),
    });
  }
  return result;
}

async function issueCreditNotes(ctx: FeedContext, pageSize: number): Promise<void> {
  const { hub, store } = ctx;
  const settings = store.settings.invoices;
  let afterId = 0;
  for (;;) {
    ctx.throwIfStopped();
    const invoices = await hub.accounting.invoicesToCredit(store.id, settings.creditStates, {
      afterId,
      limit: pageSize,
    });
    if (invoices.length === 0) return;
    afterId = invoices.at(-1)?.id ?? afterId;
    const now = ctx.now();
    await ctx.commit(async (tx, tally) => {
      for (const invoice of invoices) {
        // The order's refunds (slips) already credited part of it: the cancellation credits the rest.
        const earlier = await tx.accounting.creditNotesOf(invoice.id);
        const rest = remainderToCredit(invoice, earlier);
        if (rest.lines.length === 0 && Decimal.from(rest.totalTaxIncl).isZero()) {
          tally.unchanged();
          continue;
        }
        const { created } = await tx.accounting.issueDocument({
          storeId: store.id,
          kind: 'credit_note',
          sourceKey: `order:${invoice.orderId ?? `invoice-${invoice.id}`}:credit-note`,
          orderId: invoice.orderId,
          creditedInvoiceId: invoice.id,
          prefix: settings.creditNotePrefix,
          currency: invoice.currency,
          issuedAt: now,
          // A paid invoice's credit note is refunded when it is issued.
          paidAt: invoice.paidAt === null ? null : now.toISOString(),
          paymentMethod: invoice.paymentMethod,
          paymentLabel: invoice.paymentLabel,
          ...rest,
          lines: rest.lines.length > 0 ? rest.lines : [totalsOnlyLine(invoice, rest)],
        });
        if (created) tally.created();
        else tally.unchanged();
      }
    });
  }
}

/**
 * The one line of a cancellation whose lines the refunds all credited while a total is left (a
 * rounding the store made on the total): a document needs a line, and this one carries the rest.
 */
function totalsOnlyLine(
  invoice: Invoice,
  rest: { totalTaxExcl: string; totalTax: string },
): {
  description: string;
  quantity: number;
  unitPriceTaxExcl: string;
  taxRate: string;
  totalTaxExcl: string;
  totalTax: string;
  kind: string;
} {
  return {
    description: `Rest of invoice ${invoice.number}`,
    quantity: 0,
    unitPriceTaxExcl: '0',
    taxRate: invoice.taxes[0]?.rate ?? '0',
    totalTaxExcl: rest.totalTaxExcl,
    totalTax: rest.totalTax,
    kind: 'product',
  };
}

/** Where the refunds (order slips) were read up to: every slip up to `lastId` has its credit note. */
const SLIPS_WATERMARK = `${INVOICE_ORDERS}:order-slips`;

/**
 * Credit notes for the store's refunds: each `order_slip` (a partial or full refund recorded in the
 * back office) of an invoiced order gets one credit note with the slip's lines, shipping and amounts
 * (see {@link draftSlipCreditNote}), dated on the slip's date. Slips are read in bulk by id after a
 * watermark that stops before the first slip whose order is not invoiced yet: that slip, and any
 * later one read again, is issued once the invoice exists (each slip is issued once, by its key).
 * A slip of an order whose cancellation was already credited in full is not issued again.
 */
async function issueSlipCreditNotes(
  ctx: FeedContext,
  lookups: StoreLookups,
  pageSize: number,
): Promise<void> {
  const { hub, store, client } = ctx;
  const settings = store.settings.invoices;
  let lastId = markNumber((await hub.watermarks.get(store.id, SLIPS_WATERMARK))?.value, 'lastId');
  let waiting = false;
  for await (const page of client.iterate('order_slip', { display: 'full' }, { pageSize, afterId: lastId })) {
    ctx.throwIfStopped();
    const slips = page.map((record) => ({ record, read: readSlip(record) }));
    const externalIds = [
      ...new Set(slips.flatMap(({ read }) => (read.ok ? [read.slip.orderExternalId] : []))),
    ];
    const bound = await hub.bindings.resolve(store.id, 'orders', externalIds);
    const invoices = new Map<string, Invoice>();
    for (const externalId of externalIds) {
      const orderId = bound.get(externalId)?.localId;
      if (orderId === undefined) continue;
      const invoice = await hub.accounting.findInvoiceBySourceKey(`order:${orderId}:invoice`);
      if (invoice !== undefined) invoices.set(externalId, invoice);
    }
    const detailIds = await readDetailIds(client, [...invoices.keys()]);
    await ctx.commit(async (tx, tally) => {
      for (const { record, read } of slips) {
        if (!read.ok) {
          tally.failed(`order slip ${record.id}`, `the store's slip cannot be read: ${read.problem}`);
          if (!waiting) lastId = record.id;
          continue;
        }
        const slip = read.slip;
        const invoice = invoices.get(slip.orderExternalId);
        const rows = detailIds.get(slip.orderExternalId);
        if (invoice === undefined || invoice.orderId === null || rows === undefined) {
          tally.skipped(
            `order slip ${slip.id}`,
            `order ${slip.orderExternalId} is not invoiced yet: its refund's credit note waits for the invoice`,
          );
          waiting = true;
          continue;
        }
        const sourceKey = `order:${invoice.orderId}:slip:${slip.id}`;
        const cancelled = await tx.accounting.findInvoiceBySourceKey(`order:${invoice.orderId}:credit-note`);
        if (
          cancelled !== undefined &&
          (await tx.accounting.findInvoiceBySourceKey(sourceKey)) === undefined
        ) {
          tally.skipped(
            `order slip ${slip.id}`,
            `credit note ${cancelled.number} already credited order ${slip.orderExternalId}'s cancellation in full`,
          );
          if (!waiting) lastId = slip.id;
          continue;
        }
        const draft = draftSlipCreditNote(
          slip,
          { invoice, detailIds: rows, places: lookups.places.get(invoice.currency) ?? 2 },
          lookups.rates,
        );
        if (draft.lines.length === 0) {
          // A slip of an amount chosen by hand, with no product and no shipping: nothing says what it credits.
          tally.failed(
            `order slip ${slip.id}`,
            `it refunds no product and no shipping line (order ${slip.orderExternalId}): credit it by hand`,
          );
          if (!waiting) lastId = slip.id;
          continue;
        }
        const issuedAt = new Date(
          storeLocalToInstant(slip.dateAdd, store.timeZone) ?? ctx.now().toISOString(),
        );
        const { invoice: note, created } = await tx.accounting.issueDocument({
          storeId: store.id,
          kind: 'credit_note',
          sourceKey,
          orderId: invoice.orderId,
          creditedInvoiceId: invoice.id,
          prefix: settings.creditNotePrefix,
          currency: invoice.currency,
          issuedAt,
          // A paid invoice's refund is paid back on the slip's date.
          paidAt: invoice.paidAt === null ? null : issuedAt.toISOString(),
          paymentMethod: invoice.paymentMethod,
          paymentLabel: invoice.paymentLabel,
          ...draftAmounts(draft),
        });
        if (created) tally.created();
        else tally.unchanged();
        if (created && draft.problems.length > 0) {
          ctx.notice({
            kind: Decimal.from(draft.totalsDifference).isZero()
              ? 'invoice-tax-rate'
              : 'invoice-total-difference',
            key: `slip-${slip.id}`,
            message: `Credit note ${note.number} of order slip ${slip.id} (order ${slip.orderExternalId}): ${draft.problems.join('; ')}. The credit note keeps the slip's amounts; check it by hand.`,
          });
        }
        if (created) reportLaterDate(ctx, note, issuedAt.toISOString());
        if (!waiting) lastId = slip.id;
      }
      await tx.watermarks.set(store.id, SLIPS_WATERMARK, { lastId });
    });
    await ctx.progress({ done: page.length, increment: true });
  }
}

/** The store's order detail ids of each order's product lines with a quantity, in one request per page. */
async function readDetailIds(
  client: PrestaShopClient,
  externalIds: readonly string[],
): Promise<Map<string, string[]>> {
  const ids = externalIds
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0)
    .sort((a, b) => a - b);
  const result = new Map<string, string[]>();
  if (ids.length === 0) return result;
  const orders = await client.list('orders', { display: 'full', filter: { id: filter.oneOf(ids) } });
  for (const order of orders) {
    result.set(
      String(order.id),
      (order.associations?.order_rows ?? [])
        .filter((row) => Number(row.product_quantity) !== 0)
        .map((row) => String(row.id)),
    );
  }
  return result;
}

/**
 * Each line with its account's name from the accounts master data (FEC `CompteLib`); an account the
 * hub lacks keeps no name, and the export names it by its class of the French chart.
 */
function named<L extends { readonly account: string }>(
  lines: readonly L[],
  names: ReadonlyMap<string, string>,
): L[] {
  return lines.map((line) => {
    const name = names.get(line.account);
    return name === undefined ? line : { ...line, accountLabel: name };
  });
}

async function postEntries(ctx: FeedContext, accounts: JournalAccounts, pageSize: number): Promise<void> {
  const { hub, store } = ctx;
  const names = new Map(
    (await hub.masterData.list('accounts')).map((account) => [account.code, account.name]),
  );
  let afterId = 0;
  for (;;) {
    ctx.throwIfStopped();
    const page = await hub.accounting.invoicesWithoutEntries(store.id, { afterId, limit: pageSize });
    if (page.length === 0) return;
    afterId = page.at(-1)?.invoice.id ?? afterId;
    await ctx.commit(async (tx, tally) => {
      for (const { invoice, customerId, customerName } of page) {
        const customer = { id: customerId, name: customerName };
        if (Decimal.from(invoice.totalTaxIncl).isZero()) {
          tally.skipped(invoice.number, 'its total is zero: no journal entry');
          continue;
        }
        const label = invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice';
        const sale = await tx.accounting.postJournalEntry({
          storeId: store.id,
          journalCode: accounts.salesJournal,
          sourceKey: `invoice:${invoice.id}:sale`,
          date: storeDay(store, invoice.issuedAt),
          reference: invoice.number,
          description: `${label} ${invoice.number}`,
          invoiceId: invoice.id,
          orderId: invoice.orderId,
          lines: named(saleEntryLines(invoice, accounts, customer), names),
        });
        if (sale.created) tally.created();
        if (invoice.paidAt === null) continue;
        const payment = paymentEntryLines(invoice, accounts, customer);
        if (!payment.ok) {
          tally.failed(invoice.number, payment.problem);
          continue;
        }
        const posted = await tx.accounting.postJournalEntry({
          storeId: store.id,
          journalCode: accounts.bankJournal,
          sourceKey: `invoice:${invoice.id}:payment`,
          date: storeDay(store, invoice.paidAt),
          reference: invoice.number,
          description: `${invoice.kind === 'credit_note' ? 'Refund' : 'Payment'} ${invoice.number}`,
          invoiceId: invoice.id,
          orderId: invoice.orderId,
          lines: named(payment.lines, names),
        });
        if (posted.created) tally.created();
      }
    });
  }
}
