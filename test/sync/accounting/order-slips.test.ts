import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../../src/emulator/index.js';
import {
  Decimal,
  type Hub,
  instantToStoreLocal,
  type Invoice,
  type Store,
  storeLocalToInstant,
} from '../../../src/hub/index.js';
import { formatFec, invoiceOrdersFeed, validateFec } from '../../../src/sync/accounting/index.js';
import { importOrdersFeed, updateOrdersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { addJournalAccounts, JOURNAL_SETTINGS } from '../../support/journal-accounts.js';
import { runFeed } from '../orders/support/order-harness.js';

/** Products without combinations, so that an order line is one product. */
function simpleProducts(emulator: RunningEmulator, count: number): number[] {
  const found: number[] = [];
  for (let id = 1; found.length < count && id < 1000; id += 1) {
    const product = emulator.store.get('products', id);
    if (product !== undefined && (product.associations.combinations ?? []).length === 0) found.push(id);
  }
  return found;
}

async function creditNotesOf(hub: Hub, orderId: number): Promise<Invoice[]> {
  const listed = await hub.accounting.listInvoices({ orderId, kind: 'credit_note' });
  return Promise.all(listed.map((summary) => hub.accounting.getInvoice(summary.id)));
}

function expectBalanced(entries: Awaited<ReturnType<Hub['accounting']['journalEntries']>>): void {
  for (const entry of entries) {
    const debit = Decimal.sum(entry.lines.map((line) => line.debit));
    const credit = Decimal.sum(entry.lines.map((line) => line.credit));
    expect(debit.eq(credit), `${entry.entryNumber} ${debit.toString()} ≠ ${credit.toString()}`).toBe(true);
  }
}

describeEachEngine('invoice-orders: credit notes for the store refunds (order slips)', (engine) => {
  let emulator: RunningEmulator;
  let hub: Hub;
  let store: Store;
  let products: number[];

  /** Places a paid order (or one awaiting payment), imports it and runs the invoice feed. */
  async function placeAndInvoice(stateId = 2) {
    const placed = emulator.store.placeOrder({
      customerId: 2,
      lines: [
        { productId: products[0]!, quantity: 3 },
        { productId: products[1]!, quantity: 1 },
      ],
      stateId,
    });
    expect((await runFeed(hub, importOrdersFeed, store)).report.status).toBe('succeeded');
    expect((await runFeed(hub, invoiceOrdersFeed, store)).report.status).toBe('succeeded');
    const order = (await hub.orders.findByExternalId(store.id, placed.order.id))!;
    return { placed, order };
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
    await addJournalAccounts(hub);
    store = await addEmulatorStore(hub, emulator, 'refunds', {
      invoices: { enabled: true },
      journal: JOURNAL_SETTINGS,
    });
    products = simpleProducts(emulator, 2);
    expect(products).toHaveLength(2);
    expect((await runFeed(hub, importOrdersFeed, store)).report.status).toBe('succeeded');
  }, 120_000);
  afterAll(async () => emulator.close());

  it("credits a partial refund of one line once, with the slip's lines, taxes and total, the invoice untouched", async () => {
    const { placed, order } = await placeAndInvoice();
    const invoice = (await hub.accounting.findInvoiceBySourceKey(`order:${order.id}:invoice`))!;
    expect(invoice).toBeDefined();

    const slip = emulator.store.refundOrder(placed.order.id, {
      lines: [{ orderDetailId: placed.detailIds[0]!, quantity: 2 }],
    });
    const { report } = await runFeed(hub, invoiceOrdersFeed, store);
    expect(report.status).toBe('succeeded');

    expect(await hub.accounting.getInvoice(invoice.id)).toEqual(invoice);
    const notes = await creditNotesOf(hub, order.id);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.sourceKey).toBe(`order:${order.id}:slip:${slip.id}`);
    expect(note.creditedInvoiceId).toBe(invoice.id);
    const slipIncl = Decimal.from(textOf(slip.values.total_products_tax_incl));
    const slipExcl = Decimal.from(textOf(slip.values.total_products_tax_excl));
    expect(slipIncl.isZero()).toBe(false);
    expect(note.totalTaxIncl).toBe(slipIncl.neg().toFixed(6));
    expect(note.totalTaxExcl).toBe(slipExcl.neg().toFixed(6));
    expect(note.totalsDifference).toBe('0.000000');
    // One line: the refunded product, two of them, at the invoice line's rate.
    const invoiced = invoice.lines[0]!;
    expect(note.lines).toEqual([
      expect.objectContaining({
        description: invoiced.description,
        quantity: -2,
        taxRate: invoiced.taxRate,
        totalTaxExcl: slipExcl.neg().toFixed(6),
        totalTax: slipIncl.sub(slipExcl).neg().toFixed(6),
      }),
    ]);
    expect(note.taxes).toEqual([
      {
        rate: invoiced.taxRate,
        base: slipExcl.neg().toFixed(6),
        amount: slipIncl.sub(slipExcl).neg().toFixed(6),
      },
    ]);
    // Dated on the slip's date (store time), refunded then; a credit note issued earlier with a later
    // time that day keeps the numbers chronological, the day is the slip's.
    const slipAt = storeLocalToInstant(textOf(slip.values.date_add), store.timeZone)!;
    expect(note.paidAt).toBe(slipAt);
    expect(Date.parse(note.issuedAt)).toBeGreaterThanOrEqual(Date.parse(slipAt));
    expect(instantToStoreLocal(note.issuedAt, store.timeZone).slice(0, 10)).toBe(
      textOf(slip.values.date_add).slice(0, 10),
    );

    const entries = await hub.accounting.journalEntries({ invoiceId: note.id });
    expect(entries.map((entry) => entry.journalCode).sort()).toEqual(['BQ', 'VE']);
    expectBalanced(entries);
    const sale = entries.find((entry) => entry.journalCode === 'VE')!;
    expect(sale.lines.find((line) => line.account === '411000')?.credit).toBe(slipIncl.toFixed(6));

    // A second run issues nothing new.
    const before = await hub.accounting.listInvoices({ storeId: store.id, limit: 10_000 });
    const again = await runFeed(hub, invoiceOrdersFeed, store);
    expect(again.report.counts.created).toBe(0);
    expect(await hub.accounting.listInvoices({ storeId: store.id, limit: 10_000 })).toEqual(before);
  }, 60_000);

  it('credits refunded shipping with its own line, then a cancellation credits only the rest', async () => {
    const { placed, order } = await placeAndInvoice();
    const invoice = (await hub.accounting.findInvoiceBySourceKey(`order:${order.id}:invoice`))!;
    const shipping = invoice.lines.find((line) => line.kind === 'shipping');
    expect(shipping).toBeDefined();

    const first = emulator.store.refundOrder(placed.order.id, {
      lines: [{ orderDetailId: placed.detailIds[0]!, quantity: 1 }],
    });
    const second = emulator.store.refundOrder(placed.order.id, {
      lines: [{ orderDetailId: placed.detailIds[1]!, quantity: 1 }],
      shipping: true,
    });
    emulator.resetCounts();
    await runFeed(hub, invoiceOrdersFeed, store);
    // Read in bulk: one page of slips, and their orders' lines in one request — not a request per slip.
    const counts = emulator.requestCounts();
    expect(counts.order_slip?.GET).toBe(1);
    expect(counts.orders?.GET).toBe(1);
    const refunds = await creditNotesOf(hub, order.id);
    expect(refunds.map((note) => note.sourceKey)).toEqual([
      `order:${order.id}:slip:${first.id}`,
      `order:${order.id}:slip:${second.id}`,
    ]);
    const withShipping = refunds[1]!;
    const slipIncl = Decimal.from(textOf(second.values.total_products_tax_incl)).add(
      textOf(second.values.total_shipping_tax_incl),
    );
    expect(Decimal.from(textOf(second.values.total_shipping_tax_incl)).isZero()).toBe(false);
    expect(withShipping.totalTaxIncl).toBe(slipIncl.neg().toFixed(6));
    expect(withShipping.lines.map((line) => [line.kind, line.quantity])).toEqual([
      ['product', -1],
      ['shipping', -1],
    ]);
    const shippingLine = withShipping.lines[1]!;
    expect(shippingLine.taxRate).toBe(shipping!.taxRate);
    expect(shippingLine.totalTaxExcl).toBe(Decimal.from(shipping!.totalTaxExcl).neg().toFixed(6));
    expect(Decimal.sum(withShipping.taxes.map((tax) => tax.amount)).eq(withShipping.totalTax)).toBe(true);

    emulator.store.cancelOrder(placed.order.id);
    await runFeed(hub, updateOrdersFeed, store);
    await runFeed(hub, invoiceOrdersFeed, store);
    const notes = await creditNotesOf(hub, order.id);
    expect(notes).toHaveLength(3);
    const cancellation = notes.find((note) => note.sourceKey === `order:${order.id}:credit-note`)!;
    // What is left: the first line's two other items; not the shipping, not the second line.
    expect(cancellation.lines.map((line) => [line.kind, line.quantity])).toEqual([['product', -2]]);
    // All the order's credit notes together credit its invoice exactly, in total and per rate.
    const credited = Decimal.sum(notes.map((note) => note.totalTaxIncl));
    expect(credited.neg().eq(invoice.totalTaxIncl), `${credited.toString()} vs ${invoice.totalTaxIncl}`).toBe(
      true,
    );
    expect(
      Decimal.sum(notes.map((note) => note.totalTaxExcl))
        .neg()
        .eq(invoice.totalTaxExcl),
    ).toBe(true);
    for (const tax of invoice.taxes) {
      const same = notes.flatMap((note) =>
        note.taxes.filter((other) => Decimal.from(other.rate).eq(tax.rate)),
      );
      expect(
        Decimal.sum(same.map((other) => other.amount))
          .neg()
          .eq(tax.amount),
        tax.rate,
      ).toBe(true);
    }
    const entries = await hub.accounting.journalEntries({ invoiceId: cancellation.id });
    expect(entries).toHaveLength(2);
    expectBalanced(entries);
    // The store's whole journal, refunds included, makes a valid FEC file.
    const all = await hub.accounting.journalEntries({ storeId: store.id, limit: 100_000 });
    expectBalanced(all);
    expect(validateFec(formatFec(all, { separator: '\t', timeZone: store.timeZone }))).toEqual([]);
    // Run again: nothing new.
    expect((await runFeed(hub, invoiceOrdersFeed, store)).report.counts.created).toBe(0);
    expect(await creditNotesOf(hub, order.id)).toHaveLength(3);
  }, 60_000);

  it('keeps the refund of an order not invoiced yet waiting, and credits it once the invoice exists', async () => {
    const { placed, order } = await placeAndInvoice(1);
    expect(await hub.accounting.findInvoiceBySourceKey(`order:${order.id}:invoice`)).toBeUndefined();
    const slip = emulator.store.refundOrder(placed.order.id, {
      lines: [{ orderDetailId: placed.detailIds[1]!, quantity: 1 }],
    });
    const waiting = await runFeed(hub, invoiceOrdersFeed, store);
    expect(waiting.report.status).toBe('succeeded');
    expect(waiting.report.counts.skipped).toBeGreaterThan(0);
    expect(await creditNotesOf(hub, order.id)).toEqual([]);

    emulator.store.payOrder(placed.order.id);
    await runFeed(hub, updateOrdersFeed, store);
    await runFeed(hub, invoiceOrdersFeed, store);
    const invoice = (await hub.accounting.findInvoiceBySourceKey(`order:${order.id}:invoice`))!;
    expect(invoice).toBeDefined();
    const notes = await creditNotesOf(hub, order.id);
    expect(notes.map((note) => note.sourceKey)).toEqual([`order:${order.id}:slip:${slip.id}`]);
    expect(notes[0]!.totalTaxIncl).toBe(
      Decimal.from(textOf(slip.values.total_products_tax_incl)).neg().toFixed(6),
    );
    expectBalanced(await hub.accounting.journalEntries({ invoiceId: notes[0]!.id }));
  }, 60_000);
  it('does not credit twice a refund recorded after the whole order was credited for its cancellation', async () => {
    const { placed, order } = await placeAndInvoice();
    emulator.store.cancelOrder(placed.order.id);
    await runFeed(hub, updateOrdersFeed, store);
    await runFeed(hub, invoiceOrdersFeed, store);
    const [cancellation] = await creditNotesOf(hub, order.id);
    expect(cancellation?.sourceKey).toBe(`order:${order.id}:credit-note`);

    emulator.store.refundOrder(placed.order.id, {
      lines: [{ orderDetailId: placed.detailIds[0]!, quantity: 1 }],
    });
    const { report } = await runFeed(hub, invoiceOrdersFeed, store);
    expect(report.counts.created).toBe(0);
    expect(report.counts.skipped).toBe(1);
    expect(await creditNotesOf(hub, order.id)).toEqual([cancellation]);
  }, 60_000);
});
