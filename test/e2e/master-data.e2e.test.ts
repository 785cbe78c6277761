/**
 * The master data screen in a real browser against `serve` and the emulator, on SQLite and
 * PostgreSQL: create a tax rate, name it in a store's settings, see where it is used, archive it
 * (nothing deleted), and families as a tree. Roles are checked at the API: a viewer's POST is 403.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, signInAs, startConsole } from './console-harness.js';

describe.skipIf(browserProblem !== undefined)('master data in a browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('master data', (engine) => {
    let hub: ConsoleUnderTest;
    let context: BrowserContext;
    let page: Page;
    const shoot = (name: string, options?: { fullPage?: boolean }): Promise<void> =>
      engine.kind === 'sqlite' ? screenshot(page, name, options) : Promise.resolve();
    const open = (path: string): Promise<unknown> => page.goto(`${hub.url}/#${path}`);

    beforeAll(async () => {
      hub = await startConsole(engine);
      await addEmulatorStore(hub.hub, hub.emulator, 'shop');
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
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

    it('creates a tax rate, uses it as a store’s default tax, and shows where it is used', async () => {
      await open('/master-data');
      await page.getByRole('link', { name: 'Tax rates' }).waitFor();
      const form = page.getByRole('form', { name: 'Add to tax rates' });
      await form.getByLabel('Code').fill('VAT21');
      await form.getByLabel('Name').fill('Standard VAT');
      await form.getByLabel('Rate (%)').fill('21');
      await form.getByLabel('Country').fill('FR');
      await form.getByRole('button', { name: 'Add' }).click();
      const row = page.getByRole('row', { name: /VAT21/ });
      await row.getByText('21 % · FR').waitFor();
      expect((await hub.hub.masterData.get('taxRates', 'VAT21')).name).toBe('Standard VAT');

      // A wrong rate is refused with the server's reason, nothing added.
      await form.getByLabel('Code').fill('BAD');
      await form.getByLabel('Name').fill('Bad rate');
      await form.getByLabel('Rate (%)').fill('twenty');
      await form.getByRole('button', { name: 'Add' }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
      expect(await hub.hub.masterData.find('taxRates', 'BAD')).toBeUndefined();

      // The store settings screen offers it; saving names it in the store's settings.
      await open('/stores/shop/settings');
      // A select once the master data is in (a text field for the code until then).
      await page.getByRole('combobox', { name: 'Default tax', exact: true }).selectOption('VAT21');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(async () => (await hub.hub.stores.get('shop')).settings.defaults.tax).toBe('VAT21');

      // A product with two variants taxed at it: the server counts both.
      await hub.hub.catalog.createProduct({
        name: 'Mug',
        reference: 'MUG',
        price: '9.90',
        taxRate: 'VAT21',
        variants: [{ sku: 'MUG-RED' }, { sku: 'MUG-BLUE' }],
      });

      await open('/master-data/tax-rates');
      await page.getByRole('row', { name: /VAT21/ }).getByText('defaults.tax').waitFor();
      expect(await page.getByRole('row', { name: /VAT21/ }).textContent()).toContain('shop: defaults.tax');
      await page.getByRole('row', { name: /VAT21/ }).getByText('1 product · 2 variants').waitFor();
      await shoot('master-data-tax-rates');
    });

    it('archives a record instead of deleting it: what uses it keeps it, and it can be restored', async () => {
      await open('/master-data/tax-rates');
      const row = page.getByRole('row', { name: /VAT21/ });
      await row.getByRole('button', { name: 'Archive VAT21' }).click();
      await row.getByText('Archived').waitFor();
      expect((await hub.hub.masterData.get('taxRates', 'VAT21')).archivedAt).not.toBeNull();
      // The store still names it.
      expect((await hub.hub.stores.get('shop')).settings.defaults.tax).toBe('VAT21');
      await row.getByRole('button', { name: 'Restore VAT21' }).click();
      await row.getByText('Active').waitFor();
      expect((await hub.hub.masterData.get('taxRates', 'VAT21')).archivedAt).toBeNull();
    });

    it('edits a record’s name, its code kept', async () => {
      await open('/master-data/tax-rates');
      await page.getByRole('button', { name: 'Edit VAT21' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit VAT21' });
      await dialog.getByLabel('Name').fill('TVA normale');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('row', { name: /VAT21/ }).getByText('TVA normale').waitFor();
      expect((await hub.hub.masterData.get('taxRates', 'VAT21')).name).toBe('TVA normale');
    });

    it('shows families as a tree', async () => {
      await open('/master-data/families');
      const form = page.getByRole('form', { name: 'Add to families' });
      await form.getByLabel('Code').fill('CLOTHES');
      await form.getByLabel('Name').fill('Clothes');
      await form.getByRole('button', { name: 'Add' }).click();
      await page.getByRole('row', { name: /CLOTHES/ }).waitFor();
      await form.getByLabel('Code').fill('SHIRTS');
      await form.getByLabel('Name').fill('Shirts');
      await form.getByLabel('Parent family').selectOption('CLOTHES');
      await form.getByRole('button', { name: 'Add' }).click();
      await page
        .getByRole('row', { name: /SHIRTS/ })
        .getByText('in CLOTHES')
        .waitFor();
      await form.getByLabel('Code').fill('ACCESSORIES');
      await form.getByLabel('Name').fill('Accessories');
      await form.getByLabel('Parent family').selectOption('');
      await form.getByRole('button', { name: 'Add' }).click();
      await page.getByRole('row', { name: /ACCESSORIES/ }).waitFor();
      // Tree order: a child right under its parent, not in code order.
      const codes = await page.getByRole('table', { name: 'Families' }).locator('tbody th').allTextContents();
      expect(codes.map((code) => code.replace('└', '').trim())).toEqual(['ACCESSORIES', 'CLOTHES', 'SHIRTS']);
      expect((await hub.hub.masterData.get('families', 'SHIRTS')).parentCode).toBe('CLOTHES');
      await shoot('master-data-families');
    });

    it('refuses a viewer’s change at the API (403) and shows a viewer no add form', async () => {
      const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const viewer = await viewerContext.newPage();
        await signInAs(viewer, hub.url, 'vic');
        await viewer.goto(`${hub.url}/#/master-data/tax-rates`);
        await viewer.getByRole('row', { name: /VAT21/ }).waitFor();
        expect(await viewer.getByRole('form', { name: 'Add to tax rates' }).count()).toBe(0);
        expect(await viewer.getByRole('button', { name: 'Archive VAT21' }).count()).toBe(0);
        const me = (await (await viewer.request.get(`${hub.url}/auth/me`)).json()) as { csrfToken: string };
        const answer = await viewer.request.post(`${hub.url}/master-data/tax-rates`, {
          headers: { 'x-csrf-token': me.csrfToken },
          data: { code: 'VAT5', name: 'Reduced', rate: '5.5' },
        });
        expect(answer.status()).toBe(403);
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        const archive = await viewer.request.post(`${hub.url}/master-data/tax-rates/VAT21/archive`, {
          headers: { 'x-csrf-token': me.csrfToken },
        });
        expect(archive.status()).toBe(403);
        expect(await hub.hub.masterData.find('taxRates', 'VAT5')).toBeUndefined();
      } finally {
        await viewerContext.close();
      }
    });
  });
});
