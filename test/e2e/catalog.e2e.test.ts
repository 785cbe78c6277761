/**
 * The catalog in a real browser (Debian's Chromium through playwright-core) against `serve` and the
 * emulated store, on SQLite and on PostgreSQL: an import with a plan (Read, select, Execute, the
 * report; only the chosen products reach the hub), an export of a selection (only the chosen hub
 * products reach the store; Execute disabled while it runs; Stop), a product created and edited, and the server
 * refusing a viewer's change. Screenshots go to docs/console/ with `npm run screenshots`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { textOf } from '../../src/emulator/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, PASSWORDS, startConsole } from './console-harness.js';

describe.skipIf(browserProblem !== undefined)('the catalog in a browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('catalog', (engine) => {
    let hub: ConsoleUnderTest;
    let context: BrowserContext;
    let page: Page;
    let storeId: number;
    const shoot = (name: string, options?: { fullPage?: boolean }): Promise<void> =>
      engine.kind === 'sqlite' ? screenshot(page, name, options) : Promise.resolve();
    const open = (path: string): Promise<unknown> => page.goto(`${hub.url}/#${path}`);

    async function signIn(target: Page, name: keyof typeof PASSWORDS): Promise<void> {
      await target.goto(`${hub.url}/#/sign-in`);
      await target.getByLabel('Name').fill(name);
      await target.getByLabel('Password').fill(PASSWORDS[name]);
      await target.getByRole('button', { name: 'Sign in' }).click();
      await target.getByRole('heading', { name: 'Dashboard' }).waitFor();
    }

    /** The store ids of the products the hub holds from the store. */
    async function importedProductIds(): Promise<string[]> {
      const rows = await hub.hub.catalog.listVariants({ storeId, limit: 500 });
      const bindings = await hub.hub.bindings.forLocal('products', [
        ...new Set(rows.map((row) => row.productId)),
      ]);
      return bindings.map((binding) => binding.externalId).sort();
    }

    beforeAll(async () => {
      hub = await startConsole(engine);
      storeId = (await addEmulatorStore(hub.hub, hub.emulator, 'shop')).id;
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await signIn(page, 'olga');
    });
    afterAll(async () => {
      await context?.close();
      await hub?.close();
    });
    beforeEach((test) => {
      onTestFailed(() => screenshot(page, `failed-${engine.kind}-${test.task.name.slice(0, 40)}`));
    });

    it('reads an import plan, executes a selection, shows the report; only those products reach the hub', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
      await page.getByRole('heading', { name: 'Catalog' }).waitFor();
      await page.getByText('No products match').waitFor();
      await page.getByRole('link', { name: 'Import and export' }).click();
      await page.getByRole('heading', { name: 'Import and export' }).waitFor();
      expect(await page.getByLabel('Import or export').inputValue()).toBe('import-products');

      await page.getByRole('button', { name: 'Read' }).click();
      const plan = page.getByRole('region', { name: 'Plan', exact: true });
      await plan.waitFor();
      const boxes = plan.getByRole('checkbox');
      const storeProducts = [...hub.emulator.store.records('products')].length;
      expect(await boxes.count()).toBe(storeProducts);
      // Every product is new to the hub.
      expect(await plan.getByText('add to hub').count()).toBe(storeProducts);

      await page.getByRole('button', { name: 'Select all' }).click();
      await page.getByText(`${storeProducts} of ${storeProducts} selected`).waitFor();
      await page.getByRole('button', { name: 'Select none' }).click();
      await page.getByText(`0 of ${storeProducts} selected`).waitFor();
      expect(await page.getByRole('button', { name: /^Execute/ }).isDisabled()).toBe(true);

      const chosen: string[] = [];
      for (const index of [0, 2]) {
        const row = plan.getByRole('row').nth(index + 1);
        await row.getByRole('checkbox').check();
        chosen.push((await row.locator('td[data-label="Store id"]').textContent())!.trim());
      }
      await page.getByText(`2 of ${storeProducts} selected`).waitFor();
      await shoot('catalog-import-plan');

      await page.getByRole('button', { name: 'Execute (2 selected)' }).click();
      await page.getByRole('heading', { name: /^Report: run \d+/ }).waitFor();
      await page.getByText('Succeeded').first().waitFor();
      await shoot('catalog-import-report');
      expect(await importedProductIds()).toEqual(chosen.sort());

      // Read again: the two are imported; the filter shows only the rest.
      await page.getByRole('button', { name: 'Read again' }).click();
      await plan.waitFor();
      await page.getByLabel('Only what is not imported yet').check();
      expect(await plan.getByRole('checkbox').count()).toBe(storeProducts - 2);
      for (const id of chosen)
        expect(
          await plan.locator('td[data-label="Store id"]', { hasText: new RegExp(`^${id}$`) }).count(),
        ).toBe(0);

      await open('/catalog');
      const products = page.getByRole('region', { name: 'Products', exact: true });
      await products.waitFor();
      expect(await products.getByText('shop').count()).toBeGreaterThanOrEqual(2);
      await shoot('catalog');
    });

    it('stops an import while it runs, and shows the stopped run’s report', async () => {
      await open('/catalog/import');
      await page.getByRole('button', { name: 'Read' }).click();
      await page.getByRole('region', { name: 'Plan', exact: true }).waitFor();
      await page.getByLabel('Only what is not imported yet').check();
      await page.getByRole('button', { name: 'Select all' }).click();
      // Each answer of the store a second and a half late: the run is still reading when Stop comes.
      hub.emulator.faults.update({ latencyMs: 1500 });
      try {
        await page.getByRole('button', { name: /^Execute \(\d+ selected\)$/ }).click();
        await page.getByRole('heading', { name: /^Running: run \d+/ }).waitFor();
        await page.getByRole('button', { name: 'Stop' }).click();
        await page.getByRole('heading', { name: /^Report: run \d+/ }).waitFor({ timeout: 30_000 });
      } finally {
        hub.emulator.faults.clear();
      }
      await page.getByText('Stopped', { exact: true }).first().waitFor();
      const [last] = await hub.hub.runs.list({ feed: 'import-products', limit: 1 });
      expect(last?.status).toBe('cancelled');
    });

    it('finds a product by SKU and shows the stores selling it with its ids there', async () => {
      const [row] = await hub.hub.catalog.listVariants({ storeId, limit: 1 });
      const sku = row!.sku!;
      await open('/catalog');
      await page.getByLabel('Name, SKU or barcode').fill(sku);
      await page.getByRole('button', { name: 'Search' }).click();
      const products = page.getByRole('region', { name: 'Products', exact: true });
      await products.getByRole('cell', { name: sku, exact: true }).waitFor();
      await products.getByRole('link').first().click();
      const stores = page.getByRole('region', { name: 'Stores selling the product' });
      await stores.waitFor();
      const [binding] = await hub.hub.bindings.forLocal('products', [row!.productId]);
      expect(await stores.getByRole('row', { name: /shop/ }).textContent()).toContain(binding!.externalId);
      await shoot('catalog-product');
    });

    it('creates a hub product and edits it', async () => {
      await open('/catalog');
      await page.getByRole('link', { name: 'New product' }).click();
      await page.getByLabel('Name').fill('Hub mug');
      await page.getByLabel('Reference').fill('HUB-MUG');
      await page.getByLabel('Price excl. tax').fill('9,90');
      await page.getByRole('button', { name: 'Create product' }).click();
      // The form's own check: a comma is not a decimal point here.
      await page.getByText('A price like 9.90').waitFor();
      await page.getByLabel('Price excl. tax').fill('9.90');
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByRole('heading', { name: 'Hub mug' }).waitFor();
      await page.getByText('No store sells it yet').waitFor();

      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByLabel('Price excl. tax').fill('12.50');
      await page.getByLabel('Manufacturer').fill('Atelier');
      await shoot('catalog-product-edit');
      await page.getByRole('button', { name: 'Save product' }).click();
      await page.getByRole('button', { name: 'Edit' }).waitFor();
      const id = Number(/#\/catalog\/(\d+)/.exec(page.url())![1]);
      const saved = await hub.hub.catalog.getProduct(id);
      expect(saved.price).toMatch(/^12\.50*$/);
      expect(saved.manufacturer).toBe('Atelier');
      expect(saved.reference).toBe('HUB-MUG');
    });

    it('exports a selection: Read plans each hub product, Execute writes only the chosen ones to the store', async () => {
      await hub.hub.stores.update('shop', { settings: { productMaster: 'hub' } });
      for (const [name, reference] of [
        ['Hub cup', 'HUB-CUP'],
        ['Hub plate', 'HUB-PLATE'],
        ['Hub bowl', 'HUB-BOWL'],
      ] as const)
        await hub.hub.catalog.createProduct({ name, reference, price: '4.50' });
      const inStore = (reference: string) =>
        [...hub.emulator.store.records('products')].filter(
          (record) => textOf(record.values.reference) === reference,
        ).length;
      await open('/catalog/import');
      await page.getByLabel('Import or export').selectOption('export-products');
      await page.getByRole('button', { name: 'Read' }).click();
      const plan = page.getByRole('region', { name: 'Plan', exact: true });
      await plan.waitFor();
      for (const reference of ['HUB-BOWL', 'HUB-CUP', 'HUB-PLATE'])
        await plan.getByRole('row').filter({ hasText: reference }).getByText('add to store').waitFor();
      for (const reference of ['HUB-BOWL', 'HUB-PLATE'])
        await plan.getByRole('row').filter({ hasText: reference }).getByRole('checkbox').check();
      await shoot('catalog-export-plan');
      expect(inStore('HUB-BOWL') + inStore('HUB-PLATE') + inStore('HUB-CUP')).toBe(0);

      await page.getByRole('button', { name: 'Execute (2 selected)' }).click();
      await page
        .getByRole('heading', { name: /^Report: run \d+ \(export-products\)/ })
        .waitFor({ timeout: 30_000 });
      await page.getByText('Succeeded').first().waitFor();
      expect([inStore('HUB-BOWL'), inStore('HUB-PLATE'), inStore('HUB-CUP')]).toEqual([1, 1, 0]);
      const [last] = await hub.hub.runs.list({ feed: 'export-products', limit: 1 });
      expect(last?.status).toBe('succeeded');
    });

    it('keeps Execute disabled while an export runs, and stops it', async () => {
      await open('/catalog/import');
      await page.getByLabel('Import or export').selectOption('export-products');
      await page.getByRole('button', { name: 'Read', exact: true }).click();
      const plan = page.getByRole('region', { name: 'Plan', exact: true });
      await plan.waitFor();
      await plan.getByRole('row').filter({ hasText: 'HUB-CUP' }).getByRole('checkbox').check();
      // Each answer of the store a second and a half late: the run is still planning when Stop comes.
      hub.emulator.faults.update({ latencyMs: 1500 });
      try {
        await page.getByRole('button', { name: 'Execute (1 selected)' }).click();
        await page.getByRole('heading', { name: /^Running: run \d+ \(export-products\)/ }).waitFor();
        expect(await page.getByRole('button', { name: 'Execute (1 selected)' }).isDisabled()).toBe(true);
        await page.getByRole('button', { name: 'Stop' }).click();
        await page.getByRole('heading', { name: /^Report: run \d+/ }).waitFor({ timeout: 30_000 });
      } finally {
        hub.emulator.faults.clear();
      }
      await page.getByText('Stopped', { exact: true }).first().waitFor();
      const [last] = await hub.hub.runs.list({ feed: 'export-products', limit: 1 });
      expect(last?.status).toBe('cancelled');
      expect(await page.getByRole('button', { name: /^Execute/ }).count()).toBe(0);
    });

    it('refuses a viewer’s change on the server, and hides the buttons', async () => {
      const viewer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const vicPage = await viewer.newPage();
        await signIn(vicPage, 'vic');
        await vicPage.goto(`${hub.url}/#/catalog`);
        await vicPage.getByRole('heading', { name: 'Catalog' }).waitFor();
        expect(await vicPage.getByRole('link', { name: 'New product' }).count()).toBe(0);
        const me = (await (await viewer.request.get(`${hub.url}/auth/me`)).json()) as { csrfToken: string };
        const before = (await hub.hub.catalog.listVariants({ limit: 500 })).length;
        for (const [path, data] of [
          ['/products', { name: 'Viewer mug', price: '1' }],
          ['/stores/shop/feeds/import-products/plan', {}],
          ['/stores/shop/feeds/import-products/runs', { only: [1] }],
          ['/stores/shop/feeds/export-products/plan', {}],
          ['/stores/shop/feeds/export-products/runs', { only: [1] }],
        ] as const) {
          const answer = await viewer.request.post(`${hub.url}${path}`, {
            data,
            headers: { 'x-csrf-token': me.csrfToken },
          });
          expect(answer.status(), path).toBe(403);
        }
        expect((await hub.hub.catalog.listVariants({ limit: 500 })).length).toBe(before);
      } finally {
        await viewer.close();
      }
    });
  });
});
