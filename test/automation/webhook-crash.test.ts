import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { afterAll, expect, it } from 'vitest';

import { addWebhook, deliverWebhooks } from '../../src/automation/index.js';
import type { EventInput } from '../../src/hub/index.js';
import { describeEachEngine, manualClock, TEST_SECRET } from '../support/databases.js';
import { TestReceiver } from './receiver.js';

const child = fileURLToPath(new URL('./fixtures/deliver-webhooks.ts', import.meta.url));

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

describeEachEngine('a delivering process killed with kill -9', (engine) => {
  const receivers: TestReceiver[] = [];
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  it('loses no event once resumed: each delivered at least once, in order, a duplicate with the same webhook-id', async () => {
    const receiver = await TestReceiver.start();
    receivers.push(receiver);
    const setup = await engine.openHub();
    await addWebhook(setup, { url: receiver.url, eventTypes: ['run.failed'], allowPrivate: true });
    await setup.events.append(Array.from({ length: 40 }, (_, i) => runFailed(i + 1)));

    // The 15th request is never answered: the process dies with it in flight.
    receiver.answers.push(...Array<number>(14).fill(200), 'hang');
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, engine.databaseUrl(), TEST_SECRET], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await receiver.waitFor(15);
    process_.kill('SIGKILL');
    await once(process_, 'exit');

    // Resumed by another deliverer once the dead one's lease has run out.
    const clock = manualClock(new Date(Date.now() + 5 * 60_000));
    const hub = await engine.openHub({ clock });
    const report = await deliverWebhooks({ hub, clock });
    // At least the 26 never answered; successes the dead process had not recorded yet are sent again.
    expect(report.delivered).toBeGreaterThanOrEqual(26);

    const subjects = receiver.received.map((r) => (JSON.parse(r.body) as { subject: string }).subject);
    const firstSeen = [...new Set(subjects)];
    expect(firstSeen).toEqual(Array.from({ length: 40 }, (_, i) => `run:${i + 1}`));
    const idsBySubject = new Map<string, Set<string>>();
    receiver.received.forEach((r, index) => {
      const subject = subjects[index] ?? '';
      idsBySubject.set(subject, (idsBySubject.get(subject) ?? new Set()).add(r.webhookId));
    });
    for (const [subject, ids] of idsBySubject) expect(ids.size, subject).toBe(1);
    // The one in flight at the kill was sent again, with the same webhook-id; nothing after it twice.
    expect(subjects.filter((subject) => subject === 'run:15')).toHaveLength(2);
    for (let i = 16; i <= 40; i += 1)
      expect(subjects.filter((subject) => subject === `run:${i}`)).toHaveLength(1);
    expect(receiver.received).toHaveLength(15 + report.delivered);
    const [subscription] = await hub.webhooks.list();
    expect(await hub.webhooks.counts(subscription?.id ?? 0)).toMatchObject({
      done: 40,
      pending: 0,
      failed: 0,
    });
  });
});
