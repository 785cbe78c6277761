import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { addWebhook, type BatchBody, deliverWebhooks } from '../../src/automation/index.js';
import type { EventInput, Hub } from '../../src/hub/index.js';
import { describeEachEngine, type ManualClock, manualClock } from '../support/databases.js';
import { TestReceiver } from './receiver.js';

function orderUpdated(orderId: number, state: number): EventInput {
  return {
    type: 'order.updated',
    storeId: 1,
    subject: `order:${orderId}`,
    data: {
      orderId,
      storeId: 1,
      externalId: String(orderId),
      reference: null,
      storeStateId: state,
      hubStatus: 'approved',
      currency: 'EUR',
      totalPaidTaxIncl: '1.000000',
      totalPaidTaxExcl: '1.000000',
      totalProductsTaxIncl: '1.000000',
      totalShippingTaxIncl: '0.000000',
      placedAt: '2026-01-15T08:00:00.000Z',
      storeUpdatedAt: null,
      customerExternalId: null,
      lines: [],
      changes: ['state'],
    },
  };
}

describeEachEngine('the order-updated trigger', (engine) => {
  let hub: Hub;
  let clock: ManualClock;
  let receiver: TestReceiver;

  beforeAll(async () => {
    clock = manualClock(new Date());
    hub = await engine.openHub({ clock });
  });
  beforeEach(async () => {
    receiver = await TestReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
  });

  const bodies = () => receiver.received.map((r) => JSON.parse(r.body) as BatchBody);
  const deliver = () => deliverWebhooks({ hub, clock, timeoutMs: 1000 });

  it('delivers more changes than its ceiling over several cycles, oldest first, without gap, the watermark moving only after delivery', async () => {
    const { subscription } = await addWebhook(hub, {
      url: receiver.url,
      eventTypes: ['order.updated'],
      mode: 'batch',
      ceiling: 5,
      pollIntervalSeconds: 60,
      allowPrivate: true,
    });
    const ids = await hub.events.append(Array.from({ length: 12 }, (_, i) => orderUpdated(i + 1, 2)));

    expect(await deliver()).toMatchObject({ delivered: 1 });
    // The next cycle is a poll interval later, however many changes wait.
    expect(await deliver()).toMatchObject({ attempts: 0 });
    expect(bodies()).toHaveLength(1);
    expect((await hub.webhooks.get(subscription.id)).watermarkEventId).toBe(ids[4]);

    // Order 6 changes again: its new change waits behind the older ones.
    await hub.events.append([orderUpdated(6, 3)]);
    receiver.answers.push(500);
    clock.advance(60_000);
    expect(await deliver()).toMatchObject({ attempts: 1, retrying: 1 });
    expect((await hub.webhooks.get(subscription.id)).watermarkEventId).toBe(ids[4]);
    clock.advance(5_000);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(receiver.received[2]?.webhookId).toBe(receiver.received[1]?.webhookId);
    expect(receiver.received[2]?.body).toBe(receiver.received[1]?.body);
    expect((await hub.webhooks.get(subscription.id)).watermarkEventId).toBe(ids[9]);

    // Order 11 changes twice within one cycle: it is in it once, as its newest change.
    await hub.events.append([orderUpdated(11, 4)]);
    clock.advance(60_000);
    await deliver();
    clock.advance(60_000);
    expect(await deliver()).toMatchObject({ attempts: 0 });

    const delivered = [bodies()[0], bodies()[2], bodies()[3]];
    for (const body of delivered) {
      expect(body?.trigger).toBe('order-updated');
      expect(body?.type).toBe('order.updated');
      expect(body?.items.length).toBeLessThanOrEqual(5);
    }
    const items = delivered.map((body) => body?.items.map((item) => item.subject) ?? []);
    expect(items).toEqual([
      ['order:1', 'order:2', 'order:3', 'order:4', 'order:5'],
      ['order:6', 'order:7', 'order:8', 'order:9', 'order:10'],
      ['order:12', 'order:6', 'order:11'],
    ]);
    const state = (subject: string) =>
      (delivered[2]?.items.find((item) => item.subject === subject)?.data as { storeStateId: number })
        .storeStateId;
    expect(state('order:6')).toBe(3);
    expect(state('order:11')).toBe(4);
    expect(await hub.webhooks.counts(subscription.id)).toMatchObject({ done: 3, pending: 0, queued: 0 });
    expect(receiver.received).toHaveLength(4);
  });
});
