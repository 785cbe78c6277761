/**
 * Customers in a real browser (Debian's Chromium through playwright-core) against `serve` and the
 * emulated store, on SQLite and on PostgreSQL: customers imported with a plan, the list, one
 * customer with addresses, phones and orders, and the choice of their billing and delivery address.
 * Screenshots go to docs/console/ with `npm run screenshots`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { textOf } from '../../src/emulator/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, PASSWORDS, startConsole } from './console-harness.js';

/** The token startConsole gives the server: an admin that is no user. */
const SERVER_TOKEN = 'console-test-token-0123456789';

describe.skipIf(browserProblem !== undefined)('customers in a browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('customers', (engine) => {
    let hub: ConsoleUnderTest;
    let context: BrowserContext;
    let page: Page;
    const shoot = (name: string, options?: { fullPage?: boolean }): Promise<void> =>
      engine.kind === 'sqlite' ? screenshot(page, name, options) : Promise.resolve();

    /** Runs a feed through the API and waits for its end. */
    async function runFeed(feed: string): Promise<void> {
      const answer = await fetch(`${hub.url}/stores/shop/feeds/${feed}/runs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SERVER_TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status).toBe(202);
      const { run } = (await answer.json()) as { run: { id: number } };
      await expect
        .poll(async () => (await hub.hub.runs.get(run.id)).status, { timeout: 30_000 })
        .toBe('succeeded');
    }

    beforeAll(async () => {
      hub = await startConsole(engine);
      await addEmulatorStore(hub.hub, hub.emulator, 'shop');
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${hub.url}/#/sign-in`);
      await page.getByLabel('Name').fill('olga');
      await page.getByLabel('Password').fill(PASSWORDS.olga);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    });
    afterAll(async () => {
      await context?.close();
      await hub?.close();
    });
    beforeEach((test) => {
      onTestFailed(() => screenshot(page, `failed-${engine.kind}-${test.task.name.slice(0, 40)}`));
    });

    it('imports every customer with a plan, then lists them', async () => {
      const storeCustomers = [...hub.emulator.store.records('customers')];
      await page.goto(`${hub.url}/#/catalog/import`);
      await page.getByLabel('Import or export').selectOption('import-customers');
      await page.getByRole('button', { name: 'Read' }).click();
      await page.getByRole('region', { name: 'Plan', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Select all' }).click();
      await page.getByRole('button', { name: `Execute (${storeCustomers.length} selected)` }).click();
      await page.getByRole('heading', { name: /^Report: run \d+/ }).waitFor();
      await page.getByText('Succeeded').first().waitFor();
      expect((await hub.hub.customers.list({ limit: 500 })).length).toBe(storeCustomers.length);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
      const list = page.getByRole('region', { name: 'Customers', exact: true });
      await list.waitFor();
      await expect.poll(() => list.getByRole('row').count()).toBe(storeCustomers.length + 1);
      await shoot('customers');
    });

    it('opens a customer with several addresses, their phones and orders, and chooses the addresses', async () => {
      await runFeed('import-orders');
      // The store's customer 10 has two addresses and orders.
      const storeCustomer = [...hub.emulator.store.records('customers')].find((record) => record.id === 10)!;
      const email = textOf(storeCustomer.values.email);
      const customer = (await hub.hub.customers.list({ search: email }))[0]!;
      expect(customer.addresses.length).toBe(2);
      const orders = (await hub.hub.orders.list({ limit: 500 })).filter(
        (order) => order.customerId === customer.id,
      );
      expect(orders.length).toBeGreaterThan(0);

      await page.goto(`${hub.url}/#/customers`);
      await page.getByLabel('E-mail or name').fill(email);
      await page.getByRole('button', { name: 'Search' }).click();
      const list = page.getByRole('region', { name: 'Customers', exact: true });
      // The unfiltered list already shows this e-mail: wait for the search's answer, not for the text.
      await expect.poll(() => list.getByRole('row').count()).toBe(2);
      await list.getByText(email).waitFor();
      await list.getByRole('link').first().click();

      await page.getByRole('heading', { name: `${customer.firstName} ${customer.lastName}` }).waitFor();
      const addresses = page.getByRole('region', { name: 'Addresses of the customer' });
      expect(await addresses.getByRole('row').count()).toBe(3);
      const ordersTable = page.getByRole('region', { name: 'Orders of the customer' });
      expect(await ordersTable.getByRole('row').count()).toBe(orders.length + 1);
      const phones = customer.addresses.flatMap((address) => [address.phone, address.phoneMobile]);
      for (const phone of phones.filter((value) => value !== null))
        await page.getByText(phone).first().waitFor();

      const [first, second] = customer.addresses;
      await page.getByLabel('Billing address').selectOption(String(first!.id));
      await page.getByLabel('Delivery address').selectOption(String(second!.id));
      await page.getByRole('button', { name: 'Save addresses' }).click();
      await page.getByText('chosen by a user').waitFor();
      await shoot('customer');
      const chosen = await hub.hub.customers.get(customer.id);
      expect(chosen.addressChoice).toBe('user');
      expect(chosen.addresses.map((address) => [address.id, address.role])).toEqual([
        [first!.id, 'billing'],
        [second!.id, 'delivery'],
      ]);

      await page.getByRole('button', { name: 'Let the store’s rule choose' }).click();
      await expect.poll(async () => (await hub.hub.customers.get(customer.id)).addressChoice).toBeNull();
    });
  });
});
