/**
 * The accounting screens in a real browser against `serve` and the emulator, on SQLite and
 * PostgreSQL: an order paid in the store gets its invoice once the order feeds and invoice-orders
 * have run; the invoice, its PDF and its journal entries show in the console; the month exports as
 * CSV and FEC (downloaded, then read).
 */
import { readFileSync } from 'node:fs';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { validateFec } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, runFeedThroughApi, signInAs, startConsole } from './console-harness.js';

describe.skipIf(browserProblem !== undefined)('accounting in a browser', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('accounting', (engine) => {
    let hub: ConsoleUnderTest;
    let context: BrowserContext;
    let page: Page;
    /** The invoice of the order paid in the test. */
    let invoiceNumber = '';
    const shoot = (name: string, options?: { fullPage?: boolean }): Promise<void> =>
      engine.kind === 'sqlite' ? screenshot(page, name, options) : Promise.resolve();
    const open = (path: string): Promise<unknown> => page.goto(`${hub.url}/#${path}`);
    const today = (): string => new Date().toISOString().slice(0, 10);

    beforeAll(async () => {
      hub = await startConsole(engine);
      await hub.hub.masterData.upsert('accounts', [
        { code: '411000', name: 'Customers', kind: 'ledger' },
        { code: '707000', name: 'Sales of goods', kind: 'ledger' },
        { code: '445710', name: 'VAT collected', kind: 'ledger' },
        { code: '512000', name: 'Bank', kind: 'bank' },
      ]);
      await addEmulatorStore(hub.hub, hub.emulator, 'shop', {
        invoices: { enabled: true },
        journal: {
          enabled: true,
          receivableAccount: '411000',
          salesAccount: '707000',
          taxAccount: '445710',
          bankAccount: '512000',
        },
      });
      expect(await runFeedThroughApi(hub, 'shop', 'import-orders')).toBe('succeeded');
      context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signInAs(page, hub.url, 'ana');
    }, 120_000);
    afterAll(async () => {
      await context?.close();
      await hub?.close();
    });
    beforeEach((test) => {
      onTestFailed(() => screenshot(page, `failed-${engine.kind}-${test.task.name.slice(0, 40)}`));
    });

    it('shows the invoice of an order once it is paid, with its lines, taxes and PDF', async () => {
      // An order awaiting a wire transfer: imported, not invoiced.
      const placed = hub.emulator.store.placeOrder({
        customerId: 1,
        lines: [{ productId: 1, quantity: 2 }],
        paymentModule: 'ps_wirepayment',
      });
      expect(await runFeedThroughApi(hub, 'shop', 'import-orders')).toBe('succeeded');
      expect(await runFeedThroughApi(hub, 'shop', 'invoice-orders')).toBe('succeeded');
      const store = await hub.hub.stores.get('shop');
      const orders = await hub.hub.orders.list({ storeId: store.id, limit: 10_000 });
      const order = orders.find((candidate) => candidate.externalId === String(placed.order.id));
      expect(order, 'the placed order is imported').toBeDefined();
      const invoiceOf = async () =>
        (await hub.hub.accounting.listInvoices({ storeId: store.id, limit: 10_000 })).find(
          (invoice) => invoice.orderId === order!.id && invoice.kind === 'invoice',
        );
      expect(await invoiceOf()).toBeUndefined();

      // Paid in the store: the next update and invoice runs invoice it.
      hub.emulator.store.payOrder(placed.order.id);
      expect(await runFeedThroughApi(hub, 'shop', 'update-orders')).toBe('succeeded');
      expect(await runFeedThroughApi(hub, 'shop', 'invoice-orders')).toBe('succeeded');
      const invoice = await invoiceOf();
      expect(invoice).toBeDefined();
      invoiceNumber = invoice!.number;

      await open('/accounting/invoices');
      const filters = page.getByRole('form', { name: 'Filter invoices' });
      await filters.getByLabel('Store').selectOption('shop');
      await filters.getByLabel('Documents').selectOption('invoice');
      await filters.getByLabel('From').fill(today());
      await filters.getByLabel('To', { exact: true }).fill(today());
      await filters.getByRole('button', { name: 'Show' }).click();
      const link = page.getByRole('link', { name: invoiceNumber, exact: true });
      await link.waitFor();
      await shoot('accounting-invoices');
      await link.click();
      await page.getByRole('heading', { name: invoiceNumber }).waitFor();
      const lines = page.getByRole('table', { name: 'Lines' });
      expect(await lines.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(
        await page.getByRole('table', { name: 'Taxes per rate' }).locator('tbody tr').count(),
      ).toBeGreaterThan(0);
      expect(await page.locator('main').textContent()).toContain(invoice!.totalTaxIncl.replace(/0+$/, ''));
      await shoot('accounting-invoice');

      // The PDF, with the session's cookie, as the link opens it.
      const href = await page.getByRole('link', { name: 'Open the PDF' }).getAttribute('href');
      const pdf = await page.request.get(`${hub.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('shows the journal entries of the invoice, each balanced', async () => {
      await open('/accounting/journal');
      const filters = page.getByRole('form', { name: 'Filter journal entries' });
      await filters.getByLabel('Store').selectOption('shop');
      await filters.getByLabel('From').fill(today());
      await filters.getByLabel('To', { exact: true }).fill(today());
      await filters.getByRole('button', { name: 'Show' }).click();
      await page.getByText(invoiceNumber).first().waitFor();
      const entries = page.locator('tbody[aria-label^="Entry"]');
      expect(await entries.count()).toBeGreaterThanOrEqual(2); // the sale and its payment
      for (const entry of await entries.all()) expect(await entry.textContent()).toContain('Balanced');
      expect(await page.locator('main').textContent()).toMatch(
        /Entries on this page: debit [\d.]+, credit [\d.]+ — balanced\./,
      );
      await shoot('accounting-journal');
    });

    it('exports the month: the invoices as CSV and the journal as FEC', async () => {
      await open('/accounting/export');
      const range = page.getByRole('form', { name: 'Export range' });
      await range.getByLabel('Store').selectOption('shop');
      await range.getByLabel('From').fill(`${today().slice(0, 8)}01`);
      await range.getByLabel('To', { exact: true }).fill(today());
      await shoot('accounting-export', { fullPage: false });

      const download = async (name: string): Promise<string> => {
        const [file] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name }).click(),
        ]);
        return readFileSync(await file.path(), 'utf8');
      };
      const csv = await download('Invoices (CSV)');
      expect(csv.split(/\r?\n/)[0]).toMatch(/number/i);
      expect(csv).toContain(invoiceNumber);

      const fec = await download('Journal (FEC)');
      expect(fec.split(/\r?\n/)[0]).toMatch(/^JournalCode\tJournalLib\tEcritureNum/);
      expect(fec).toContain(invoiceNumber);
      expect(validateFec(fec)).toEqual([]);

      const journalCsv = await download('Journal (CSV)');
      expect(journalCsv).toContain(invoiceNumber);
    });
  });
});
