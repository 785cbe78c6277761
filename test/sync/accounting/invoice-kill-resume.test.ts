import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import { Decimal, type Hub, openHub, type Store } from '../../../src/hub/index.js';
import { FeedRunner } from '../../../src/jobs/index.js';
import { invoiceOrdersFeed } from '../../../src/sync/accounting/index.js';
import { importOrdersFeed } from '../../../src/sync/orders/index.js';
import { TEST_SECRET } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, runFeed } from '../orders/support/order-harness.js';

/**
 * invoice-orders killed with SIGKILL inside and between its transactions (pages of 10 orders), three
 * times, in a child process on a SQLite file the parent shares, then resumed to the end: every paid
 * order has exactly one invoice, the numbers run from 1 without a gap, every journal entry balances
 * and none is posted twice. (A process killed inside a transaction leaving nothing half-written is
 * the hub's own crash test, on both engines.)
 */

const PAGE = 10;
/** Each child's clock runs ahead of the previous one: the killed child's lock lease has expired for it. */
const CLOCK_STEP_MS = 10 * 60_000;
const KILLS: ReadonlyArray<readonly ['tx-begin' | 'tx-end', number]> = [
  ['tx-begin', 2],
  ['tx-end', 3],
  ['tx-begin', 4],
];
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Child {
  readonly process: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  nth(line: string, count: number): Promise<'reached' | 'finished'>;
  go(offsetMs: number): void;
}

function spawnChild(databaseUrl: string, storeName: string): Child {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/sync/accounting/support/invoice-orders-child.ts',
      JSON.stringify({ databaseUrl, secret: TEST_SECRET, store: storeName, pageSize: PAGE }),
    ],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const counts = new Map<string, number>();
  const waiters: Array<{ line: string; count: number; resolve: (value: 'reached' | 'finished') => void }> =
    [];
  let readyNow: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyNow = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') readyNow();
    if (line.startsWith('finished')) for (const waiter of waiters.splice(0)) waiter.resolve('finished');
    counts.set(line, (counts.get(line) ?? 0) + 1);
    for (const waiter of [...waiters]) {
      if (waiter.line === line && counts.get(line) === waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve('reached');
      }
    }
  });
  return {
    process: child,
    ready,
    exited,
    nth: (line, count) => new Promise((resolve) => waiters.push({ line, count, resolve })),
    go: (offsetMs) => child.stdin.write(`go ${offsetMs}\n`),
  };
}

describe('invoice-orders killed and resumed', () => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  let folder: string;
  let databaseUrl: string;
  const children: Child[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', sizes: { orders: 120 } });
    folder = mkdtempSync(join(tmpdir(), 'prestabridge-invoices-kill-'));
    databaseUrl = join(folder, 'hub.sqlite');
    hub = await openHub({ databaseUrl, secret: TEST_SECRET, env: {} });
    await hub.masterData.upsert('accounts', [
      { code: '411000', name: 'Customers', kind: 'ledger' },
      { code: '707000', name: 'Sales of goods', kind: 'ledger' },
      { code: '445710', name: 'VAT collected', kind: 'ledger' },
      { code: '512000', name: 'Bank', kind: 'bank' },
    ]);
    store = await addEmulatorStore(hub, emulator, 'killed', {
      invoices: { enabled: true },
      journal: {
        enabled: true,
        receivableAccount: '411000',
        salesAccount: '707000',
        taxAccount: '445710',
        bankAccount: '512000',
      },
    });
    expect((await runFeed(hub, importOrdersFeed, store)).report.status).toBe('succeeded');
  }, 60_000);
  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await hub.close();
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('issues every invoice once, numbered without a gap, after three SIGKILLs', async () => {
    let offset = 0;
    let next = spawnChild(databaseUrl, store.name);
    children.push(next);
    for (const [point, count] of KILLS) {
      const current = next;
      await current.ready;
      next = spawnChild(databaseUrl, store.name);
      children.push(next);
      offset += CLOCK_STEP_MS;
      const reached = current.nth(point, count);
      current.go(offset);
      expect(await reached).toBe('reached');
      current.process.kill('SIGKILL');
      expect(await current.exited).toBeNull();
    }
    next.process.kill('SIGKILL');

    offset += CLOCK_STEP_MS;
    const clock = (): Date => new Date(Date.now() + offset);
    const later = await openHub({ databaseUrl, secret: TEST_SECRET, env: {}, clock });
    try {
      const resumed = await new FeedRunner({ hub: later, clock }).run({
        feed: invoiceOrdersFeed,
        store,
        trigger: 'manual',
        options: { pageSize: PAGE },
      });
      expect(resumed.run.status).toBe('succeeded');
    } finally {
      await later.close();
    }

    const invoices = await hub.accounting.listInvoices({ storeId: store.id, kind: 'invoice', limit: 1000 });
    expect(invoices.length).toBeGreaterThan(3 * PAGE);
    expect(new Set(invoices.map((invoice) => invoice.orderId)).size).toBe(invoices.length);
    const sequence = invoices.map((invoice) => Number(invoice.number.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(invoices.map((_, index) => index + 1));
    const toInvoice = await hub.accounting.ordersToInvoice(store.id, store.settings.invoices.paidStates, {
      afterId: 0,
      limit: 10,
    });
    expect(toInvoice).toEqual([]);

    const entries = await hub.accounting.journalEntries({ storeId: store.id, limit: 10_000 });
    expect(new Set(entries.map((entry) => entry.sourceKey)).size).toBe(entries.length);
    const documents = await hub.accounting.listInvoices({ storeId: store.id, limit: 1000 });
    expect(entries.filter((entry) => entry.journalCode === 'VE')).toHaveLength(documents.length);
    for (const entry of entries) {
      const debit = Decimal.sum(entry.lines.map((line) => line.debit));
      expect(debit.eq(Decimal.sum(entry.lines.map((line) => line.credit))), entry.entryNumber ?? '').toBe(
        true,
      );
    }
  }, 120_000);
});
