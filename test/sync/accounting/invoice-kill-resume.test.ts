import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import { Decimal, type Hub, type Store } from '../../../src/hub/index.js';
import { FeedRunner } from '../../../src/jobs/index.js';
import { INVOICE_ORDERS, invoiceOrdersFeed } from '../../../src/sync/accounting/index.js';
import { importOrdersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { addJournalAccounts, JOURNAL_SETTINGS } from '../../support/journal-accounts.js';
import { CLOCK_STEP_MS, type FeedChild, killAt, spawnFeedChild } from '../../support/killable-feed.js';
import { type Emulator, runFeed } from '../orders/support/order-harness.js';

/**
 * invoice-orders killed with SIGKILL inside and between its transactions (pages of 10 orders), three
 * times, in a child process (test/support/killable-feed.ts) on the database the parent uses, then
 * resumed to the end: every paid order has exactly one invoice, the numbers run from 1 without a gap,
 * every journal entry balances and none is posted twice. On both engines: on PostgreSQL the killed
 * child's connection dies with it, and its open transaction (holding the sequence's row lock) is
 * rolled back by the server.
 */

const PAGE = 10;
const KILLS: ReadonlyArray<readonly ['tx-begin' | 'tx-end', number]> = [
  ['tx-begin', 2],
  ['tx-end', 3],
  ['tx-begin', 4],
];

describeEachEngine('invoice-orders killed and resumed', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  const children: FeedChild[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', sizes: { orders: 120 } });
    hub = await engine.openHub();
    await addJournalAccounts(hub);
    store = await addEmulatorStore(hub, emulator, 'killed', {
      invoices: { enabled: true },
      journal: JOURNAL_SETTINGS,
    });
    expect((await runFeed(hub, importOrdersFeed, store)).report.status).toBe('succeeded');
  }, 60_000);
  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await emulator.close();
  });

  it('issues every invoice once, numbered without a gap, after three SIGKILLs', async () => {
    const spawnChild = () => {
      const child = spawnFeedChild({
        databaseUrl: engine.databaseUrl(),
        store: store.name,
        feed: INVOICE_ORDERS,
        pageSize: PAGE,
      });
      children.push(child);
      return child;
    };
    let offset = 0;
    let next = spawnChild();
    for (const [point, count] of KILLS) {
      const current = next;
      await current.ready;
      next = spawnChild();
      offset += CLOCK_STEP_MS;
      await killAt(current, point, count, offset);
    }
    next.process.kill('SIGKILL');

    offset += CLOCK_STEP_MS;
    const clock = (): Date => new Date(Date.now() + offset);
    const resumed = await new FeedRunner({ hub: await engine.openHub({ clock }), clock }).run({
      feed: invoiceOrdersFeed,
      store,
      trigger: 'manual',
      options: { pageSize: PAGE },
    });
    expect(resumed.run.status).toBe('succeeded');

    const invoices = await hub.accounting.listInvoices({ storeId: store.id, kind: 'invoice', limit: 1000 });
    expect(invoices.length).toBeGreaterThan(3 * PAGE);
    expect(new Set(invoices.map((invoice) => invoice.orderId)).size).toBe(invoices.length);
    // Each year's sequence (the year of the invoice's date) runs from 1 without a gap.
    const byYear = new Map<string, number[]>();
    for (const invoice of invoices) {
      const [, year = '', value = ''] = /^INV-(\d{4})-(\d{6})$/.exec(invoice.number) ?? [];
      byYear.set(year, [...(byYear.get(year) ?? []), Number(value)]);
    }
    for (const [year, sequence] of byYear) {
      expect(
        sequence.sort((a, b) => a - b),
        year,
      ).toEqual(sequence.map((_, index) => index + 1));
    }
    // Dated when the order was paid, whichever run (each with its clock further ahead) issued them.
    for (const summary of invoices) {
      const order = await hub.orders.get(summary.orderId!);
      const paid = order.stateHistory
        .filter((entry) => store.settings.invoices.paidStates.includes(entry.stateId))
        .map((entry) => Date.parse(entry.changedAt));
      expect(Date.parse(summary.issuedAt), summary.number).toBe(Math.min(...paid));
    }
    const toInvoice = await hub.accounting.ordersToInvoice(store.id, store.settings.invoices.paidStates, {
      after: null,
      limit: 10,
    });
    expect(toInvoice).toEqual([]);

    const entries = await hub.accounting.journalEntries({ storeId: store.id, limit: 10_000 });
    expect(new Set(entries.map((entry) => entry.sourceKey)).size).toBe(entries.length);
    const documents = await hub.accounting.listInvoices({ storeId: store.id, limit: 1000 });
    expect(entries.filter((entry) => entry.journalCode === 'VE')).toHaveLength(documents.length);
    for (const entry of entries) {
      const debit = Decimal.sum(entry.lines.map((line) => line.debit));
      expect(debit.eq(Decimal.sum(entry.lines.map((line) => line.credit))), entry.entryNumber ?? '').toBe(
        true,
      );
    }
  }, 120_000);
});
