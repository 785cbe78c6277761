import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  addWebhook,
  deliverWebhooks,
  isInternalAddress,
  ReceiverRefusedError,
  rotateWebhookSecret,
} from '../../src/automation/index.js';
import type { EventInput, Hub } from '../../src/hub/index.js';
import { describeEachEngine, type ManualClock, manualClock } from '../support/databases.js';
import { TestReceiver } from './receiver.js';

function runFailed(runId: number): EventInput {
  return {
    type: 'run.failed',
    storeId: null,
    subject: `run:${runId}`,
    data: {
      runId,
      storeId: null,
      feed: 'import-orders',
      error: 'boom',
      finishedAt: '2026-01-15T09:00:00.000Z',
    },
  };
}

function orderUpdated(orderId: number): EventInput {
  return {
    type: 'order.updated',
    storeId: 1,
    subject: `order:${orderId}`,
    data: {
      orderId,
      storeId: 1,
      externalId: String(orderId),
      reference: `REF${orderId}`,
      storeStateId: 2,
      hubStatus: 'approved',
      currency: 'EUR',
      totalPaidTaxIncl: '10.000000',
      totalPaidTaxExcl: '8.330000',
      totalProductsTaxIncl: '10.000000',
      totalShippingTaxIncl: '0.000000',
      placedAt: '2026-01-15T08:00:00.000Z',
      storeUpdatedAt: '2026-01-15T08:30:00.000Z',
      customerExternalId: '1',
      lines: [],
      changes: ['state'],
    },
  };
}

/** The headers as the reference library wants them (strings). */
function headersOf(received: { headers: Record<string, unknown> }): Record<string, string> {
  return Object.fromEntries(Object.entries(received.headers).map(([key, value]) => [key, String(value)]));
}

describe('receiver addresses', () => {
  it('are internal when loopback, private, link-local or mapped to one', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ])
      expect(isInternalAddress(address), address).toBe(true);
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8'])
      expect(isInternalAddress(address), address).toBe(false);
  });
});

describeEachEngine('webhook delivery', (engine) => {
  let hub: Hub;
  let clock: ManualClock;
  let receiver: TestReceiver;
  const lines: string[] = [];

  beforeEach(async () => {
    // Now: the reference library refuses timestamps more than 5 minutes from the real clock.
    clock = manualClock(new Date());
    hub = await engine.openHub({ clock });
    for (const subscription of await hub.webhooks.list()) await hub.webhooks.remove(subscription.id);
    receiver = await TestReceiver.start();
    lines.length = 0;
  });
  afterEach(async () => {
    await receiver.close();
  });

  const deliver = (extra: Partial<Parameters<typeof deliverWebhooks>[0]> = {}) =>
    deliverWebhooks({ hub, clock, timeoutMs: 300, log: (_level, line) => lines.push(line), ...extra });

  it('refuses a receiver on 127.0.0.1 unless an admin allows it, and anything but http(s)', async () => {
    await expect(addWebhook(hub, { url: receiver.url, eventTypes: ['order.updated'] })).rejects.toThrow(
      ReceiverRefusedError,
    );
    await expect(addWebhook(hub, { url: receiver.url, eventTypes: ['order.updated'] })).rejects.toThrow(
      /private, loopback or link-local address.*--allow-private/,
    );
    await expect(
      addWebhook(hub, { url: 'ftp://example.com/x', eventTypes: ['order.updated'] }),
    ).rejects.toThrow(/Only http and https/);
    await expect(addWebhook(hub, { url: 'http://[::1]:9/x', eventTypes: ['order.updated'] })).rejects.toThrow(
      ReceiverRefusedError,
    );
    expect(await hub.webhooks.list()).toEqual([]);
    const { subscription, secret } = await addWebhook(hub, {
      url: receiver.url,
      eventTypes: ['order.updated'],
      allowPrivate: true,
    });
    expect(subscription.allowPrivate).toBe(true);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });

  it('does not send to an internal receiver at delivery time either, and gives the message up at once', async () => {
    // Written past the check (as if the check were skipped): the sender checks the address again.
    const subscription = await hub.webhooks.create({
      url: receiver.url,
      eventTypes: ['run.failed'],
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
    await hub.events.append([runFailed(1)]);
    const report = await deliver();
    expect(report).toMatchObject({ attempts: 1, delivered: 0, failed: 1 });
    expect(receiver.received).toHaveLength(0);
    const [message] = await hub.webhooks.messages(subscription.id);
    expect(message?.lastError).toMatch(/private, loopback or link-local/);
    expect((await hub.webhooks.get(subscription.id)).status).toBe('failing');
  });

  it('signs every message as Standard Webhooks specifies (verified by the reference library) and sends them in order', async () => {
    const { subscription, secret } = await addWebhook(hub, {
      url: receiver.url,
      eventTypes: ['run.failed'],
      allowPrivate: true,
    });
    await hub.events.append([runFailed(1), runFailed(2), orderUpdated(5)]);
    await hub.events.append([runFailed(3)]);
    const report = await deliver();
    expect(report).toMatchObject({ delivered: 3, retrying: 0, failed: 0 });
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { subject: string }).subject)).toEqual([
      'run:1',
      'run:2',
      'run:3',
    ]);
    const verifier = new Webhook(secret);
    for (const received of receiver.received) {
      const payload = verifier.verify(received.body, headersOf(received)) as {
        type: string;
        data: { runId: number };
      };
      expect(payload.type).toBe('run.failed');
      expect(received.headers['webhook-timestamp']).toBe(String(Math.floor(clock().getTime() / 1000)));
      expect(received.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
    }
    expect(new Set(receiver.received.map((r) => r.webhookId)).size).toBe(3);
    // Another secret does not verify: the signature is real.
    expect(() =>
      new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(
        receiver.received[0]?.body ?? '',
        headersOf(receiver.received[0] ?? { headers: {} }),
      ),
    ).toThrow();
    const messages = await hub.webhooks.messages(subscription.id);
    expect(messages.map((m) => m.status)).toEqual(['done', 'done', 'done']);
    const attempts = await hub.webhooks.attempts(messages[0]?.id ?? 0);
    expect(attempts).toMatchObject([{ ok: true, statusCode: 200, responseExcerpt: 'thanks', attempt: 1 }]);
    expect((await hub.webhooks.get(subscription.id)).watermarkEventId).toBe(messages[0]?.eventIds[0]);
  });

  it('retries a 500 and a timeout with exponential backoff, the next message waiting behind, then delivers with the same webhook-id', async () => {
    const { subscription } = await addWebhook(hub, {
      url: receiver.url,
      eventTypes: ['run.failed'],
      allowPrivate: true,
    });
    await hub.events.append([runFailed(1), runFailed(2)]);
    receiver.answers.push(500, 'hang');

    expect(await deliver()).toMatchObject({ attempts: 1, retrying: 1 });
    expect(receiver.received).toHaveLength(1);
    // Not due yet: nothing is sent, and the second message does not overtake the first.
    expect(await deliver()).toMatchObject({ attempts: 0 });
    clock.advance(4_999);
    expect(await deliver()).toMatchObject({ attempts: 0 });
    clock.advance(1);
    expect(await deliver()).toMatchObject({ attempts: 1, retrying: 1 }); // the receiver hangs: timeout
    const [first] = await hub.webhooks.pendingMessages(subscription.id, 1);
    expect(first?.nextAttemptAt).toBe(new Date(clock().getTime() + 10_000).toISOString());
    clock.advance(10_000);
    expect(await deliver()).toMatchObject({ attempts: 2, delivered: 2 });

    const ids = receiver.received.map((r) => r.webhookId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[1]).toBe(ids[2]);
    expect(ids[3]).not.toBe(ids[0]);
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { subject: string }).subject)).toEqual([
      'run:1',
      'run:1',
      'run:1',
      'run:2',
    ]);
    const attempts = await hub.webhooks.attempts(first?.id ?? 0);
    expect(attempts.map((a) => [a.ok, a.statusCode])).toEqual([
      [false, 500],
      [false, null],
      [true, 200],
    ]);
    expect(attempts[0]?.responseExcerpt).toBe('receiver says 500');
    expect(attempts[1]?.error).toMatch(/no answer within 300 ms/);
  });

  it('gives a message up after a day of retries: the subscription is failing, an admin is told, resume sends it', async () => {
    const { subscription: watcher } = await addWebhook(hub, {
      url: receiver.url.replace('/hooks', '/admin'),
      eventTypes: ['webhook.failing'],
      allowPrivate: true,
    });
    await hub.webhooks.pause(watcher.id);
    const { subscription } = await addWebhook(hub, {
      url: receiver.url,
      eventTypes: ['run.failed'],
      allowPrivate: true,
    });
    await hub.events.append([runFailed(1)]);
    receiver.fallback = 503;
    const start = clock().getTime();
    let attempts = 0;
    for (;;) {
      const report = await deliver();
      attempts += report.attempts;
      if (report.failed > 0) break;
      const [pending] = await hub.webhooks.pendingMessages(subscription.id, 1);
      clock.set(new Date(pending?.nextAttemptAt ?? clock().toISOString()));
    }
    expect(clock().getTime() - start).toBeGreaterThanOrEqual(24 * 3600_000);
    expect(clock().getTime() - start).toBeLessThan(25 * 3600_000);
    expect(attempts).toBeGreaterThan(20);
    expect(attempts).toBeLessThan(40);
    expect((await hub.webhooks.get(subscription.id)).status).toBe('failing');
    expect(lines.join('\n')).toMatch(
      new RegExp(
        `Webhook subscription ${subscription.id} .* is failing: .*prestabridge webhooks resume ${subscription.id}`,
      ),
    );
    const [failing] = await hub.events.list({ types: ['webhook.failing'] });
    expect(failing?.data).toMatchObject({ subscriptionId: subscription.id, url: receiver.url });

    // Nothing goes to a failing subscription, even new events (they wait).
    await hub.events.append([runFailed(2)]);
    receiver.received.length = 0;
    await hub.webhooks.resume(watcher.id);
    receiver.fallback = 200;
    await deliver();
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual([
      'webhook.failing',
    ]);

    await hub.webhooks.resume(subscription.id);
    receiver.received.length = 0;
    expect(await deliver()).toMatchObject({ delivered: 2 });
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { subject: string }).subject)).toEqual([
      'run:1',
      'run:2',
    ]);
  });

  it('replays a delivered message with the same webhook-id and body; a rotated secret signs beside the old one for a day', async () => {
    const { subscription, secret: oldSecret } = await addWebhook(hub, {
      url: receiver.url,
      eventTypes: ['run.failed'],
      allowPrivate: true,
    });
    await hub.events.append([runFailed(7)]);
    await deliver();
    const [message] = await hub.webhooks.messages(subscription.id);
    const { secret: newSecret, subscription: rotated } = await rotateWebhookSecret(
      hub,
      subscription.id,
      clock(),
    );
    expect(rotated.previousSecretExpiresAt).toBe(new Date(clock().getTime() + 24 * 3600_000).toISOString());
    expect(await hub.webhooks.replay(message?.id ?? 0)).toBe(true);
    expect(await hub.webhooks.replay(message?.id ?? 0)).toBe(false);
    await deliver();
    expect(receiver.received).toHaveLength(2);
    const [first, replayed] = receiver.received;
    expect(replayed?.webhookId).toBe(first?.webhookId);
    expect(replayed?.body).toBe(first?.body);
    expect(String(replayed?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret])
      expect(() =>
        new Webhook(secret).verify(replayed?.body ?? '', headersOf(replayed ?? { headers: {} })),
      ).not.toThrow();

    // Rotated a day ago: the old secret signs no more (the clock stays near the real one for the verifier).
    const { secret: newest } = await rotateWebhookSecret(
      hub,
      subscription.id,
      new Date(clock().getTime() - 24 * 3600_000 - 1),
    );
    await hub.webhooks.replay(message?.id ?? 0);
    await deliver();
    const late = receiver.received[2];
    expect(String(late?.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() =>
      new Webhook(newest).verify(late?.body ?? '', headersOf(late ?? { headers: {} })),
    ).not.toThrow();
    expect(() =>
      new Webhook(newSecret).verify(late?.body ?? '', headersOf(late ?? { headers: {} })),
    ).toThrow();
    expect(await hub.webhooks.attempts(message?.id ?? 0)).toHaveLength(3);
  });

  it('delivers a store-filtered subscription only the events of its store', async () => {
    const store = await hub.stores.create({ name: `filter-${engine.kind}`, url: 'https://filter.test' });
    const { subscription } = await addWebhook(hub, {
      url: receiver.url,
      eventTypes: ['order.updated', 'run.failed'],
      storeId: store.id,
      allowPrivate: true,
    });
    await hub.events.append([
      { ...orderUpdated(1), storeId: store.id },
      { ...orderUpdated(2), storeId: store.id + 1000 },
      runFailed(3),
    ]);
    await deliver();
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { subject: string }).subject)).toEqual([
      'order:1',
    ]);
    expect((await hub.webhooks.counts(subscription.id)).done).toBe(1);
  });
});
