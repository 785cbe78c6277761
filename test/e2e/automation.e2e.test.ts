/**
 * The automation screens in a real browser against `serve` and the emulator, on SQLite and
 * PostgreSQL: a webhook added to a local receiver (its secret shown once, checked by the receiver
 * with the standard library), an event sent to it, the delivery and its attempts seen, a replay the
 * receiver gets again (same id and body); pause, resume and rotate; the event catalogue with its
 * examples. Replaying needs the operator role: a viewer's POST is 403.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { TestReceiver } from '../automation/receiver.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { assertConsoleBuilt, browserProblem, launchBrowser, screenshot } from './browser.js';
import { type ConsoleUnderTest, runFeedThroughApi, signInAs, startConsole } from './console-harness.js';

function headersOf(received: { headers: Record<string, unknown> }): Record<string, string> {
  return Object.fromEntries(Object.entries(received.headers).map(([key, value]) => [key, String(value)]));
}

describe.skipIf(browserProblem !== undefined)('automation in a browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    assertConsoleBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describeEachEngine('automation', (engine) => {
    let hub: ConsoleUnderTest;
    let receiver: TestReceiver;
    let context: BrowserContext;
    let page: Page;
    let secret = '';
    let webhookId = 0;
    let deliveryId = 0;
    const shoot = (name: string, options?: { fullPage?: boolean }): Promise<void> =>
      engine.kind === 'sqlite' ? screenshot(page, name, options) : Promise.resolve();
    const open = (path: string): Promise<unknown> => page.goto(`${hub.url}/#${path}`);

    beforeAll(async () => {
      hub = await startConsole(engine);
      receiver = await TestReceiver.start();
      await addEmulatorStore(hub.hub, hub.emulator, 'shop');
      // The store's orders so far are in before the webhook exists: it gets only what happens next.
      expect(await runFeedThroughApi(hub, 'shop', 'import-orders')).toBe('succeeded');
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signInAs(page, hub.url, 'ana');
    }, 90_000);
    afterAll(async () => {
      await context?.close();
      await hub?.close();
      await receiver?.close();
    });
    beforeEach((test) => {
      onTestFailed(() => screenshot(page, `failed-${engine.kind}-${test.task.name.slice(0, 40)}`));
    });

    it('adds a webhook for one store and one event, its secret shown once', async () => {
      await open('/automation/webhooks');
      const form = page.getByRole('form', { name: 'Add a webhook' });
      await form.getByLabel('Receiver URL').fill(receiver.url);
      await form.getByLabel('Store', { exact: true }).selectOption('shop');
      await form.getByLabel('Description').fill('Fulfilment');
      await form.getByLabel('order.created', { exact: true }).check();
      await form.getByLabel(/Allow a private address/).check();
      await form.getByRole('button', { name: 'Add webhook' }).click();
      const secretField = page.getByLabel('Signing secret');
      await secretField.waitFor();
      secret = await secretField.inputValue();
      expect(secret).toMatch(/^whsec_/);
      await shoot('automation-webhook-secret', { fullPage: false });
      await page.getByRole('button', { name: 'I have copied it' }).click();
      await secretField.waitFor({ state: 'detached' });
      // Shown once: nowhere on the page any more, nor in the list the API gives.
      expect(await page.locator('body').textContent()).not.toContain(secret);
      const row = page.getByRole('row', { name: new RegExp(receiver.url) });
      await row.getByText('Active').waitFor();
      expect(await row.textContent()).toContain('order.created');
      expect(await row.textContent()).toContain('shop');
      const [subscription] = await hub.hub.webhooks.list();
      webhookId = subscription!.id;
      expect(subscription!.eventTypes).toEqual(['order.created']);
      expect(subscription!.storeId).toBe((await hub.hub.stores.get('shop')).id);
      await shoot('automation-webhooks');
    });

    it('delivers an event to the receiver, shows the delivery and its attempt, and replays it', async () => {
      hub.emulator.store.placeOrder({ customerId: 1, lines: [{ productId: 1, quantity: 1 }] });
      expect(await runFeedThroughApi(hub, 'shop', 'import-orders')).toBe('succeeded');
      await receiver.waitFor(1);
      const first = receiver.received[0]!;
      const payload = new Webhook(secret).verify(first.body, headersOf(first)) as { type: string };
      expect(payload.type).toBe('order.created');

      await open('/automation/webhooks');
      await page.getByRole('link', { name: receiver.url }).click();
      await page.getByRole('heading', { name: `Webhook ${webhookId}` }).waitFor();
      const deliveries = page.getByRole('table', { name: 'Deliveries' });
      const row = deliveries.getByRole('row', { name: /order\.created/ });
      await row.getByText('Delivered').waitFor();
      const [message] = await hub.hub.webhooks.messages(webhookId);
      deliveryId = message!.id;
      expect(await row.locator('th').textContent()).toContain(String(deliveryId));
      expect(deliveryId).toBeGreaterThan(0);
      await row.getByRole('button', { name: `Attempts of delivery ${deliveryId}` }).click();
      const attempts = page.getByRole('table', { name: `Attempts of delivery ${deliveryId}` });
      await attempts.getByText('OK 200').waitFor();
      await shoot('automation-deliveries');

      await row.getByRole('button', { name: `Replay delivery ${deliveryId}` }).click();
      await receiver.waitFor(2);
      const replayed = receiver.received[1]!;
      // The same message: its webhook-id and body, so that a receiver can tell it is a repeat.
      expect(replayed.webhookId).toBe(first.webhookId);
      expect(replayed.body).toBe(first.body);
      expect(receiver.received).toHaveLength(2);
      // The second attempt shows once the list is read again.
      await expect.poll(async () => (await hub.hub.webhooks.attempts(deliveryId)).length).toBe(2);
    });

    it('pauses, resumes and rotates the secret', async () => {
      await open(`/automation/webhooks/${webhookId}`);
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByText('Paused', { exact: true }).waitFor();
      expect((await hub.hub.webhooks.get(webhookId)).status).toBe('paused');
      await page.getByRole('button', { name: 'Resume' }).click();
      await page.getByText('Active', { exact: true }).waitFor();
      expect((await hub.hub.webhooks.get(webhookId)).status).toBe('active');

      await page.getByRole('button', { name: 'Rotate secret' }).click();
      const secretField = page.getByLabel('Signing secret');
      await secretField.waitFor();
      const rotated = await secretField.inputValue();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      await page.getByText('Previous secret signs until').waitFor();
      await page.getByRole('button', { name: 'I have copied it' }).click();
    });

    it('shows the event catalogue with an example of each event', async () => {
      await open('/automation/events');
      await page.getByText('order.created', { exact: true }).waitFor();
      await page.getByText('Example of order.created').click();
      const example = page.locator('details[open] pre');
      await example.waitFor();
      const body = JSON.parse((await example.textContent())!) as {
        type: string;
        data: Record<string, unknown>;
      };
      expect(body.type).toBe('order.created');
      expect(body.data).toHaveProperty('orderId');
      expect(body.data).toHaveProperty('lines');
      await shoot('automation-events');
    });

    it('refuses a viewer’s replay at the API (403)', async () => {
      const viewerContext = await browser.newContext();
      try {
        const viewer = await viewerContext.newPage();
        await signInAs(viewer, hub.url, 'vic');
        await viewer.goto(`${hub.url}/#/automation/webhooks/${webhookId}`);
        await viewer.getByRole('table', { name: 'Deliveries' }).waitFor();
        expect(await viewer.getByRole('button', { name: /^Replay delivery/ }).count()).toBe(0);
        expect(await viewer.getByRole('button', { name: 'Rotate secret' }).count()).toBe(0);
        const me = (await (await viewer.request.get(`${hub.url}/auth/me`)).json()) as { csrfToken: string };
        const answer = await viewer.request.post(
          `${hub.url}/webhooks/${webhookId}/deliveries/${deliveryId}/replay`,
          { headers: { 'x-csrf-token': me.csrfToken } },
        );
        expect(answer.status()).toBe(403);
        expect(receiver.received).toHaveLength(2);
      } finally {
        await viewerContext.close();
      }
    });
  });
});
