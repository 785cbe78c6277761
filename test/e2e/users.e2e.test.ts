/**
 * The users screen in a real browser against `serve`, on SQLite and PostgreSQL: an admin adds a
 * user, changes a role and disables a user, who then cannot sign in.
 * Roles are checked at the API: only an admin changes users.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { describeEachEngine } from '../support/databases.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, PASSWORDS, signInAs, startConsole } from './console-harness.js';

describe.skipIf(browserProblem !== undefined)('users in a browser', { timeout: 60_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('users', (engine) => {
    let hub: ConsoleUnderTest;
    let context: BrowserContext;
    let page: Page;
    const open = (path: string): Promise<unknown> => page.goto(`${hub.url}/#${path}`);

    beforeAll(async () => {
      hub = await startConsole(engine);
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

    it('adds a user, who can then sign in with the role given', async () => {
      await open('/users');
      const form = page.getByRole('form', { name: 'Add a user' });
      await form.getByLabel('Name').fill('bea');
      await form.getByLabel('Role').selectOption('viewer');
      await form.getByLabel('Password').fill('bea-the-new-password');
      await form.getByRole('button', { name: 'Add user' }).click();
      await page.getByRole('row', { name: /bea/ }).waitFor();
      expect((await hub.hub.users.find('bea'))?.role).toBe('viewer');
      const beaContext = await browser.newContext();
      try {
        const bea = await beaContext.newPage();
        await bea.goto(`${hub.url}/#/sign-in`);
        await bea.getByLabel('Name').fill('bea');
        await bea.getByLabel('Password').fill('bea-the-new-password');
        await bea.getByRole('button', { name: 'Sign in' }).click();
        await bea.getByRole('heading', { name: 'Dashboard' }).waitFor();
        await bea.getByText('Viewer', { exact: true }).waitFor();
      } finally {
        await beaContext.close();
      }
    });

    it('changes a role: the operator becomes a viewer, and the server holds her to it', async () => {
      const olgaContext = await browser.newContext();
      try {
        const olga = await olgaContext.newPage();
        await signInAs(olga, hub.url, 'olga');
        await open('/users');
        await page.getByLabel('Role of olga').selectOption('viewer');
        await page.getByText('olga is now viewer.').waitFor();
        expect((await hub.hub.users.find('olga'))?.role).toBe('viewer');
        // Her open session has the new role at once: a run is refused.
        const me = (await (await olga.request.get(`${hub.url}/auth/me`)).json()) as {
          csrfToken: string;
          user: { role: string };
        };
        expect(me.user.role).toBe('viewer');
        const answer = await olga.request.post(`${hub.url}/webhooks`, {
          headers: { 'x-csrf-token': me.csrfToken },
          data: { url: 'https://example.com/hooks', events: ['order.created'] },
        });
        expect(answer.status()).toBe(403);
      } finally {
        await olgaContext.close();
      }
    });

    it('disables a user, who then cannot sign in', async () => {
      await open('/users');
      await page.getByRole('button', { name: 'Disable vic' }).click();
      await page.getByText('vic disabled.').waitFor();
      await page.getByRole('row', { name: /vic/ }).getByText('Disabled').waitFor();
      expect((await hub.hub.users.find('vic'))?.disabled).toBe(true);

      const vicContext = await browser.newContext();
      try {
        const vic = await vicContext.newPage();
        await vic.goto(`${hub.url}/#/sign-in`);
        await vic.getByLabel('Name').fill('vic');
        await vic.getByLabel('Password').fill(PASSWORDS.vic);
        await vic.getByRole('button', { name: 'Sign in' }).click();
        await vic.getByRole('alert').waitFor();
        expect(await vic.getByRole('heading', { name: 'Dashboard' }).count()).toBe(0);
        const answer = await vic.request.post(`${hub.url}/auth/sign-in`, {
          data: { name: 'vic', password: PASSWORDS.vic },
        });
        expect(answer.status()).toBe(401);
      } finally {
        await vicContext.close();
      }
    });

    it('lets only an admin change users: an operator’s PATCH is 403', async () => {
      await hub.hub.users.update('olga', { role: 'operator' });
      const olgaContext = await browser.newContext();
      try {
        const olga = await olgaContext.newPage();
        await signInAs(olga, hub.url, 'olga');
        // No Users screen in her navigation.
        expect(
          await olga.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count(),
        ).toBe(0);
        const me = (await (await olga.request.get(`${hub.url}/auth/me`)).json()) as { csrfToken: string };
        const answer = await olga.request.patch(`${hub.url}/users/olga`, {
          headers: { 'x-csrf-token': me.csrfToken },
          data: { role: 'admin' },
        });
        expect(answer.status()).toBe(403);
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        expect((await hub.hub.users.find('olga'))?.role).toBe('operator');
      } finally {
        await olgaContext.close();
      }
    });
  });
});
