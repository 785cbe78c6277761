/**
 * The Orders screens in a real browser (Debian's Chromium through playwright-core) against `serve`
 * with the emulator as the store, on SQLite and on PostgreSQL: an operator finds an order waiting
 * for approval, approves it and ships it, and the store's state and tracking number change; a
 * viewer reads but the server refuses its changes. Screenshots go to docs/console/ with
 * `npm run screenshots`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import type { Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, PASSWORDS, startConsole } from './console-harness.js';
import {
  placeAndImportOrder,
  prepareOrdersAndStock,
  storeOrderState,
  storeTrackingNumbers,
} from './orders-stock-harness.js';

describe.skipIf(browserProblem !== undefined)('the orders screens in a browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('orders', (engine) => {
    let under: ConsoleUnderTest;
    let store: Store;
    let context: BrowserContext;
    let page: Page;
    const shoot = (name: string): Promise<void> =>
      engine.kind === 'sqlite' ? screenshot(page, name) : Promise.resolve();
    const open = (path: string): Promise<unknown> => page.goto(`${under.url}/#${path}`);

    async function signIn(name: keyof typeof PASSWORDS): Promise<void> {
      await page.goto(`${under.url}/#/sign-in`);
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Password').fill(PASSWORDS[name]);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    }

    beforeAll(async () => {
      under = await startConsole(engine);
      store = await prepareOrdersAndStock(under);
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn('olga');
    }, 180_000); // importing a store's catalog, stock and orders takes a while on a loaded machine
    afterAll(async () => {
      await context?.close();
      await under?.close();
    });
    beforeEach((test) => {
      onTestFailed(() => screenshot(page, `failed-${engine.kind}-${test.task.name.slice(0, 40)}`));
    });

    it('lists every order and narrows the list by store, status and reference, a page at a time', async () => {
      const all = await under.hub.orders.list({ limit: 500 });
      const pending = all.filter((order) => order.hubStatus === 'pending_approval');
      expect(pending.length).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'Orders', exact: true }).click();
      await page.getByRole('heading', { name: 'Orders' }).waitFor();
      const rows = page.getByRole('table').getByRole('row');
      // One header row and one per order (fewer than a page).
      await expect.poll(() => rows.count()).toBe(Math.min(all.length, 50) + 1);
      // No store chosen: each row's store state is named as its own store names it, not "State 2".
      const live = (await (await page.request.get(`${under.url}/stores/shop/live`)).json()) as {
        orderStates: { id: number; name: string }[];
      };
      const names = new Map(live.orderStates.map((state) => [state.id, state.name]));
      const newest = all.find((order) => order.storeStateId !== null)!;
      const cell = page
        .getByRole('row')
        .filter({ hasText: new RegExp(`hub #${newest.id}(?!\\d)`) })
        .locator('td[data-label="Store state"]');
      await expect.poll(() => cell.textContent()).toBe(names.get(newest.storeStateId!));
      expect(await page.getByRole('table').textContent()).not.toMatch(/State \d+/);
      await shoot('orders');

      await page.getByLabel('Hub status').selectOption('pending_approval');
      await expect.poll(() => rows.count()).toBe(pending.length + 1);
      expect(await page.getByRole('table').textContent()).not.toMatch(/Approved|Shipped/);

      const [first] = pending;
      await page.getByLabel('Reference').fill(first!.reference!);
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(() => rows.count())
        .toBe(pending.filter((order) => order.reference === first!.reference).length + 1);
      expect(page.url()).toContain(`reference=${first!.reference}`);
      await page.getByLabel('Store', { exact: true }).selectOption('shop');
      // The store's own states come from the store once a store is chosen.
      await page
        .getByLabel('Store state')
        .locator('option', { hasText: /^Payment accepted$/ })
        .waitFor({ state: 'attached' });
    });

    it('approves an order, ships it with a tracking number, and the store gets its state and tracking', async () => {
      const [order] = await under.hub.orders.list({
        storeId: store.id,
        status: 'pending_approval',
        limit: 1,
      });
      const externalId = order!.externalId!;
      await open(`/orders/${order!.id}`);
      await page.getByRole('heading', { name: `Order ${order!.reference}` }).waitFor();
      await page.getByRole('table', { name: 'Lines' }).waitFor();
      await shoot('order');

      await page.getByRole('button', { name: 'Approve' }).click();
      await page.locator('span.badge').getByText('Approved', { exact: true }).waitFor();
      expect((await under.hub.orders.get(order!.id)).hubStatus).toBe('approved');

      await page.getByRole('button', { name: 'Ship' }).click();
      const dialog = page.getByRole('dialog', { name: /Ship order/ });
      await dialog.getByLabel('Tracking number').fill('E2E-TRACK-0001');
      await shoot('order-ship');
      await dialog.getByRole('button', { name: 'Record shipment' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'The order is shipped in full. The store will be told' })
        .waitFor();
      const shipments = page.getByRole('table', { name: 'Shipments' });
      await shipments.getByText('waiting to be sent').waitFor();
      expect(storeTrackingNumbers(under, externalId)).not.toContain('E2E-TRACK-0001');

      // The outbox goes out (serve drains it all the time; here the test says when).
      await under.server.outbox.drainOnce();
      await shipments.getByText('the store has it').waitFor({ timeout: 20_000 });
      expect(storeOrderState(under, externalId)).toBe(4);
      expect(storeTrackingNumbers(under, externalId)).toContain('E2E-TRACK-0001');
      await page.locator('span.badge').getByText('Shipped', { exact: true }).waitFor();
      await shoot('order-shipped');
    });

    it('ships part of an order and says why the store is not told when it has no partial state', async () => {
      await under.hub.stores.update(store.id, { settings: { shipmentStates: { full: 4, partial: null } } });
      const order = await placeAndImportOrder(under, store, 3);
      await open(`/orders/${order.id}`);
      await page.getByRole('button', { name: 'Ship' }).click();
      const dialog = page.getByRole('dialog', { name: /Ship order/ });
      const quantities = dialog.getByLabel(/^Ship /);
      // One unit of three.
      await quantities.first().fill('1');
      await dialog.getByRole('button', { name: 'Record shipment' }).click();
      await page
        .getByRole('status')
        .filter({
          hasText:
            "Part of the order is shipped. The store will not be told: Store 'shop' has no shipmentStates.partial",
        })
        .waitFor();
      expect((await under.hub.orders.get(order.id)).hubStatus).toBe('partially_shipped');
      await page.getByRole('table', { name: 'Shipments' }).getByText('not told (nothing queued)').waitFor();
      await under.hub.stores.update(store.id, { settings: { shipmentStates: { full: 4, partial: 3 } } });
    });

    it("moves an order to one of the store's states", async () => {
      const [order] = await under.hub.orders.list({
        storeId: store.id,
        status: 'pending_approval',
        limit: 1,
      });
      await open(`/orders/${order!.id}`);
      await page.getByLabel('New store state').selectOption({ label: 'Delivered' });
      await page.getByLabel('E-mail the customer').uncheck();
      await page.getByRole('button', { name: 'Set state' }).click();
      await page.getByRole('status').filter({ hasText: "The store's order is now Delivered." }).waitFor();
      expect(storeOrderState(under, order!.externalId!)).toBe(5);
    });

    it('lets a viewer read orders while the server refuses its changes (403)', async () => {
      const [order] = await under.hub.orders.list({
        storeId: store.id,
        status: 'pending_approval',
        limit: 1,
      });
      const viewer = await browser.newContext();
      const asViewer = await viewer.newPage();
      try {
        await asViewer.goto(`${under.url}/#/sign-in`);
        await asViewer.getByLabel('Name').fill('vic');
        await asViewer.getByLabel('Password').fill(PASSWORDS.vic);
        await asViewer.getByRole('button', { name: 'Sign in' }).click();
        await asViewer.getByRole('heading', { name: 'Dashboard' }).waitFor();
        await asViewer.goto(`${under.url}/#/orders/${order!.id}`);
        await asViewer.getByRole('table', { name: 'Lines' }).waitFor();
        expect(await asViewer.getByRole('button', { name: 'Approve' }).count()).toBe(0);
        // The server, not the hidden button, is what refuses: the viewer's session asks anyway.
        const answers = await asViewer.evaluate(async (id) => {
          const me = (await (await fetch('/auth/me')).json()) as { csrfToken: string };
          const post = (path: string, body?: unknown) =>
            fetch(path, {
              method: path.endsWith('/state') ? 'PUT' : 'POST',
              headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
              body: JSON.stringify(body ?? {}),
            }).then((answer) => answer.status);
          return [
            await post(`/orders/${id}/approve`),
            await post(`/orders/${id}/shipments`),
            await post(`/orders/${id}/state`, { state: 5 }),
          ];
        }, order!.id);
        expect(answers).toEqual([403, 403, 403]);
        expect((await under.hub.orders.get(order!.id)).hubStatus).toBe('pending_approval');
      } finally {
        await viewer.close();
      }
    });
  });
});
