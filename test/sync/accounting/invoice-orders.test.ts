import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import { Decimal, type Hub, type Invoice, type Store } from '../../../src/hub/index.js';
import {
  FEC_COLUMNS,
  formatFec,
  INVOICE_ORDERS,
  invoiceOrdersFeed,
  renderInvoicePdf,
  validateFec,
} from '../../../src/sync/accounting/index.js';
import { importOrdersFeed, updateOrdersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, runFeed } from '../orders/support/order-harness.js';

const PAID_STATES = [2, 3, 4, 5, 9, 11];

/** The accounts the journal settings name, by number, with their names (FEC CompteLib). */
const ACCOUNT_NAMES: Readonly<Record<string, string>> = {
  '411000': 'Customers',
  '707000': 'Sales of goods',
  '445710': 'VAT collected',
  '445715': 'VAT collected 5.5%',
  '512000': 'Bank',
  '511200': 'Checks to cash',
};

async function allInvoices(hub: Hub, storeId: number): Promise<Invoice[]> {
  const summaries = await hub.accounting.listInvoices({ storeId, limit: 10_000 });
  return Promise.all(summaries.map((summary) => hub.accounting.getInvoice(summary.id)));
}

/**
 * The sequence numbers of `<prefix><year>-<sequence>` numbers by year, each year's in issue order: a
 * gapless numbering has 1..n for every year.
 */
function sequencesByYear(numbers: readonly string[], prefix: string): Map<string, number[]> {
  const years = new Map<string, number[]>();
  for (const number of numbers) {
    const match = new RegExp(`^${prefix}(\\d{4})-(\\d{6})$`).exec(number);
    if (!match) throw new Error(`${number} is not a ${prefix} number`);
    const year = years.get(match[1]!) ?? [];
    year.push(Number(match[2]));
    years.set(match[1]!, year);
  }
  return years;
}

function expectGapless(numbers: readonly string[], prefix: string): void {
  const years = sequencesByYear(numbers, prefix);
  expect(years.size).toBeGreaterThan(0);
  for (const [year, sequence] of years) {
    expect(sequence, `${prefix}${year}`).toEqual(sequence.map((_, index) => index + 1));
  }
}

describeEachEngine('invoice-orders on the demo store', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' });
    hub = await engine.openHub();
    await hub.masterData.upsert('paymentMethods', [
      { code: 'CHECK', name: 'Check' },
      { code: 'WIRE', name: 'Wire transfer' },
    ]);
    await hub.masterData.upsert('accounts', [
      { code: '411000', name: 'Customers', kind: 'ledger' },
      { code: '707000', name: 'Sales of goods', kind: 'ledger' },
      { code: '445710', name: 'VAT collected', kind: 'ledger' },
      { code: '512000', name: 'Bank', kind: 'bank' },
      { code: '511200', name: 'Checks to cash', kind: 'bank' },
      { code: '445715', name: 'VAT collected 5.5%', kind: 'ledger' },
    ]);
    store = await addEmulatorStore(hub, emulator, 'demo', {
      invoices: { enabled: true },
      payments: { ps_checkpayment: 'CHECK', ps_wirepayment: 'WIRE' },
      journal: {
        enabled: true,
        receivableAccount: '411000',
        salesAccount: '707000',
        taxAccount: '445710',
        bankAccount: '512000',
        paymentAccounts: { CHECK: '511200' },
        taxAccounts: { '5,5': '445715' },
      },
    });
    const imported = await runFeed(hub, importOrdersFeed, store);
    expect(imported.report.status).toBe('succeeded');
  }, 120_000);
  afterAll(async () => emulator.close());

  it('invoices every paid order once, to the cent of the store totals, in every rounding case', async () => {
    const { report } = await runFeed(hub, invoiceOrdersFeed, store);
    expect(report.status).toBe('succeeded');
    const invoices = (await allInvoices(hub, store.id)).filter((invoice) => invoice.kind === 'invoice');

    // Exactly the orders whose history reached a paid state.
    const paidOrders = new Set<number>();
    const firstPaid = new Map<number, string>();
    for (const summary of await hub.orders.list({ storeId: store.id, limit: 10_000 })) {
      const order = await hub.orders.get(summary.id);
      const paid = order.stateHistory
        .filter((entry) => PAID_STATES.includes(entry.stateId))
        .map((entry) => entry.changedAt)
        .sort((a, b) => Date.parse(a) - Date.parse(b));
      if (paid[0] !== undefined) {
        paidOrders.add(order.id);
        firstPaid.set(order.id, new Date(paid[0]).toISOString());
      }
    }
    expect(paidOrders.size).toBeGreaterThan(100);
    expect(new Set(invoices.map((invoice) => invoice.orderId))).toEqual(paidOrders);
    expect(invoices).toHaveLength(paidOrders.size);

    // Totals equal the store's: no difference anywhere.
    const off = invoices.filter(
      (invoice) =>
        invoice.totalTaxIncl !== invoice.storeTotalTaxIncl ||
        invoice.totalTaxExcl !== invoice.storeTotalTaxExcl ||
        !Decimal.from(invoice.totalsDifference ?? 'x').isZero(),
    );
    expect(off.map((invoice) => invoice.number)).toEqual([]);

    // The cases where the store's per-item rounding differs from rate × base are among them, and the
    // invoice keeps the store's tax there: a recomputation would be a cent off.
    const recomputedOff = invoices.filter((invoice) =>
      invoice.taxes.some(
        (tax) => !Decimal.from(tax.base).mul(tax.rate).div(100, 2, 'half-up').eq(tax.amount),
      ),
    );
    expect(recomputedOff.length).toBeGreaterThan(0);
    const rates = new Set(invoices.flatMap((invoice) => invoice.taxes.map((tax) => tax.rate)));
    expect([...rates].map((rate) => Decimal.from(rate).toString()).sort()).toEqual(
      expect.arrayContaining(['20', '5.5']),
    );
    // Lines with quantity > 1: per-item rounding × quantity.
    expect(invoices.some((invoice) => invoice.lines.some((line) => line.quantity > 1))).toBe(true);
    // Each invoice's taxes add up to its lines' taxes, its total to its taxes and bases.
    for (const invoice of invoices) {
      expect(Decimal.sum(invoice.taxes.map((tax) => tax.amount)).eq(invoice.totalTax), invoice.number).toBe(
        true,
      );
      expect(
        Decimal.sum(invoice.lines.map((line) => line.totalTax)).eq(invoice.totalTax),
        invoice.number,
      ).toBe(true);
    }

    // Dated when the order first reached a paid state in the store (not the run's date), numbered
    // 1..n in issue order, which is the order of those dates, and paid with their payment method.
    const misdated = invoices.filter((invoice) => invoice.issuedAt !== firstPaid.get(invoice.orderId!));
    expect(misdated.map((invoice) => invoice.number)).toEqual([]);
    expect(new Set(invoices.map((invoice) => invoice.issuedAt.slice(0, 7))).size).toBeGreaterThan(1);
    const numbers = invoices.map((invoice) => invoice.number);
    expectGapless(numbers, 'INV-');
    // The demo orders span several years: each year's sequence starts again at 1.
    expect(sequencesByYear(numbers, 'INV-').size).toBeGreaterThan(1);
    const dates = invoices.map((invoice) => Date.parse(invoice.issuedAt));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(report.notices.filter((notice) => notice.kind === 'invoice-dated-later')).toEqual([]);
    expect(invoices.every((invoice) => invoice.paidAt !== null)).toBe(true);
    expect(new Set(invoices.map((invoice) => invoice.paymentMethod))).toEqual(
      expect.objectContaining({ size: expect.any(Number) as number }),
    );
    expect(invoices.some((invoice) => invoice.paymentMethod === 'CHECK')).toBe(true);
  }, 120_000);

  it('issues nothing twice when run again', async () => {
    const before = await hub.accounting.listInvoices({ storeId: store.id, limit: 10_000 });
    const entriesBefore = await hub.accounting.journalEntries({ storeId: store.id, limit: 100_000 });
    const { report } = await runFeed(hub, invoiceOrdersFeed, store);
    expect(report.status).toBe('succeeded');
    expect(report.counts.created).toBe(0);
    expect(await hub.accounting.listInvoices({ storeId: store.id, limit: 10_000 })).toEqual(before);
    expect(await hub.accounting.journalEntries({ storeId: store.id, limit: 100_000 })).toHaveLength(
      entriesBefore.length,
    );
  });

  it('writes balanced sale and payment entries for every invoice, on the configured accounts', async () => {
    const invoices = await hub.accounting.listInvoices({ storeId: store.id, limit: 10_000 });
    const entries = await hub.accounting.journalEntries({ storeId: store.id, limit: 100_000 });
    for (const entry of entries) {
      const debit = Decimal.sum(entry.lines.map((line) => line.debit));
      const credit = Decimal.sum(entry.lines.map((line) => line.credit));
      expect(debit.eq(credit), `${entry.entryNumber} ${debit.toString()} ≠ ${credit.toString()}`).toBe(true);
    }
    for (const invoice of invoices) {
      const own = entries.filter((entry) => entry.invoiceId === invoice.id);
      const sale = own.find((entry) => entry.journalCode === 'VE');
      const payment = own.find((entry) => entry.journalCode === 'BQ');
      expect(sale, invoice.number).toBeDefined();
      expect(payment, invoice.number).toBeDefined();
      // An invoice debits the customer and the bank; its credit note (negative) credits them.
      const side = invoice.kind === 'invoice' ? 'debit' : 'credit';
      const total = Decimal.from(invoice.totalTaxIncl).abs().toFixed(6);
      const receivable = sale!.lines.find((line) => line.account === '411000');
      expect(receivable?.[side], invoice.number).toBe(total);
      const bank = payment!.lines.find((line) => line[side] !== '0.000000');
      expect(bank?.account).toBe(invoice.paymentMethod === 'CHECK' ? '511200' : '512000');
    }
    const accounts = new Set(entries.flatMap((entry) => entry.lines.map((line) => line.account)));
    expect([...accounts].sort()).toEqual(
      expect.arrayContaining(['411000', '445710', '445715', '511200', '512000', '707000']),
    );
    const saleNumbers = entries
      .filter((entry) => entry.journalCode === 'VE')
      .map((entry) => entry.entryNumber!);
    expectGapless(saleNumbers, 'VE');
  });

  it('answers a cancellation after invoicing with a credit note, never an edited invoice', async () => {
    let productId = 1;
    while ((emulator.store.get('products', productId)?.associations.combinations ?? []).length > 0)
      productId += 1;
    const placed = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId, quantity: 3 }],
      stateId: 2,
    });
    await runFeed(hub, importOrdersFeed, store);
    await runFeed(hub, invoiceOrdersFeed, store);
    const order = (await hub.orders.findByExternalId(store.id, placed.order.id))!;
    const invoice = (await hub.accounting.findInvoiceBySourceKey(`order:${order.id}:invoice`))!;
    expect(invoice.totalTaxIncl).toBe(Decimal.from(order.totals.paidTaxIncl).toFixed(6));

    emulator.store.cancelOrder(placed.order.id);
    await runFeed(hub, updateOrdersFeed, store);
    const { report } = await runFeed(hub, invoiceOrdersFeed, store);
    expect(report.feed).toBe(INVOICE_ORDERS);

    expect(await hub.accounting.getInvoice(invoice.id)).toEqual(invoice);
    const credit = (await hub.accounting.findInvoiceBySourceKey(`order:${order.id}:credit-note`))!;
    expect(credit).toMatchObject({
      kind: 'credit_note',
      creditedInvoiceId: invoice.id,
      orderId: order.id,
      totalTaxIncl: Decimal.from(invoice.totalTaxIncl).neg().toFixed(6),
      totalTaxExcl: Decimal.from(invoice.totalTaxExcl).neg().toFixed(6),
    });
    expect(credit.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(credit.lines.map((line) => line.quantity)).toEqual(invoice.lines.map((line) => -line.quantity));
    // The reversal and the refund are in the journal, balanced.
    const entries = await hub.accounting.journalEntries({ invoiceId: credit.id, limit: 10 });
    expect(entries.map((entry) => entry.journalCode).sort()).toEqual(['BQ', 'VE']);
    const sale = entries.find((entry) => entry.journalCode === 'VE')!;
    expect(sale.lines.find((line) => line.account === '411000')?.credit).toBe(
      Decimal.from(invoice.totalTaxIncl).toFixed(6),
    );
    // A second run issues no second credit note.
    await runFeed(hub, invoiceOrdersFeed, store);
    expect(await hub.accounting.listInvoices({ orderId: order.id })).toHaveLength(2);
    // Credit notes (the demo store's own cancelled paid orders among them) have their own gapless sequence.
    const credits = await hub.accounting.listInvoices({
      storeId: store.id,
      kind: 'credit_note',
      limit: 10_000,
    });
    expect(credits.length).toBeGreaterThan(1);
    const numbers = credits.map((note) => note.number);
    expectGapless(numbers, 'CN-');
  });

  it("flags an order whose store total the lines do not make (gift wrapping), keeping the store's figure", async () => {
    let productId = 1;
    while ((emulator.store.get('products', productId)?.associations.combinations ?? []).length > 0)
      productId += 1;
    const placed = emulator.store.placeOrder({
      customerId: 3,
      lines: [{ productId, quantity: 1 }],
      stateId: 2,
    });
    const values = placed.order.values;
    const plus = (field: string, amount: string) =>
      Decimal.from(textOf(values[field])).add(amount).toFixed(6);
    emulator.store.update('orders', placed.order.id, {
      total_wrapping: '2.400000',
      total_wrapping_tax_incl: '2.400000',
      total_wrapping_tax_excl: '2.000000',
      total_paid: plus('total_paid', '2.40'),
      total_paid_tax_incl: plus('total_paid_tax_incl', '2.40'),
      total_paid_tax_excl: plus('total_paid_tax_excl', '2.00'),
    });
    await runFeed(hub, importOrdersFeed, store);
    const { report } = await runFeed(hub, invoiceOrdersFeed, store);
    const order = (await hub.orders.findByExternalId(store.id, placed.order.id))!;
    const invoice = (await hub.accounting.findInvoiceBySourceKey(`order:${order.id}:invoice`))!;
    expect(invoice.totalsDifference).toBe('-2.400000');
    expect(invoice.storeTotalTaxIncl).toBe(Decimal.from(order.totals.paidTaxIncl).toFixed(6));
    expect(Decimal.from(invoice.totalTaxIncl).add('2.40').eq(order.totals.paidTaxIncl)).toBe(true);
    expect(report.notices).toEqual([
      expect.objectContaining({
        kind: 'invoice-total-difference',
        message: expect.stringContaining(`Invoice ${invoice.number}`) as string,
      }),
    ]);
    expect(
      (await hub.accounting.listInvoices({ storeId: store.id, differences: true })).map((i) => i.id),
    ).toEqual([invoice.id]);
    // Its journal entry still balances: the receivable is the invoice's total, not the store's.
    const [sale] = await hub.accounting.journalEntries({ invoiceId: invoice.id, journalCode: 'VE' });
    expect(sale!.lines.find((line) => line.account === '411000')?.debit).toBe(invoice.totalTaxIncl);
  });

  it('exports the journal as a FEC file that passes the layout rules, for a date range', async () => {
    const entries = await hub.accounting.journalEntries({ storeId: store.id, limit: 100_000 });
    const days = [...new Set(entries.map((entry) => entry.date))].sort();
    const from = days[Math.floor(days.length / 3)]!;
    const to = days[Math.floor((2 * days.length) / 3)]!;
    const inRange = await hub.accounting.journalEntries({ storeId: store.id, from, to, limit: 100_000 });
    expect(inRange.length).toBeGreaterThan(0);
    expect(inRange.every((entry) => entry.date >= from && entry.date <= to)).toBe(true);
    for (const separator of ['\t', '|'] as const) {
      const fec = formatFec(inRange, { separator, timeZone: store.timeZone });
      expect(validateFec(fec)).toEqual([]);
      const lines = fec.trimEnd().split('\r\n');
      expect(lines[0]).toBe(FEC_COLUMNS.join(separator));
      expect(lines).toHaveLength(1 + inRange.reduce((sum, entry) => sum + entry.lines.length, 0));
      const first = lines[1]!.split(separator);
      expect(first[3]).toMatch(/^\d{8}$/);
      expect(first[11]).toMatch(/^\d+,\d{2}$/);
      // CompteLib is the account's name in the accounts master data.
      const named = new Map(
        lines.slice(1).map((line) => line.split(separator).slice(4, 6) as [string, string]),
      );
      expect(named.get('411000')).toBe('Customers');
      for (const [account, name] of named) expect(name, account).toBe(ACCOUNT_NAMES[account]);
    }
  });

  it('renders an invoice and a credit note as PDF with DejaVu Sans embedded', async () => {
    const [credit] = await hub.accounting.listInvoices({ storeId: store.id, kind: 'credit_note', limit: 1 });
    const note = await hub.accounting.getInvoice(credit!.id);
    const invoice = await hub.accounting.getInvoice(note.creditedInvoiceId!);
    const order = await hub.orders.get(invoice.orderId!);
    for (const document of [invoice, note]) {
      const pdf = await renderInvoicePdf(document, {
        seller: 'Demo shop',
        billingAddress: order.billingAddress,
        orderReference: order.reference,
        creditedNumber: document === note ? invoice.number : null,
        timeZone: store.timeZone,
      });
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(text).toContain('/FontFile2');
      expect(text).not.toContain('Helvetica');
      expect(text).toContain(
        `(${document.kind === 'invoice' ? 'Invoice' : 'Credit note'} ${document.number})`,
      );
    }
  });
});
