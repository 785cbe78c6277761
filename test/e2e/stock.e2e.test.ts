/**
 * The Stock screens in a real browser (Debian's Chromium through playwright-core) against `serve`
 * with the emulator as the store, on SQLite and on PostgreSQL: an operator adjusts and counts a
 * variant, sees the change wait in the outbox and then the store's quantity change; the ledger keeps
 * the reasons; the stock check finds a store quantity changed behind the hub's back and repairs it;
 * a viewer reads but the server refuses its changes. Screenshots go to docs/console/
 * with `npm run screenshots`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { textOf } from '../../src/emulator/index.js';
import type { Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, PASSWORDS, runFeedThroughApi, startConsole } from './console-harness.js';
import { prepareOrdersAndStock, storeQuantity } from './orders-stock-harness.js';

describe.skipIf(browserProblem !== undefined)('the stock screens in a browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('stock', (engine) => {
    let under: ConsoleUnderTest;
    let store: Store;
    let context: BrowserContext;
    let page: Page;
    /** A variant the store sells, with stock at MAIN, and its id in the store. */
    let variant: { id: number; sku: string; externalId: string };
    const shoot = (name: string): Promise<void> =>
      engine.kind === 'sqlite' ? screenshot(page, name) : Promise.resolve();
    const open = (path: string): Promise<unknown> => page.goto(`${under.url}/#${path}`);
    const sellable = async (): Promise<number> =>
      (await under.hub.stock.sellable(store.id, [variant.id])).get(variant.id) ?? 0;

    beforeAll(async () => {
      under = await startConsole(engine);
      store = await prepareOrdersAndStock(under);
      // The pushes the import queued for the store first, so that only the test's own change waits.
      await under.server.outbox.drainOnce();
      const items = await under.hub.stock.list({ location: 'MAIN', limit: 100 });
      const item = items.find((entry) => !entry.kit && entry.sku !== null && entry.sellable.length > 0);
      const [ref] = await under.hub.stock.variantsById([item!.variantId]);
      variant = { id: item!.variantId, sku: item!.sku!, externalId: ref!.stores[0]!.externalId };
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${under.url}/#/sign-in`);
      await page.getByLabel('Name').fill('olga');
      await page.getByLabel('Password').fill(PASSWORDS.olga);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    }, 180_000); // importing a store's catalog, stock and orders takes a while on a loaded machine
    afterAll(async () => {
      await context?.close();
      await under?.close();
    });
    beforeEach((test) => {
      onTestFailed(() => screenshot(page, `failed-${engine.kind}-${test.task.name.slice(0, 40)}`));
    });

    it("adjusts a variant's stock with a reason, and the store's quantity follows once the outbox is drained", async () => {
      const before = await sellable();
      expect(storeQuantity(under, variant.externalId)).toBe(before);
      await page.getByRole('link', { name: 'Stock', exact: true }).click();
      await page.getByLabel('SKU').fill(variant.sku);
      await page.getByRole('button', { name: 'Find' }).click();
      const row = page.getByRole('row', { name: new RegExp(variant.sku) }).first();
      await row.getByText(`shop: ${before}`).waitFor();
      await shoot('stock');

      await row.getByRole('button', { name: /Adjust or count/ }).click();
      const dialog = page.getByRole('dialog', { name: /Change stock/ });
      await dialog.getByLabel('Location').selectOption('MAIN');
      await dialog.getByLabel('Units to add (negative removes)').fill('7');
      await dialog.getByLabel('Reason').fill('delivery from the supplier');
      await shoot('stock-adjust');
      await dialog.getByRole('button', { name: 'Adjust stock' }).click();
      await row.getByText(`shop: ${before + 7}`).waitFor();
      // Not in the store yet: the new quantity waits in the outbox.
      expect(storeQuantity(under, variant.externalId)).toBe(before);
      await open('/stock/outbox?store=shop');
      const outbox = page.getByRole('table');
      await outbox.getByText(`quantity ${before + 7}`).waitFor();
      await shoot('stock-outbox');

      await under.server.outbox.drainOnce();
      expect(storeQuantity(under, variant.externalId)).toBe(before + 7);
      await page.getByText('Nothing here: the stores have everything.').waitFor({ timeout: 20_000 });
    });

    it('records a count, and the ledger keeps every change with its reason', async () => {
      await open(`/stock/variants/${variant.id}`);
      await page.getByRole('button', { name: /Adjust or count/ }).click();
      const dialog = page.getByRole('dialog', { name: /Change stock/ });
      await dialog.getByLabel('Change', { exact: true }).selectOption('count');
      await dialog.getByLabel('Location').selectOption('MAIN');
      await dialog.getByLabel('Counted on hand').fill('3');
      await dialog.getByLabel('Reason').fill('yearly inventory');
      await dialog.getByRole('button', { name: 'Record count' }).click();
      const ledger = page.getByRole('table', { name: 'Movements, newest first' });
      await ledger.getByText('yearly inventory').waitFor();
      await ledger.getByText('delivery from the supplier').waitFor();
      expect(
        (await under.hub.stock.onHand([variant.id])).find((level) => level.location === 'MAIN')?.onHand,
      ).toBe(3);
      await shoot('stock-ledger');
      await under.server.outbox.drainOnce();
      expect(storeQuantity(under, variant.externalId)).toBe(await sellable());
    });

    it('shows kits, the last stock check per store and refuses a viewer’s changes (403)', async () => {
      await open('/stock/kits');
      await page
        .getByRole('table')
        .or(page.getByText(/^No kits/))
        .first()
        .waitFor();
      await open('/stock/checks');
      await page
        .getByRole('region', { name: 'Stock check of shop' })
        .getByText(/Never checked/)
        .waitFor();
      // The store's quantity changed behind the hub's back: the stock check finds it and repairs it.
      const [productId, combinationId] = variant.externalId.split(':').map(Number);
      const row = [...under.emulator.store.records('stock_availables')].find(
        (entry) =>
          Number(textOf(entry.values.id_product)) === productId &&
          Number(textOf(entry.values.id_product_attribute)) === combinationId,
      )!;
      under.emulator.store.update('stock_availables', row.id, { quantity: '999' });
      expect(await runFeedThroughApi(under, 'shop', 'stock-check')).toBe('succeeded');
      // No reload: the run's end on the live stream refreshes the tab.
      const check = page.getByRole('region', { name: 'Stock check of shop' });
      await check.getByText("1 store quantity differed from the hub's and was pushed again").waitFor();
      await check.getByText(/999/).first().waitFor();
      await shoot('stock-check');
      await under.server.outbox.drainOnce();
      expect(storeQuantity(under, variant.externalId)).toBe(await sellable());

      const viewer = await browser.newContext();
      const asViewer = await viewer.newPage();
      try {
        await asViewer.goto(`${under.url}/#/sign-in`);
        await asViewer.getByLabel('Name').fill('vic');
        await asViewer.getByLabel('Password').fill(PASSWORDS.vic);
        await asViewer.getByRole('button', { name: 'Sign in' }).click();
        await asViewer.getByRole('heading', { name: 'Dashboard' }).waitFor();
        await asViewer.goto(`${under.url}/#/stock?sku=${encodeURIComponent(variant.sku)}`);
        await asViewer
          .getByRole('row', { name: new RegExp(variant.sku) })
          .first()
          .waitFor();
        expect(await asViewer.getByRole('button', { name: /Adjust or count/ }).count()).toBe(0);
        const answers = await asViewer.evaluate(async (variantId) => {
          const me = (await (await fetch('/auth/me')).json()) as { csrfToken: string };
          const post = (path: string, body: unknown) =>
            fetch(path, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
              body: JSON.stringify(body),
            }).then((answer) => answer.status);
          const reads = await Promise.all(
            ['/stock', `/stock/${variantId}/movements`, '/stock/kits', '/outbox'].map((path) =>
              fetch(path).then((answer) => answer.status),
            ),
          );
          return {
            reads,
            adjust: await post('/stock/adjustments', { variantId, location: 'MAIN', change: 1, reason: 'x' }),
            count: await post('/stock/counts', { variantId, location: 'MAIN', counted: 1, reason: 'x' }),
          };
        }, variant.id);
        expect(answers).toEqual({ reads: [200, 200, 200, 200], adjust: 403, count: 403 });
      } finally {
        await viewer.close();
      }
    });
  });
});
