/**
 * The console in a real browser (Debian's Chromium through playwright-core) against `serve` with
 * the emulator as the store, on SQLite and on PostgreSQL: one test per user task, in the order a
 * newcomer meets them. Screenshots of each screen go to docs/console/ with `npm run screenshots`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { describeEachEngine } from '../support/databases.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, IDLE_MS, PASSWORDS, startConsole } from './console-harness.js';

const WRONG_KEY = 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY';
const READ_ONLY_KEY = 'PRESTABRIDGEEMULATORREADONLY0002';

describe.skipIf(browserProblem !== undefined)('the console in a browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('console', (engine) => {
    let hub: ConsoleUnderTest;
    let context: BrowserContext;
    let page: Page;
    /** Screenshots for the docs come from one engine's run. */
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

    beforeAll(async () => {
      hub = await startConsole(engine);
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
    });
    afterAll(async () => {
      await context?.close();
      await hub?.close();
    });
    beforeEach((test) => {
      // What the browser showed when a test failed, to read beside the error.
      onTestFailed(() => screenshot(page, `failed-${engine.kind}-${test.task.name.slice(0, 40)}`));
    });

    it('signs in, after a wrong password is refused with the reason', async () => {
      await page.goto(hub.url);
      // Not signed in: the console asks for it.
      await page.getByRole('heading', { name: 'Sign in to PrestaBridge' }).waitFor();
      await page.getByLabel('Name').fill('ana');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').getByText('Wrong user name or password.').waitFor();
      await shoot('sign-in', { fullPage: false });
      await page.getByLabel('Password').fill(PASSWORDS.ana);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.getByText('ana', { exact: true }).waitFor();
    });

    it('adds a store through the probe: a wrong key refused with its message, a read-only key’s gaps listed', async () => {
      await open('/stores');
      await page.getByRole('link', { name: 'Add store' }).click();
      await page.getByLabel('Shop URL').fill(hub.emulator.url);
      await page.getByLabel('Webservice key').fill(WRONG_KEY);
      await page.getByRole('button', { name: 'Probe' }).click();
      await page.getByText('The store could not be probed').waitFor();
      expect(await page.getByRole('alert').first().textContent()).toMatch(/key/i);

      await page.getByLabel('Webservice key').fill(READ_ONLY_KEY);
      await page.getByRole('button', { name: 'Probe' }).click();
      const permissions = page.getByRole('table', { name: 'Permissions per feed' });
      await permissions.waitFor();
      await shoot('add-store-read-only-key');
      expect(await permissions.getByRole('row', { name: /export-stock/ }).textContent()).toContain('PUT');
      // Importing orders only reads; the confirmations its orders lead to are writes the key lacks.
      expect(await permissions.getByRole('row', { name: /import-orders/ }).textContent()).toContain(
        'confirm shipments: lacks PUT on order_carriers, POST on order_histories',
      );
      expect(await permissions.getByRole('row', { name: /import-products/ }).textContent()).not.toMatch(
        /\b(GET|PUT|POST)\b/,
      );

      await page.getByLabel('Webservice key').fill(hub.emulator.keys[0]!);
      await page.getByRole('button', { name: 'Probe' }).click();
      await page.getByText('8.1.2').waitFor();
      await page.getByLabel('Store name').fill('shop');
      await shoot('add-store');
      await page.getByRole('button', { name: 'Add store' }).click();
      await page.getByRole('heading', { name: 'shop' }).waitFor();
      expect((await hub.hub.stores.get('shop')).psVersion).toBe('8.1.2');
      expect(await hub.hub.stores.find('shop')).toBeDefined();
    });

    it('refuses a bad frequency beside its field, saving nothing', async () => {
      await open('/stores/shop/settings');
      const frequency = page.getByLabel('Import frequency');
      await frequency.fill('0');
      await page.getByLabel('Log API request and response bodies').check();
      await page.getByRole('button', { name: 'Save settings' }).click();
      // The server's answer is in when the field says it is wrong.
      const fieldId = (await frequency.getAttribute('id'))!;
      await page.locator(`[id="${fieldId}"][aria-invalid="true"]`).waitFor();
      const describedBy = await frequency.getAttribute('aria-describedby');
      const errorIds = (describedBy ?? '').split(/\s+/).filter(Boolean);
      const messages = await Promise.all(errorIds.map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(messages.join(' ')).toMatch(
        /import\.frequencyMinutes must be a whole number of minutes between 1 and 10080/,
      );
      expect(await frequency.getAttribute('aria-invalid')).toBe('true');
      await shoot('store-settings-error', { fullPage: false });
      // Nothing was saved, not even the setting that was right.
      const store = await hub.hub.stores.get('shop');
      expect(store.settings.import.frequencyMinutes).toBe(15);
      expect(store.settings.extras.logApiRequests).toBe(false);

      await frequency.fill('30');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect
        .poll(async () => (await hub.hub.stores.get('shop')).settings.import.frequencyMinutes)
        .toBe(30);
      expect((await hub.hub.stores.get('shop')).settings.extras.logApiRequests).toBe(true);
      await shoot('store-settings');
    });

    it('runs a feed and follows its progress to the end, then reads its report', async () => {
      await open('/stores/shop/feeds');
      await page.getByRole('heading', { name: 'Go-live guide' }).waitFor();
      await shoot('feeds');
      hub.emulator.faults.update({ latencyMs: 150 });
      const row = page.getByRole('row', { name: 'import-products' });
      await row.getByRole('button', { name: 'Run now' }).click();
      const dialog = page.getByRole('dialog', { name: 'Run import-products now' });
      await dialog.getByLabel('Page size').fill('2');
      await dialog.getByRole('button', { name: 'Start run' }).click();
      const progress = row.getByRole('progressbar');
      await progress.waitFor();
      await shoot('feeds-running');
      await row.getByText('Succeeded').waitFor({ timeout: 20_000 });
      hub.emulator.faults.clear();
      await row.getByRole('link', { name: /^Run \d+ of import-products$/ }).click();
      await page.getByRole('heading', { name: /import-products/ }).waitFor();
      await page.getByRole('heading', { name: 'Counts' }).waitFor();
      expect(await page.locator('main').textContent()).toMatch(/Created\s*12/);
      await shoot('run-report');
    });

    it('stops a long run', async () => {
      // A full run reads the catalog again a product at a time, each answer a second late.
      hub.emulator.faults.update({ latencyMs: 1000 });
      await open('/stores/shop/feeds');
      const row = page.getByRole('row', { name: 'update-products' });
      await row.getByRole('button', { name: 'Run now' }).click();
      const dialog = page.getByRole('dialog', { name: 'Run update-products now' });
      await dialog.getByLabel('Full').check();
      await dialog.getByLabel('Page size').fill('1');
      await dialog.getByRole('button', { name: 'Start run' }).click();
      await row.getByRole('button', { name: 'Stop' }).click();
      await row.getByText('Stopped', { exact: true }).waitFor({ timeout: 20_000 });
      hub.emulator.faults.clear();
      const [last] = await hub.hub.runs.list({ feed: 'update-products', limit: 1 });
      expect(last?.status).toBe('cancelled');
    });

    it('finds a failed request in the request log, with its bodies', async () => {
      // Requests are logged when the store says so (the settings test turned it on; this one stands alone).
      await hub.hub.stores.update('shop', { settings: { extras: { logApiRequests: true } } });
      hub.emulator.faults.update({ errorRate: 1, errorStatus: 500 });
      await open('/stores/shop/feeds');
      const row = page.getByRole('row', { name: 'import-suppliers' });
      await row.getByRole('button', { name: 'Run now' }).click();
      const dialog = page.getByRole('dialog', { name: 'Run import-suppliers now' });
      if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Start run' }).click();
      await row.getByText('Failed', { exact: true }).waitFor({ timeout: 20_000 });
      hub.emulator.faults.clear();

      await open('/request-log');
      const filters = page.getByRole('form', { name: 'Filter the request log' });
      await filters.getByLabel('Status').selectOption('failed');
      await filters.getByLabel('Resource').fill('suppliers');
      await filters.getByRole('button', { name: /filter|apply|show/i }).click();
      const entry = page.getByRole('link', { name: /GET .*suppliers/ }).first();
      await entry.waitFor();
      await shoot('request-log');
      await entry.click();
      await page.getByRole('heading', { name: 'Response body' }).waitFor();
      expect(await page.locator('main').textContent()).toContain('<h1>Internal Server Error</h1>');
      const text = await page.locator('main').textContent();
      expect(text).not.toContain(hub.emulator.keys[0]);
      await shoot('request-log-entry');
    });

    it('shows the dashboard, the stores and the users', async () => {
      await open('/');
      await page.getByRole('link', { name: 'shop' }).first().waitFor();
      await shoot('dashboard');
      await open('/stores');
      await page.getByRole('cell', { name: '8.1.2' }).first().waitFor();
      await shoot('stores');
      await open('/runs');
      await page.getByRole('link', { name: '#1', exact: true }).waitFor();
      await shoot('runs');
      await open('/users');
      await page.getByRole('cell', { name: 'olga' }).waitFor();
      await shoot('users');
      await page.setViewportSize({ width: 390, height: 844 });
      await open('/');
      await page.getByRole('link', { name: 'shop' }).first().waitFor();
      await shoot('dashboard-phone', { fullPage: false });
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('lets a viewer read but not run a feed: no Run now, and the API answers 403', async () => {
      const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const viewer = await viewerContext.newPage();
        await signIn(viewer, 'vic');
        await viewer.goto(`${hub.url}/#/stores/shop/feeds`);
        const row = viewer.getByRole('row', { name: 'import-products' });
        await row.getByText('Succeeded').waitFor();
        expect(await viewer.getByRole('button', { name: 'Run now' }).count()).toBe(0);
        const me = (await (await viewer.request.get(`${hub.url}/auth/me`)).json()) as { csrfToken: string };
        const answer = await viewer.request.post(`${hub.url}/stores/shop/feeds/import-products/runs`, {
          headers: { 'x-csrf-token': me.csrfToken },
        });
        expect(answer.status()).toBe(403);
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      } finally {
        await viewerContext.close();
      }
    });

    it('signs out when the session ends, and back in', async () => {
      await open('/runs');
      await page.getByRole('heading', { name: 'Runs' }).waitFor();
      hub.advance(IDLE_MS + 60_000);
      await open('/stores');
      await page.getByText('Your session ended — sign in again.').waitFor();
      await page.getByLabel('Name').fill('ana');
      await page.getByLabel('Password').fill(PASSWORDS.ana);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('heading', { name: /Stores|Dashboard/ })
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to PrestaBridge' }).waitFor();
    });
  });
});
