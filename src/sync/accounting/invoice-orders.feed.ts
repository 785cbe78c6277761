import {
  Decimal,
  type Hub,
  instantToStoreLocal,
  type Invoice,
  type InvoiceCandidate,
  type InvoiceCursor,
  type Store,
} from '../../hub/index.js';
import { filter, type PrestaShopClient } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { Feed, FeedContext } from '../feed.js';
import { FeedPreconditionError } from '../feed-errors.js';
import type { StoreRounding } from '../orders/order-totals-check.js';
import { draftInvoice, type InvoiceDraft } from './invoice-draft.js';
import { type JournalAccounts, journalAccounts, paymentEntryLines, saleEntryLines } from './journal-draft.js';

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
 * 2. Credit notes: every invoiced order the store cancelled or refunded (hub status `cancelled`, or a
 *    state of `invoices.creditStates`) gets a credit note that reverses its invoice; an invoice is
 *    never edited.
 * 3. Journal entries (with `journal.enabled`): each invoice and credit note its sale entry, each paid
 *    one its payment (or refund) entry.
 *
 * Numbers come from gapless sequences per store, kind and year, taken in the transaction that writes
 * the document; each document and entry is issued once (its source key), so a run killed anywhere
 * resumes where it was: what is left to do is what has no document yet. No watermark is needed.
 */
export const invoiceOrdersFeed: Feed = {
  name: INVOICE_ORDERS,
  description:
    'Invoice imported orders that reached a paid state, credit notes for those the store cancelled or refunded, and their journal entries.',
  direction: 'import',
  cadence: 'frequency',
  needs: [
    { resource: 'orders', verb: 'GET' },
    { resource: 'taxes', verb: 'GET' },
    { resource: 'currencies', verb: 'GET' },
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
        const neg = (value: string | null): string | null =>
          value === null ? null : Decimal.from(value).neg().toString();
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
          lines: invoice.lines.map((line) => ({
            description: line.description,
            quantity: -line.quantity,
            unitPriceTaxExcl: line.unitPriceTaxExcl,
            taxRate: line.taxRate,
            totalTaxExcl: Decimal.from(line.totalTaxExcl).neg(),
            totalTax: Decimal.from(line.totalTax).neg(),
            kind: line.kind,
            familyCode: line.familyCode,
          })),
          taxes: invoice.taxes.map((tax) => ({
            rate: tax.rate,
            base: Decimal.from(tax.base).neg(),
            amount: Decimal.from(tax.amount).neg(),
          })),
          totalTaxExcl: Decimal.from(invoice.totalTaxExcl).neg(),
          totalTax: Decimal.from(invoice.totalTax).neg(),
          totalTaxIncl: Decimal.from(invoice.totalTaxIncl).neg(),
          storeTotalTaxExcl: neg(invoice.storeTotalTaxExcl),
          storeTotalTaxIncl: neg(invoice.storeTotalTaxIncl),
          totalsDifference: neg(invoice.totalsDifference),
        });
        if (created) tally.created();
        else tally.unchanged();
      }
    });
  }
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
