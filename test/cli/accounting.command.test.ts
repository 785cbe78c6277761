import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { invoiceOrdersFeed, validateFec } from '../../src/sync/index.js';
import { importOrdersFeed, updateOrdersFeed } from '../../src/sync/orders/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { addJournalAccounts, JOURNAL_SETTINGS } from '../support/journal-accounts.js';
import { type Emulator, runFeed } from '../sync/orders/support/order-harness.js';
import { runCli } from './hub-cli-harness.js';

describeEachEngine('prestabridge invoices and journal', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  let folder: string;
  const cli = (...args: string[]) => runCli(engine, args);

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'prestabridge-invoices-cli-'));
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
    const paid = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: 1, quantity: 2 }],
      stateId: 2,
    });
    const cancelled = emulator.store.placeOrder({
      customerId: 3,
      lines: [{ productId: 1, quantity: 1 }],
      stateId: 2,
    });
    await addJournalAccounts(hub);
    store = await addEmulatorStore(hub, emulator, 'shop', {
      importOrdersFromId: paid.order.id,
      invoices: { enabled: true },
      journal: JOURNAL_SETTINGS,
    });
    await runFeed(hub, importOrdersFeed, store);
    await runFeed(hub, invoiceOrdersFeed, store);
    emulator.store.cancelOrder(cancelled.order.id);
    await runFeed(hub, updateOrdersFeed, store);
    await runFeed(hub, invoiceOrdersFeed, store);
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists invoices and credit notes, and shows one with its lines and taxes', async () => {
    const list = await cli('invoices', 'list', '--store', 'shop');
    expect(list.code).toBe(0);
    const year = new Date().getFullYear();
    expect(list.out).toContain(`INV-${year}-000001`);
    expect(list.out).toContain(`INV-${year}-000002`);
    expect(list.out).toContain(`CN-${year}-000001`);
    const credits = JSON.parse(
      (await cli('invoices', 'list', '--kind', 'credit_note', '--json')).out,
    ) as Array<{
      number: string;
      creditedInvoiceId: number;
    }>;
    expect(credits.map((credit) => credit.number)).toEqual([`CN-${year}-000001`]);

    const show = await cli('invoices', 'show', `CN-${year}-000001`);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/kind\s+credit note of INV-\d{4}-00000\d/);
    expect(show.out).toContain('tax rate');
    expect(show.out).toMatch(/difference\s+none/);

    const missing = await cli('invoices', 'show', 'INV-1999-000001');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain("No invoice or credit note numbered 'INV-1999-000001'");
  });

  it('writes a PDF and exports the journal as FEC for a date range', async () => {
    const year = new Date().getFullYear();
    const file = join(folder, 'invoice.pdf');
    const pdf = await cli('invoices', 'pdf', `INV-${year}-000001`, '--output', file);
    expect(pdf.code).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    const today = new Date().toISOString().slice(0, 10);
    const fec = await cli('journal', 'export', '--store', 'shop', '--format', 'fec', '--separator', 'pipe');
    expect(fec.code).toBe(0);
    expect(validateFec(fec.out)).toEqual([]);
    expect(fec.out.split(/\r?\n/)[0]).toContain('JournalCode|JournalLib|EcritureNum');

    const none = await cli(
      'journal',
      'export',
      '--format',
      'fec',
      '--from',
      '2000-01-01',
      '--to',
      '2000-12-31',
    );
    expect(none.out.trimEnd().split(/\r?\n/)).toHaveLength(1);
    const csv = await cli('invoices', 'export', '--from', '2000-01-01', '--to', today);
    expect(csv.out.trimEnd().split(/\r?\n/)).toHaveLength(4);
    const bad = await cli('journal', 'export', '--from', '2026-02-30');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain("expected a date YYYY-MM-DD, got '2026-02-30'");
  });
});
