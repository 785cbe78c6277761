/**
 * events: order changes imported from an emulated store produce their events (written in the
 * import's transactions) and their webhook deliveries to a local receiver, delivered while the
 * import runs. Two subscriptions: one message per event (`order.created`), and the order-updated
 * trigger's batch form (every 1 s, at most 1,000 items). Prints events/s, deliveries/s (messages and
 * items), the p50/p99 delay from the change's commit to its arrival at the receiver, and the store
 * requests made while only the trigger and the deliveries ran — the trigger reads the hub's events,
 * never the store, so the goal is none beyond the order feeds'.
 *
 *   node --import tsx --expose-gc bench/events.bench.ts [--orders 100000] [--page-size 250]
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { addWebhook, WebhookDeliveryLoop } from '../src/automation/index.js';
import { openHub } from '../src/hub/index.js';
import { FeedRunner } from '../src/jobs/index.js';
import { findFeed } from '../src/sync/index.js';
import { startEmulatorProcess, totalRequests } from './support/emulator-process.js';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

const orders = Number(flag('orders') ?? 100_000);
const pageSize = Number(flag('page-size') ?? 250);
const number = (value: number): string => Math.round(value).toLocaleString('en-US');

console.log(`events: ${number(orders)} orders imported → order.created events → webhooks; SQLite hub`);
const emulator = await startEmulatorProcess({
  seed: 'large',
  sizes: { products: 500, combinations: 3, customers: 5_000, orders },
});
const folder = mkdtempSync(join(tmpdir(), 'prestabridge-events-bench-'));
const hub = await openHub({ databaseUrl: join(folder, 'hub.sqlite'), secret: 'bench', env: {} });

// The receiver: when each event arrived (single messages and batch items alike).
const delays: number[] = [];
let messages = 0;
let items = 0;
const arrived = new Set<string>();
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const now = Date.now();
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      id?: string;
      timestamp: string;
      items?: { id: string; timestamp: string }[];
    };
    messages += 1;
    for (const event of body.items ?? [body as { id: string; timestamp: string }]) {
      items += 1;
      arrived.add(`${body.items ? 'batch' : 'single'}:${event.id}`);
      delays.push(now - Date.parse(event.timestamp));
    }
    response.writeHead(204).end();
  });
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;

try {
  const store = await hub.stores.create({
    name: 'bench',
    url: emulator.url,
    webserviceKey: emulator.key,
    timeZone: 'Europe/Paris',
    languageId: 1,
    languages: [{ id: 1, iso: 'en' }],
    settings: { autoApproveStates: [2, 3, 11], extras: { syncCategories: false } },
  });
  const runner = new FeedRunner({ hub });
  const run = (feed: string) =>
    runner.run({ feed: findFeed(feed), store, trigger: 'manual', options: { pageSize } });
  await run('import-products');

  const single = await addWebhook(hub, { url, eventTypes: ['order.created'], allowPrivate: true });
  const batch = await addWebhook(hub, {
    url,
    eventTypes: ['order.created'],
    mode: 'batch',
    pollIntervalSeconds: 1,
    ceiling: 1000,
    allowPrivate: true,
  });
  const loop = new WebhookDeliveryLoop({ hub, idleMs: 100, concurrency: 2 });
  loop.start();

  await emulator.resetCounts();
  const firstEvent = (await hub.events.list({ limit: 1 }))[0]?.id ?? 0;
  const started = performance.now();
  const imported = await run('import-orders');
  const importSeconds = (performance.now() - started) / 1000;
  const importRequests = totalRequests(await emulator.counts());
  const events = ((await hub.events.list({ limit: 1 }))[0]?.id ?? 0) - firstEvent;
  await emulator.resetCounts();

  const expected = imported.run.counts.created;
  for (;;) {
    const [a, b] = await Promise.all([
      hub.webhooks.counts(single.subscription.id),
      hub.webhooks.counts(batch.subscription.id),
    ]);
    if (a.pending + a.queued + b.pending + b.queued === 0 && arrived.size >= 2 * expected) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const afterImportRequests = totalRequests(await emulator.counts());
  await loop.stop();

  delays.sort((x, y) => x - y);
  const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))] ?? 0;
  const singles = (await hub.webhooks.counts(single.subscription.id)).done;
  const batches = (await hub.webhooks.counts(batch.subscription.id)).done;
  console.log(
    `import-orders: ${number(expected)} orders created, ${number(importRequests)} store requests, ${importSeconds.toFixed(1)} s`,
  );
  console.log(
    `events written: ${number(events)} (order.created and customer.created; ${number(events / importSeconds)} events/s, in the import's transactions)`,
  );
  console.log(
    `deliveries: ${number(singles)} single messages + ${number(batches)} trigger activations = ${number(messages)} requests to the receiver, ${number(items)} events delivered ` +
      `in ${totalSeconds.toFixed(1)} s from the import's start → ${number(messages / totalSeconds)} deliveries/s, ${number(items / totalSeconds)} delivered events/s`,
  );
  console.log(
    `delay from change to delivery: p50 ${number(pct(50))} ms, p99 ${number(pct(99))} ms, max ${number(pct(100))} ms`,
  );
  console.log(
    `store requests after the import, while only the trigger and deliveries ran: ${number(afterImportRequests)} (goal: 0)`,
  );
  if (arrived.size < 2 * expected) throw new Error(`only ${arrived.size} of ${2 * expected} events arrived`);
} finally {
  server.closeAllConnections();
  server.close();
  await hub.close();
  await emulator.stop();
  rmSync(folder, { recursive: true, force: true });
}
