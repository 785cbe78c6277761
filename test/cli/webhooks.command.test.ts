import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { deliverWebhooks } from '../../src/automation/index.js';
import type { Hub } from '../../src/hub/index.js';
import { TestReceiver } from '../automation/receiver.js';
import { captureIo } from '../support/capture-io.js';
import { describeEachEngine, type EngineUnderTest } from '../support/databases.js';
import { hubEnv, runCli } from './hub-cli-harness.js';

function cli(engine: EngineUnderTest, args: readonly string[]) {
  return runCli(engine, args, { io: captureIo(hubEnv(engine), []) });
}

describeEachEngine('prestabridge webhooks', (engine) => {
  let hub: Hub;
  let receiver: TestReceiver;
  beforeAll(async () => {
    hub = await engine.openHub();
    receiver = await TestReceiver.start();
  });
  afterAll(async () => receiver.close());

  it('refuses a receiver on 127.0.0.1 unless --allow-private, prints the secret once, lists, shows deliveries and replays', async () => {
    const refused = await cli(engine, ['webhooks', 'add', receiver.url, '--events', 'run.failed']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('private, loopback or link-local');
    const unknown = await cli(engine, [
      'webhooks',
      'add',
      receiver.url,
      '--events',
      'order.exploded',
      '--allow-private',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("'order.exploded' is not an event type");

    const added = await cli(engine, [
      'webhooks',
      'add',
      receiver.url,
      '--events',
      'run.failed',
      '--allow-private',
    ]);
    expect(added.code).toBe(0);
    const secret =
      /Signing secret \(shown once, keep it in the receiver\): (whsec_\S+)/.exec(added.out)?.[1] ?? '';
    expect(secret).not.toBe('');
    const [subscription] = await hub.webhooks.list();
    const id = String(subscription?.id);

    const listed = await cli(engine, ['webhooks', 'list']);
    expect(listed.out).toMatch(
      new RegExp(
        `${id}\\s+active\\s+${receiver.url.replace(/[/.]/g, '\\$&')}\\s+run\\.failed\\s+all\\s+event`,
      ),
    );
    expect(listed.out + (await cli(engine, ['webhooks', 'show', id])).out).not.toContain(secret);

    await hub.events.append([
      {
        type: 'run.failed',
        storeId: null,
        subject: 'run:1',
        data: {
          runId: 1,
          storeId: null,
          feed: 'import-orders',
          error: 'boom',
          finishedAt: new Date().toISOString(),
        },
      },
    ]);
    await deliverWebhooks({ hub });
    expect(() =>
      new Webhook(secret).verify(receiver.received[0]?.body ?? '', {
        'webhook-id': receiver.received[0]?.webhookId ?? '',
        'webhook-timestamp': String(receiver.received[0]?.headers['webhook-timestamp']),
        'webhook-signature': String(receiver.received[0]?.headers['webhook-signature']),
      }),
    ).not.toThrow();

    const deliveries = await cli(engine, ['webhooks', 'deliveries', id]);
    expect(deliveries.out).toMatch(/done\s+run\.failed\s+1\s+1\s+200/);
    const [message] = await hub.webhooks.messages(subscription?.id ?? 0);
    const attempts = await cli(engine, ['webhooks', 'deliveries', id, '--message', String(message?.id)]);
    expect(attempts.out).toContain(`webhook-id ${message?.webhookId}`);
    expect(attempts.out).toMatch(/1\s+\S+\s+ok\s+200\s+\d+ ms\s+thanks/);

    expect((await cli(engine, ['webhooks', 'replay', String(message?.id)])).out).toContain('queued again');
    await deliverWebhooks({ hub });
    expect(receiver.received.map((r) => r.webhookId)).toEqual([message?.webhookId, message?.webhookId]);

    expect((await cli(engine, ['webhooks', 'pause', id])).out).toContain('paused');
    expect((await hub.webhooks.get(Number(id))).status).toBe('paused');
    const rotated = await cli(engine, ['webhooks', 'rotate', id]);
    expect(rotated.out).toMatch(/New signing secret \(shown once\): whsec_/);
    expect((await cli(engine, ['webhooks', 'remove', id])).out).toBe(`Webhook ${id} removed.\n`);
    expect(await hub.webhooks.list()).toEqual([]);
  });
});
